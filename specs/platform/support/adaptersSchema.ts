// The schema of the adapters spec app: platform-core's durability tables (for DcbRetry), the
// faults and a counters CMS.
import { durabilityTables } from "@convex-es/platform-core";
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

export const adaptersSchema = defineSchema({
  ...durabilityTables,
  faults: faultsTable,
  // The CMS of the counters handler.
  counters: defineTable({ counterId: v.string(), value: v.number(), version: v.number() }).index(
    "by_counter_id",
    ["counterId"],
  ),
});

type DataModel = DataModelFromSchemaDefinition<typeof adaptersSchema>;
// Typed as the app's generated server.ts types them.
export const internalMutation = internalMutationGeneric as MutationBuilder<DataModel, "internal">;
export const internalQuery = internalQueryGeneric as QueryBuilder<DataModel, "internal">;
export const internalAction = internalActionGeneric as ActionBuilder<DataModel, "internal">;
