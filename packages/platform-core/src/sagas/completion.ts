import { sagaError } from "./errors.js";
import { errorSummary } from "./outcome.js";
import type { SagaCompletion, SagaOutcome } from "./outcome.js";
import { sagaLifecycle } from "./status.js";
import type { SagaStatus } from "./status.js";
import { findSaga, sagaWriter } from "./store.js";
import type { SagaDoc, SagaWriterCtx } from "./store.js";

type OutcomeFields = Pick<SagaDoc, "status" | "failedStep" | "compensatedSteps" | "error">;

/**
 * Records how a saga's workflow ended: the body of the `onComplete` mutation, the only place a
 * saga leaves `running`. Throws (and writes nothing) for an unknown saga, another workflow's
 * completion or a saga that is not running; the workflow component keeps such a failed
 * `onComplete` in its `onCompleteFailures` table.
 */
export async function recordSagaCompletion(
  ctx: SagaWriterCtx,
  completion: SagaCompletion,
): Promise<null> {
  const db = sagaWriter(ctx);
  const { sagaType, sagaId } = completion.context;
  const saga = await findSaga(db, sagaType, sagaId);
  if (saga === null) {
    throw sagaError({
      code: "SAGA_NOT_FOUND",
      message: `workflow ${completion.workflowId} completed for saga "${sagaType}" "${sagaId}", which is not in the sagas table; it is inserted when the saga starts and never deleted by the platform`,
      sagaType,
      sagaId,
    });
  }
  if (saga.workflowId !== completion.workflowId) {
    throw sagaError({
      code: "SAGA_WORKFLOW_MISMATCH",
      message: `workflow ${completion.workflowId} completed for saga "${sagaType}" "${sagaId}", which runs workflow ${saga.workflowId}; only the saga's own workflow may record its outcome`,
      sagaType,
      sagaId,
    });
  }
  const outcome = outcomeFields(completion.result);
  if (!sagaLifecycle.canTransition(saga.status, outcome.status)) {
    throw sagaError({
      code: "INVALID_SAGA_TRANSITION",
      message: `saga "${sagaType}" "${sagaId}" cannot change from "${saga.status}" to "${outcome.status}": only a running saga records an outcome`,
      sagaType,
      sagaId,
      currentStatus: saga.status,
      requestedStatus: outcome.status,
    });
  }
  const now = Date.now();
  await db.patch("sagas", saga._id, { ...outcome, updatedAt: now, completedAt: now });
  return null;
}

function outcomeFields(result: SagaCompletion["result"]): OutcomeFields {
  switch (result.kind) {
    case "canceled":
      return only("canceled");
    case "failed":
      return { ...only("failed"), error: errorSummary(result.error) };
    case "success": {
      const value: unknown = result.returnValue;
      if (isOutcome(value)) {
        if (value.status === "completed") return only("completed");
        return {
          status: "compensated",
          failedStep: value.failedStep,
          error: value.error,
          compensatedSteps: value.compensatedSteps,
        };
      }
      // The workflow's returns validator makes this unreachable; recorded, not dropped, if not.
      return {
        ...only("failed"),
        error: `the saga workflow returned ${JSON.stringify(value)}, not a saga outcome`,
      };
    }
  }
}

/** Only the status: fields of an earlier attempt are cleared (`undefined` removes a field). */
function only(status: SagaStatus): OutcomeFields {
  return { status, failedStep: undefined, compensatedSteps: undefined, error: undefined };
}

function isOutcome(value: unknown): value is SagaOutcome {
  if (typeof value !== "object" || value === null) return false;
  const status = (value as { status?: unknown }).status;
  if (status === "completed") return true;
  const { failedStep, error, compensatedSteps } = value as Record<string, unknown>;
  return (
    status === "compensated" &&
    typeof failedStep === "string" &&
    typeof error === "string" &&
    Array.isArray(compensatedSteps) &&
    compensatedSteps.every((step) => typeof step === "string")
  );
}
