import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { vFailedJob, vPoisonRecord } from "../shared/validators.js";

export default defineSchema({
  // Per projection: the global position up to which the dispatcher routed the log. Written
  // only by the dispatcher, never on the command path.
  cursors: defineTable({
    projection: v.string(),
    position: v.number(),
    updatedAt: v.number(),
  }).index("by_projection", ["projection"]),
  // Routed events waiting for their partition's catch-up job; deleted when the job applies them.
  routedEvents: defineTable({
    projection: v.string(),
    partitionKey: v.string(),
    globalPosition: v.number(),
    eventId: v.string(),
    tenantId: v.optional(v.string()),
  }).index("by_partition_and_position", ["projection", "partitionKey", "globalPosition"]),
  // One row per (projection, partition): the last event processed. Advanced in the catch-up
  // job's transaction, the one that writes the read model.
  checkpoints: defineTable({
    projection: v.string(),
    partitionKey: v.string(),
    lastPosition: v.number(),
    lastEventId: v.string(),
    eventsApplied: v.number(),
    eventsSkipped: v.number(),
    updatedAt: v.number(),
  }).index("by_projection_and_partition", ["projection", "partitionKey"]),
  // Events a projection's handler threw on: attempts, then quarantine (a dead letter).
  poisonEvents: defineTable(vPoisonRecord)
    .index("by_projection_and_event", ["projection", "eventId"])
    .index("by_status_and_failed_at", ["status", "lastFailedAt"])
    .index("by_projection_status_and_failed_at", ["projection", "status", "lastFailedAt"]),
  // Catch-up jobs that Workpool gave up on (not a handler error: those are poison events).
  failedJobs: defineTable(vFailedJob)
    .index("by_partition", ["projection", "partitionKey"])
    .index("by_status_and_failed_at", ["status", "lastFailedAt"]),
});
