import type { WorkflowId, WorkflowManager } from "@convex-dev/workflow";
import { sagaError } from "./errors.js";
import type { SagaRecord } from "./schema.js";
import { sagaLifecycle } from "./status.js";
import { findSaga, sagaReader, sagaWriter, toSagaRecord } from "./store.js";
import type { SagaDoc, SagaInspectCtx, SagaMutationCtx, SagaQueryCtx } from "./store.js";
import type {
  CancelSagaArgs,
  InspectSagaArgs,
  ListSagasArgs,
  RetrySagaResult,
  SagaInspection,
  SagaJournalStep,
  SagaKey,
  SagaPage,
} from "./validators.js";

const MAX_PAGE = 100;
const DEFAULT_STEP_LIMIT = 100;
const MAX_STEP_LIMIT = 500;

/**
 * Sagas by status and/or type, most recently changed first (without a filter: newest first),
 * one page of at most 100. An admin operation: expose it as an internal function or behind an
 * authorization check.
 */
export async function listSagas(ctx: SagaQueryCtx, args: ListSagasArgs): Promise<SagaPage> {
  const { numItems } = args.paginationOpts;
  if (!Number.isInteger(numItems) || numItems < 1 || numItems > MAX_PAGE) {
    throw sagaError({
      code: "INVALID_SAGA_ARGUMENT",
      message: `paginationOpts.numItems must be an integer from 1 to ${MAX_PAGE} (got ${numItems})`,
    });
  }
  const db = sagaReader(ctx);
  const { status, sagaType } = args;
  const query =
    sagaType !== undefined
      ? db
          .query("sagas")
          .withIndex("by_saga_type_and_status_and_updated_at", (q) =>
            status === undefined
              ? q.eq("sagaType", sagaType)
              : q.eq("sagaType", sagaType).eq("status", status),
          )
      : status !== undefined
        ? db.query("sagas").withIndex("by_status_and_updated_at", (q) => q.eq("status", status))
        : db.query("sagas").withIndex("by_creation_time");
  const result = await query.order("desc").paginate(args.paginationOpts);
  return {
    page: result.page.map(toSagaRecord),
    isDone: result.isDone,
    continueCursor: result.continueCursor,
  };
}

/** A saga with its workflow's state and journal, or null for an unknown saga. */
export async function inspectSaga(
  ctx: SagaInspectCtx,
  workflow: WorkflowManager,
  args: InspectSagaArgs,
): Promise<SagaInspection | null> {
  const stepLimit = args.stepLimit ?? DEFAULT_STEP_LIMIT;
  if (!Number.isInteger(stepLimit) || stepLimit < 1 || stepLimit > MAX_STEP_LIMIT) {
    throw sagaError({
      code: "INVALID_SAGA_ARGUMENT",
      message: `stepLimit must be an integer from 1 to ${MAX_STEP_LIMIT} (got ${stepLimit})`,
    });
  }
  const saga = await findSaga(sagaReader(ctx), args.sagaType, args.sagaId);
  if (saga === null) return null;
  const workflowId = saga.workflowId as WorkflowId;
  const status = await workflow.status(ctx, workflowId);
  const journal = await workflow.listSteps(ctx, workflowId, {
    order: "asc",
    paginationOpts: { numItems: stepLimit, cursor: null },
  });
  return {
    saga: toSagaRecord(saga),
    workflow: {
      state: status.type,
      waitingOn: status.type === "inProgress" ? status.running.map((step) => step.name) : [],
    },
    steps: journal.page.map((step): SagaJournalStep => {
      const error = step.runResult?.kind === "failed" ? step.runResult.error : undefined;
      return {
        stepNumber: step.stepNumber,
        name: step.name,
        kind: step.kind,
        status: step.runResult?.kind ?? "inProgress",
        startedAt: step.startedAt,
        ...(step.completedAt !== undefined && { completedAt: step.completedAt }),
        ...(error !== undefined && { error }),
      };
    }),
    moreSteps: !journal.isDone,
  };
}

/**
 * Runs a `failed` saga again: its workflow restarts with the journal step that failed it (a
 * compensation that threw), or replays its journal when no step failed last (the workflow code
 * itself failed: deploy the fix first). The saga is `running` again until its `onComplete`.
 */
export async function retrySaga(
  ctx: SagaMutationCtx,
  workflow: WorkflowManager,
  args: SagaKey,
): Promise<RetrySagaResult> {
  const saga = await existingSaga(ctx, args);
  if (!sagaLifecycle.canTransition(saga.status, "running")) {
    throw sagaError({
      code: "SAGA_NOT_RETRYABLE",
      message: `saga "${saga.sagaType}" "${saga.sagaId}" is ${saga.status}: only a failed saga is retried (completed, compensated and canceled sagas are final; a running one is still running)`,
      sagaType: saga.sagaType,
      sagaId: saga.sagaId,
      status: saga.status,
    });
  }
  const workflowId = saga.workflowId as WorkflowId;
  const newest = await workflow.listSteps(ctx, workflowId, {
    order: "desc",
    paginationOpts: { numItems: 1, cursor: null },
  });
  const last = newest.page[0];
  const resumedFrom =
    last?.runResult?.kind === "failed" ? { stepNumber: last.stepNumber, name: last.name } : null;
  const now = Date.now();
  const next = {
    status: "running" as const,
    attempts: saga.attempts + 1,
    updatedAt: now,
    completedAt: undefined,
  };
  // The status changes before the restart, so an outcome recorded during it is not overwritten.
  await sagaWriter(ctx).patch("sagas", saga._id, next);
  await workflow.restart(ctx, workflowId, {
    ...(resumedFrom !== null && { from: resumedFrom.stepNumber }),
    startAsync: true,
  });
  const { completedAt: _cleared, ...record } = { ...toSagaRecord(saga), ...next };
  return { saga: record, resumedFrom };
}

/**
 * Cancels a `running` saga: its workflow stops (in-flight actions finish, nothing after them
 * runs) and its `onComplete` records `canceled`. Completed steps are not compensated: cancel is
 * for stopping a saga that must not go on; to undo, make the saga fail (an awaited event sent
 * with an `error` does that).
 */
export async function cancelSaga(
  ctx: SagaMutationCtx,
  workflow: WorkflowManager,
  args: CancelSagaArgs,
): Promise<SagaRecord> {
  if (args.reason.trim().length === 0) {
    throw sagaError({
      code: "INVALID_SAGA_ARGUMENT",
      message: `a cancellation needs a reason (got an empty string); it is kept on the saga`,
    });
  }
  const saga = await existingSaga(ctx, args);
  if (saga.status !== "running") {
    throw sagaError({
      code: "SAGA_NOT_RUNNING",
      message: `saga "${saga.sagaType}" "${saga.sagaId}" is ${saga.status}: only a running saga can be canceled`,
      sagaType: saga.sagaType,
      sagaId: saga.sagaId,
      status: saga.status,
    });
  }
  const db = sagaWriter(ctx);
  await db.patch("sagas", saga._id, { cancelReason: args.reason, updatedAt: Date.now() });
  // The workflow component runs the onComplete in this transaction: the saga is canceled below.
  await workflow.cancel(ctx, saga.workflowId as WorkflowId);
  return toSagaRecord(await existingSaga(ctx, args));
}

/** The saga, or SAGA_NOT_FOUND. */
export async function existingSaga(ctx: SagaQueryCtx, key: SagaKey): Promise<SagaDoc> {
  const saga = await findSaga(sagaReader(ctx), key.sagaType, key.sagaId);
  if (saga === null) {
    throw sagaError({
      code: "SAGA_NOT_FOUND",
      message: `no saga "${key.sagaType}" with sagaId "${key.sagaId}"; start it with SagaRunner.start`,
      sagaType: key.sagaType,
      sagaId: key.sagaId,
    });
  }
  return saga;
}
