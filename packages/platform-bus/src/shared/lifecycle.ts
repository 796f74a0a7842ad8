import { defineFSM } from "@convex-es/platform-fsm";
import type { StateOf } from "@convex-es/platform-fsm";
import type { CommandStatus, FinalCommandStatus } from "./types.js";

/**
 * The command status lifecycle: a command is `pending` while it executes and ends exactly once
 * in `executed`, `rejected` or `failed`. A final status never changes.
 */
export const commandLifecycle = defineFSM({
  name: "commandStatus",
  initial: "pending",
  transitions: {
    pending: ["executed", "rejected", "failed"],
    executed: [],
    rejected: [],
    failed: [],
  },
});

// The machine and the validators name the same statuses; a drift fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _statusesAgree: Same<StateOf<typeof commandLifecycle>, CommandStatus> = true;

/** True for the statuses a command ends in. */
export function isFinalStatus(status: CommandStatus): status is FinalCommandStatus {
  return commandLifecycle.isTerminal(status);
}
