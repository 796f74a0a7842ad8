import type { RunResult } from "@convex-dev/workflow";
import { v } from "convex/values";
import type { Infer } from "convex/values";

/**
 * What a saga's workflow returns. A step failure is not a workflow failure: the workflow undoes
 * the completed steps and returns `compensated`; it fails only when a compensation fails (or the
 * workflow itself breaks), which the `onComplete` records as `failed`.
 */
export const vSagaOutcome = v.union(
  v.object({ status: v.literal("completed") }),
  v.object({
    status: v.literal("compensated"),
    failedStep: v.string(),
    error: v.string(),
    compensatedSteps: v.array(v.string()),
  }),
);
export type SagaOutcome = Infer<typeof vSagaOutcome>;

/** The workflow's run result handed to `onComplete` (`RunResult` of @convex-dev/workflow). */
export const vSagaRunResult = v.union(
  v.object({ kind: v.literal("success"), returnValue: v.any() }),
  v.object({ kind: v.literal("failed"), error: v.string() }),
  v.object({ kind: v.literal("canceled") }),
);
export type SagaRunResult = Infer<typeof vSagaRunResult>;
// The validator accepts exactly what the workflow component sends.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _runResultAgrees: Same<SagaRunResult, RunResult> = true;

/** The context `SagaRunner.start` gives the workflow for its `onComplete`. */
export const vSagaCompletionContext = v.object({ sagaType: v.string(), sagaId: v.string() });
export type SagaCompletionContext = Infer<typeof vSagaCompletionContext>;

/** The arguments of the `onComplete` mutation (`OnCompleteArgs` of @convex-dev/workflow). */
export const vSagaCompletion = v.object({
  workflowId: v.string(),
  result: vSagaRunResult,
  context: vSagaCompletionContext,
});
export type SagaCompletion = Infer<typeof vSagaCompletion>;

/**
 * What an error text says, for a saga record: its first line (workflow errors carry their stack
 * trace after it), without the `Error: ` the runtime puts in front. The journal keeps it whole.
 */
export function errorSummary(text: string): string {
  const line = (text.split("\n", 1)[0] ?? "").trim();
  const summary = line.replace(/^(Uncaught )?Error: /, "");
  return summary.length > 0 ? summary : text.trim();
}
