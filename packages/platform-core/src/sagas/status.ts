import { defineFSM } from "@convex-es/platform-fsm";
import type { StateOf } from "@convex-es/platform-fsm";
import { v } from "convex/values";
import type { Infer } from "convex/values";

/** Every status a saga can have, in lifecycle order. */
export const SAGA_STATUSES = ["running", "completed", "compensated", "failed", "canceled"] as const;

/** The status of a saga, as stored in the `sagas` table. */
export const vSagaStatus = v.union(
  v.literal("running"),
  v.literal("completed"),
  v.literal("compensated"),
  v.literal("failed"),
  v.literal("canceled"),
);
export type SagaStatus = Infer<typeof vSagaStatus>;

/**
 * The saga lifecycle. A saga is `running` from its start until its workflow's `onComplete`
 * records how it ended: `completed` (every step succeeded), `compensated` (a step failed and the
 * completed steps were undone), `failed` (a compensation or the workflow itself failed: an
 * operator must look) or `canceled`. Only a `failed` saga runs again, through a retry.
 */
export const sagaLifecycle = defineFSM({
  name: "sagaStatus",
  initial: "running",
  transitions: {
    running: ["completed", "compensated", "failed", "canceled"],
    completed: [],
    compensated: [],
    failed: ["running"],
    canceled: [],
  },
});

// The machine, the list and the validator name the same statuses; a drift fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _machineAgrees: Same<StateOf<typeof sagaLifecycle>, SagaStatus> = true;
const _listAgrees: Same<(typeof SAGA_STATUSES)[number], SagaStatus> = true;
