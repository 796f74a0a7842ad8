import { defineFSM } from "@convex-es/platform-fsm";
import type { StateOf } from "@convex-es/platform-fsm";

/**
 * The lifecycle of a process manager instance. An event moves an instance from `idle` to
 * `processing`; the reaction ends in `idle` (waiting for the next event), `completed` (no event
 * is accepted any more) or `failed` (the event is dead-lettered; later events are held until an
 * operator retries or ignores it). `processing` lasts one transaction, so stored instances are
 * idle, completed or failed.
 *
 * ```
 * idle -> processing -> idle | completed | failed
 * failed -> processing (retry or ignore of the dead letter)
 * ```
 */
export const processManagerLifecycle = defineFSM({
  name: "processManagerLifecycle",
  initial: "idle",
  transitions: {
    idle: ["processing"],
    processing: ["idle", "completed", "failed"],
    completed: [],
    failed: ["processing"],
  },
});

export type ProcessManagerStatus = StateOf<typeof processManagerLifecycle>;

/** Every lifecycle state, in definition order. */
export const PROCESS_MANAGER_STATUSES = processManagerLifecycle.states;
