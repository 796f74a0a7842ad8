import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { eventBusTables, processManagerTables } from "../../../src/index.js";

export default defineSchema({
  ...eventBusTables,
  ...processManagerTables,
  // Written by the audit subscriber, one row per event it handled; read by the tests.
  auditEntries: defineTable({
    eventId: v.string(),
    eventType: v.string(),
    correlationId: v.string(),
    causationId: v.optional(v.string()),
    publicationId: v.optional(v.string()),
    attempt: v.optional(v.number()),
  }).index("by_event_id", ["eventId"]),
  // Written by the notifications subscriber; read by the tests.
  notifications: defineTable({
    eventId: v.string(),
    counterId: v.string(),
    value: v.number(),
  }).index("by_event_id", ["eventId"]),
  // Faults the tests inject into a subscriber: written by the tests, read by the subscriber.
  faults: defineTable({
    subscription: v.string(),
    /** Fails every attempt before this one; absent: fails every attempt. */
    untilAttempt: v.optional(v.number()),
  }).index("by_subscription", ["subscription"]),
});
