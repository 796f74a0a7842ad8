import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // The counterTotals view projection: one row per counter.
  counterTotals: defineTable({
    counterId: v.string(),
    value: v.number(),
    lastEventId: v.string(),
    correlationId: v.string(),
  }).index("by_counter_id", ["counterId"]),
  // Every event a projection handler applied, so a reprocessed or reordered event shows.
  appliedEvents: defineTable({
    projection: v.string(),
    streamId: v.string(),
    eventId: v.string(),
    eventType: v.string(),
    globalPosition: v.number(),
  }).index("by_stream_and_position", ["streamId", "globalPosition"]),
  // Faults the tests inject: the counterTotals handler throws for these counters.
  projectionFaults: defineTable({ counterId: v.string(), message: v.string() }).index(
    "by_counter_id",
    ["counterId"],
  ),
});
