import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // The counters' CMS: written by the handlers in handlers.ts, read by them and by getCounter.
  counters: defineTable({
    counterId: v.string(),
    value: v.number(),
    stateVersion: v.number(),
    version: v.number(),
  }).index("by_counter_id", ["counterId"]),
});
