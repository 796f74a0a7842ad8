// The event bus's tables. They live in the app's schema (spread `eventBusTables` into it):
// delivery handlers, the attempt mutation and Workpool's onComplete are app functions, and the
// delivered mark must commit in the transaction of the subscriber's effect (see
// docs/decisions/0015-event-bus-and-process-manager-tables.md).
import { defineTable } from "convex/server";
import type { DataModelFromSchemaDefinition, SchemaDefinition } from "convex/server";
import { v } from "convex/values";
import { vPublicationStatus, vPublishedEvent, vSubscriptionPriority } from "./validators.js";

/**
 * Spread into the app's `defineSchema({ ...eventBusTables, ... })`.
 *
 * - `eventBusEvents`: one row per published event (the event subscribers receive). Written by
 *   `publish`, read by each delivery attempt.
 * - `eventBusPublications`: one row per event and subscriber: status, attempts, last error.
 *   Written by `publish`, the delivery attempt, Workpool's onComplete and the dead-letter
 *   operations; read by those and by the listing and counting queries. Small rows, so counting
 *   them stays cheap.
 */
export const eventBusTables = {
  eventBusEvents: defineTable({
    eventId: v.string(),
    event: vPublishedEvent,
    publishedAt: v.number(),
  }).index("by_event_id", ["eventId"]),
  eventBusPublications: defineTable({
    publicationId: v.string(),
    eventId: v.string(),
    eventType: v.string(),
    sourceContext: v.string(),
    correlationId: v.string(),
    subscription: v.string(),
    targetContext: v.string(),
    priority: vSubscriptionPriority,
    status: vPublicationStatus,
    attempts: v.number(),
    maxAttempts: v.number(),
    lastError: v.optional(v.string()),
    workId: v.string(),
    manualRetries: v.number(),
    ignoredReason: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
    deliveredAt: v.optional(v.number()),
    deadLetteredAt: v.optional(v.number()),
  })
    .index("by_publication_id", ["publicationId"])
    .index("by_event_id", ["eventId"])
    .index("by_target_context_and_status_and_updated_at", ["targetContext", "status", "updatedAt"])
    .index("by_status_and_updated_at", ["status", "updatedAt"]),
};

/** The data model of the bus's tables, as the bus's functions see the app's database. */
export type EventBusDataModel = DataModelFromSchemaDefinition<
  SchemaDefinition<typeof eventBusTables, true>
>;
