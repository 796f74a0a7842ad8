import { defineTable } from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { vSagaStatus } from "./status.js";

/**
 * The fields of a saga record. `error`, `failedStep` and `compensatedSteps` describe the last
 * attempt that did not complete; a retry keeps them until the workflow's `onComplete` records
 * the new outcome.
 */
export const sagaFields = {
  /** The saga's name from `defineSaga`: sagaIds are unique per type. */
  sagaType: v.string(),
  /** Chosen by the caller, typically the id of the entity the saga is about. */
  sagaId: v.string(),
  /** The `@convex-dev/workflow` run executing the saga (a retry restarts the same run). */
  workflowId: v.string(),
  status: vSagaStatus,
  /** The arguments the saga was started with. */
  input: v.any(),
  /** 1 for the first run, plus one per retry. */
  attempts: v.number(),
  startedAt: v.number(),
  updatedAt: v.number(),
  /** When the last attempt ended; absent while running. */
  completedAt: v.optional(v.number()),
  /** The step whose failure made the saga compensate. */
  failedStep: v.optional(v.string()),
  /** The steps that were undone, in the order their compensations ran (reverse step order). */
  compensatedSteps: v.optional(v.array(v.string())),
  /** Why the last attempt did not complete (first line; the workflow journal has the rest). */
  error: v.optional(v.string()),
  /** Given by whoever canceled the saga. */
  cancelReason: v.optional(v.string()),
};

/** A saga as saga functions return it: the stored record without `_id` and `_creationTime`. */
export const vSagaRecord = v.object(sagaFields);
export type SagaRecord = Infer<typeof vSagaRecord>;

/**
 * The tables saga bookkeeping needs, to spread into the app's schema:
 * `defineSchema({ ...sagaTables, ...yourTables })`. They belong to the app because the
 * workflow's `onComplete` and the admin functions that write them are app functions.
 */
export const sagaTables = {
  // Written by SagaRunner.start (insert), the onComplete mutation (outcome) and the admin retry
  // and cancel; read by start (idempotency), sendEvent and the admin functions.
  sagas: defineTable(sagaFields)
    .index("by_saga_type_and_saga_id", ["sagaType", "sagaId"])
    .index("by_status_and_updated_at", ["status", "updatedAt"])
    .index("by_saga_type_and_status_and_updated_at", ["sagaType", "status", "updatedAt"]),
};
