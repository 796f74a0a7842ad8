// The tables of the durability helpers and the DCB retry helper. They belong to the app: spread
// `durabilityTables` into its schema (see docs/decisions/0018-durability-state-in-app-tables.md).
import { vStreamRef } from "@convex-es/platform-store";
import { defineTable } from "convex/server";
import type {
  DataModelFromSchemaDefinition,
  GenericDatabaseReader,
  GenericDatabaseWriter,
  GenericDataModel,
  SchemaDefinition,
} from "convex/server";
import { v } from "convex/values";
import { vIdempotentAppendInput, vIdempotentEvent } from "./idempotentAppend.js";

export const vDeadLetterStatus = v.union(
  v.literal("open"),
  v.literal("retrying"),
  v.literal("resolved"),
);
/** Why a durable append ended in a dead letter. */
export const vDeadLetterReason = v.union(
  v.literal("failed"),
  v.literal("canceled"),
  v.literal("idempotency_conflict"),
  v.literal("conflict"),
);
export const vOutboxStatus = v.union(
  v.literal("running"),
  v.literal("recorded"),
  v.literal("handed_over"),
  v.literal("refused"),
);
export const vRunOutcome = v.union(
  v.literal("success"),
  v.literal("failed"),
  v.literal("canceled"),
);
export const vDcbRetryStatus = v.union(
  v.literal("waiting"),
  v.literal("running"),
  v.literal("done"),
  v.literal("failed"),
);

export const durabilityTables = {
  // Written by DurableAppend's onComplete when an append ran out of retries or was refused, and
  // by its retry; read by operators (listDeadLetters). One row per tenant and idempotency key.
  durableAppendDeadLetters: defineTable({
    idempotencyKey: v.string(),
    tenantId: v.optional(v.string()),
    input: vIdempotentAppendInput,
    status: vDeadLetterStatus,
    reason: vDeadLetterReason,
    error: v.string(),
    /** How many times the append ended here: 1, plus one per failed retry. */
    failures: v.number(),
    failedAt: v.number(),
    retriedAt: v.optional(v.number()),
    resolvedAt: v.optional(v.number()),
    eventId: v.optional(v.string()),
  })
    .index("by_tenant_and_idempotency_key", ["tenantId", "idempotencyKey"])
    .index("by_status_and_failed_at", ["status", "failedAt"]),

  // Written by ActionOutbox.run (one row per action run) and by its onComplete, which records
  // the run's outcome as an event; read by the onComplete (by run id) and by status queries.
  outboxRuns: defineTable({
    runId: v.string(),
    actionType: v.string(),
    entityId: v.string(),
    stream: vStreamRef,
    metadata: vIdempotentEvent.fields.metadata,
    idempotencyKey: v.string(),
    status: vOutboxStatus,
    outcome: v.optional(vRunOutcome),
    eventId: v.optional(v.string()),
    /** Set when the event's append was handed over to DurableAppend (`handed_over`). */
    workId: v.optional(v.string()),
    /** Why the store refused the event (`refused`): its key holds another event. */
    refusal: v.optional(v.string()),
    startedAt: v.number(),
    completedAt: v.optional(v.number()),
  }).index("by_run_id", ["runId"]),

  // Written by DcbRetry: one row per scope operation deferred after a conflict, updated by each
  // attempt and by the Workpool onComplete; read per scope to run one operation at a time.
  dcbRetries: defineTable({
    scopeKey: v.string(),
    operation: v.string(),
    args: v.any(),
    status: vDcbRetryStatus,
    /** Attempts after the first, inline one: each retry that ran the operation. */
    attempts: v.number(),
    result: v.optional(v.any()),
    error: v.optional(v.string()),
    workId: v.optional(v.string()),
    enqueuedAt: v.number(),
    completedAt: v.optional(v.number()),
  }).index("by_scope_and_status", ["scopeKey", "status"]),
};

/** The data model of the durability tables, as the helpers read and write them. */
export type DurabilityDataModel = DataModelFromSchemaDefinition<
  SchemaDefinition<typeof durabilityTables, true>
>;

/** A context that reads the durability tables: any query's or mutation's ctx of the app. */
export type DbReaderCtx<DataModel extends GenericDataModel> = {
  db: GenericDatabaseReader<DataModel>;
};
/** A context that writes the durability tables: any mutation's ctx of the app. */
export type DbWriterCtx<DataModel extends GenericDataModel> = {
  db: GenericDatabaseWriter<DataModel>;
};

/** The app's database seen through the durability tables (the app's schema spreads them). */
export function readerOf<DataModel extends GenericDataModel>(
  ctx: DbReaderCtx<DataModel>,
): GenericDatabaseReader<DurabilityDataModel> {
  return ctx.db as unknown as GenericDatabaseReader<DurabilityDataModel>;
}
export function writerOf<DataModel extends GenericDataModel>(
  ctx: DbWriterCtx<DataModel>,
): GenericDatabaseWriter<DurabilityDataModel> {
  return ctx.db as unknown as GenericDatabaseWriter<DurabilityDataModel>;
}
