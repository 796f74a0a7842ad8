import type { WorkflowCtx } from "@convex-dev/workflow";
import { SAGA_COMPENSATION_FAILED } from "./errors.js";
import { errorSummary } from "./outcome.js";
import type { SagaOutcome } from "./outcome.js";
import type { AnySagaDefinition, NamedSagaStep, SagaFailure } from "./types.js";

/** The arguments of a saga's workflow. */
export interface SagaWorkflowArgs {
  sagaType: string;
  sagaId: string;
  input: unknown;
}

/** The prefix of a compensation's workflow step names. */
export const COMPENSATION_STEP_PREFIX = "compensate:";

/**
 * The workflow handler of a saga: runs the steps in order; when one throws, runs the
 * compensations of the completed steps in reverse order and returns `compensated`. A
 * compensation that throws fails the workflow (SAGA_COMPENSATION_FAILED), so the saga ends
 * `failed` and a retry resumes with that compensation. The handler writes nothing itself: the
 * saga's status is the `onComplete`'s to record.
 */
export function sagaHandler(saga: AnySagaDefinition) {
  return async (step: WorkflowCtx, args: SagaWorkflowArgs): Promise<SagaOutcome> => {
    const base = { sagaType: args.sagaType, sagaId: args.sagaId, input: args.input };
    const results: Record<string, unknown> = {};
    const completed: { step: NamedSagaStep; result: unknown; results: object }[] = [];
    for (const current of saga.steps as readonly NamedSagaStep[]) {
      const before = { ...results };
      let result: unknown;
      try {
        result = await current.run(namedSteps(step, current.name), { ...base, results: before });
      } catch (error) {
        const failure: SagaFailure = { step: current.name, error: errorSummary(messageOf(error)) };
        const compensatedSteps = await compensate(step, base, [...completed].reverse(), failure);
        return {
          status: "compensated",
          failedStep: failure.step,
          error: failure.error,
          compensatedSteps,
        };
      }
      results[current.name] = result;
      completed.push({ step: current, result, results: before });
    }
    return { status: "completed" };
  };
}

async function compensate(
  step: WorkflowCtx,
  base: SagaWorkflowArgs,
  newestFirst: readonly { step: NamedSagaStep; result: unknown; results: object }[],
  failure: SagaFailure,
): Promise<string[]> {
  const compensated: string[] = [];
  for (const done of newestFirst) {
    if (done.step.compensate === undefined) continue;
    try {
      await done.step.compensate(namedSteps(step, COMPENSATION_STEP_PREFIX + done.step.name), {
        ...base,
        results: done.results,
        result: done.result,
        failure,
      });
    } catch (error) {
      throw new Error(
        `${SAGA_COMPENSATION_FAILED}: the compensation of step "${done.step.name}" failed ` +
          `(${errorSummary(messageOf(error))}) while undoing the failure of step "${failure.step}" ` +
          `(${failure.error}); compensated so far: ${compensated.join(", ") || "none"}. ` +
          `Fix the cause and retry the saga: it resumes with this compensation.`,
      );
    }
    compensated.push(done.step.name);
  }
  return compensated;
}

/**
 * The workflow ctx a saga step sees: function steps are named after the saga step unless the
 * call names them, so the workflow journal (and `inspect`) reads in saga terms.
 */
function namedSteps(step: WorkflowCtx, name: string): WorkflowCtx {
  type AnyRun = (fn: unknown, args?: unknown, options?: object) => Promise<unknown>;
  const withName =
    (run: AnyRun): AnyRun =>
    (fn, args, options) =>
      run(fn, args, { name, ...options });
  return {
    ...step,
    runQuery: withName(step.runQuery as AnyRun) as WorkflowCtx["runQuery"],
    runMutation: withName(step.runMutation as AnyRun) as WorkflowCtx["runMutation"],
    runAction: withName(step.runAction as AnyRun) as WorkflowCtx["runAction"],
    withOptions: (defaults) => namedSteps(step.withOptions(defaults), name),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
