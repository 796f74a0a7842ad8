import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // Written by the onEventsAppended hook of the orchestrator (step 6); read by the tests.
  triggeredProjections: defineTable({
    commandId: v.string(),
    projection: v.string(),
    partitionKey: v.string(),
  }).index("by_command_id", ["commandId"]),
});
