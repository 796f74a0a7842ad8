// The schema of the durability spec app: platform-core's durability and event bus tables, and
// its own.
import { durabilityTables, eventBusTables } from "@convex-es/platform-core";
import {
  defineSchema,
  defineTable,
  internalActionGeneric,
  internalMutationGeneric,
  internalQueryGeneric,
} from "convex/server";
import type {
  ActionBuilder,
  DataModelFromSchemaDefinition,
  MutationBuilder,
  QueryBuilder,
} from "convex/server";
import { v } from "convex/values";
import { faultsTable } from "./faults.js";

export const durabilitySchema = defineSchema({
  ...durabilityTables,
  ...eventBusTables,
  faults: faultsTable,
  // What the target contexts of publications received.
  received: defineTable({ targetContext: v.string(), eventId: v.string() }).index(
    "by_target_and_event",
    ["targetContext", "eventId"],
  ),
});

type DataModel = DataModelFromSchemaDefinition<typeof durabilitySchema>;
// Typed as the app's generated server.ts types them.
export const internalMutation = internalMutationGeneric as MutationBuilder<DataModel, "internal">;
export const internalQuery = internalQueryGeneric as QueryBuilder<DataModel, "internal">;
export const internalAction = internalActionGeneric as ActionBuilder<DataModel, "internal">;
