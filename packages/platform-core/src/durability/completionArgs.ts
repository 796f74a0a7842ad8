// The arguments @convex-dev/workpool and @convex-dev/action-retrier pass to an `onComplete`
// mutation. Restated as validators here, and pinned to the components' own types, so this
// package needs those components only as types (they are optional peers).
import type { OnCompleteArgs as WorkpoolOnCompleteArgs } from "@convex-dev/workpool";
import type { RunId, runResultValidator } from "@convex-dev/action-retrier";
import { v } from "convex/values";
import type { Infer, Validator, VString } from "convex/values";

/** A Workpool job's outcome. */
export const vWorkResult = v.union(
  v.object({ kind: v.literal("success"), returnValue: v.any() }),
  v.object({ kind: v.literal("failed"), error: v.string() }),
  v.object({ kind: v.literal("canceled") }),
);
export type WorkResult = Infer<typeof vWorkResult>;

/** The args of a Workpool `onComplete` mutation whose context has the validator `context`. */
export function vWorkpoolOnCompleteArgs<Context extends Validator<unknown, "required", string>>(
  context: Context,
) {
  return { workId: v.string(), context, result: vWorkResult };
}
const _workpoolFits = {} as {
  workId: string;
  context: unknown;
  result: WorkResult;
} satisfies WorkpoolOnCompleteArgs;

/** An action-retrier run's outcome. */
export const vRetrierResult = v.union(
  v.object({ type: v.literal("success"), returnValue: v.any() }),
  v.object({ type: v.literal("failed"), error: v.string() }),
  v.object({ type: v.literal("canceled") }),
);
export type RetrierResult = Infer<typeof vRetrierResult>;
const _retrierFits = {} as RetrierResult satisfies Infer<typeof runResultValidator>;

/** The retrier's run id: a string, branded as the retrier's client types it. */
export const vRunId = v.string() as VString<RunId>;

/** The args of an action-retrier `onComplete` mutation. */
export const vRetrierOnCompleteArgs = { runId: vRunId, result: vRetrierResult };
export type RetrierOnCompleteArgs = { runId: RunId; result: RetrierResult };
