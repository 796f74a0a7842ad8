import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { eventFields, vIdempotencyConflictRecord } from "../shared/validators.js";

export default defineSchema({
  // Written only by appends and scope commits (never changed or deleted); read by every read.
  // Cross-stream reads have one index per filter, twice: the `by_tenant_and_*` ones serve a
  // tenant's reads and the default reads of tenant-less events (a missing tenantId is a key
  // too), the others only `allTenants` reads of trusted platform code. Positions are also
  // probed through by_global_position by every append.
  events: defineTable(eventFields)
    .index("by_stream_and_version", ["streamType", "streamId", "version"])
    .index("by_global_position", ["globalPosition"])
    .index("by_event_type_and_position", ["eventType", "globalPosition"])
    .index("by_bounded_context_and_position", ["boundedContext", "globalPosition"])
    .index("by_bounded_context_and_event_type_and_position", [
      "boundedContext",
      "eventType",
      "globalPosition",
    ])
    .index("by_correlation_id_and_position", ["metadata.correlationId", "globalPosition"])
    .index("by_tenant_and_position", ["tenantId", "globalPosition"])
    .index("by_tenant_and_event_type_and_position", ["tenantId", "eventType", "globalPosition"])
    .index("by_tenant_and_bounded_context_and_position", [
      "tenantId",
      "boundedContext",
      "globalPosition",
    ])
    .index("by_tenant_and_bounded_context_and_event_type_and_position", [
      "tenantId",
      "boundedContext",
      "eventType",
      "globalPosition",
    ])
    .index("by_tenant_and_correlation_id_and_position", [
      "tenantId",
      "metadata.correlationId",
      "globalPosition",
    ])
    .index("by_tenant_and_idempotency_key", ["tenantId", "idempotencyKey"])
    .index("by_scope_and_position", ["scopeKey", "globalPosition"]),

  // One row per stream, written by the appends to that stream only: the stream's OCC point.
  streams: defineTable({
    streamType: v.string(),
    streamId: v.string(),
    boundedContext: v.string(),
    tenantId: v.optional(v.string()),
    version: v.number(),
    lastGlobalPosition: v.number(),
    /** Set when the stream was created by a scope commit: it is then written only that way. */
    scopeKey: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_stream", ["streamType", "streamId"]),

  // One row per Dynamic Consistency Boundary, written by commitScope: the scope's OCC point.
  dcbScopes: defineTable({
    scopeKey: v.string(),
    tenantId: v.string(),
    scopeType: v.string(),
    scopeId: v.string(),
    boundedContext: v.string(),
    version: v.number(),
    lastGlobalPosition: v.number(),
    /** Physical streams the scope has written to. */
    streamCount: v.number(),
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_scope_key", ["scopeKey"]),

  // Written by an append that reused an idempotency key with other content (the append returns
  // a value, so this insert commits); read by readIdempotencyConflicts and operators.
  idempotencyConflicts: defineTable(vIdempotencyConflictRecord.fields).index(
    "by_tenant_and_idempotency_key_and_time",
    ["tenantId", "idempotencyKey", "detectedAt"],
  ),
});
