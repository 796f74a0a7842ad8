import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // Written by the orchestrator's onEventsAppended hook; read by the tests.
  appended: defineTable({
    commandId: v.string(),
    streamType: v.string(),
    streamId: v.string(),
    streamVersion: v.number(),
    scopeKey: v.optional(v.string()),
    tenantId: v.optional(v.string()),
    eventCount: v.number(),
  }).index("by_command_id", ["commandId"]),
});
