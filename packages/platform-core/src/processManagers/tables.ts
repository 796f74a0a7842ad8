// The process managers' tables. They live in the app's schema (spread `processManagerTables`
// into it), next to the commands the reactions send, so a reaction, its commands, its
// checkpoint and the instance's new state commit in one transaction (see
// docs/decisions/0015-event-bus-and-process-manager-tables.md).
import { defineTable } from "convex/server";
import type { DataModelFromSchemaDefinition, SchemaDefinition } from "convex/server";
import { v } from "convex/values";
import { vPublishedEvent } from "../eventBus/validators.js";
import { vProcessManagerDeadLetterStatus, vProcessManagerStatus } from "./validators.js";

/**
 * Spread into the app's `defineSchema({ ...processManagerTables, ... })`.
 *
 * - `processManagerInstances`: one row per process manager and instance: lifecycle status,
 *   state, last event. Written and read by the reactions and the dead-letter operations.
 * - `processManagerCheckpoints`: one row per event an instance handled, with the commandIds it
 *   sent. Written by a successful reaction; read first by every delivery, so an event handled
 *   before changes nothing (exact by eventId: Workpool does not keep events in order, so a
 *   position checkpoint would skip an older event that arrives late).
 * - `processManagerDeadLetters`: one row per event whose handling failed. Written by the
 *   delivery that failed (after the reaction rolled back) and by retries and ignores; read by
 *   deliveries and operators.
 */
export const processManagerTables = {
  processManagerInstances: defineTable({
    processManager: v.string(),
    instanceId: v.string(),
    status: vProcessManagerStatus,
    state: v.any(),
    eventsHandled: v.number(),
    lastEventId: v.optional(v.string()),
    lastGlobalPosition: v.optional(v.number()),
    failedEventId: v.optional(v.string()),
    lastError: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
    completedAt: v.optional(v.number()),
  })
    .index("by_process_manager_and_instance_id", ["processManager", "instanceId"])
    .index("by_process_manager_and_status_and_updated_at", [
      "processManager",
      "status",
      "updatedAt",
    ]),
  processManagerCheckpoints: defineTable({
    processManager: v.string(),
    instanceId: v.string(),
    eventId: v.string(),
    globalPosition: v.optional(v.number()),
    commandIds: v.array(v.string()),
    handledAt: v.number(),
  }).index("by_process_manager_and_instance_id_and_event_id", [
    "processManager",
    "instanceId",
    "eventId",
  ]),
  processManagerDeadLetters: defineTable({
    processManager: v.string(),
    eventId: v.string(),
    instanceId: v.optional(v.string()),
    event: vPublishedEvent,
    code: v.string(),
    message: v.string(),
    status: vProcessManagerDeadLetterStatus,
    attempts: v.number(),
    ignoredReason: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
    resolvedAt: v.optional(v.number()),
  })
    .index("by_process_manager_and_event_id", ["processManager", "eventId"])
    .index("by_process_manager_and_status_and_updated_at", [
      "processManager",
      "status",
      "updatedAt",
    ]),
};

export type ProcessManagerDataModel = DataModelFromSchemaDefinition<
  SchemaDefinition<typeof processManagerTables, true>
>;
