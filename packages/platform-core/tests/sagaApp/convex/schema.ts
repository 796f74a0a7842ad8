import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { sagaTables } from "../../../src/index.js";

export default defineSchema({
  ...sagaTables,
  // Written by the step and compensation mutations, one row per effect, in the order they ran;
  // read by the tests to see which effects happened, how often and in which order.
  ledger: defineTable({ sagaId: v.string(), action: v.string(), detail: v.string() }).index(
    "by_saga_id",
    ["sagaId"],
  ),
  // Written by the tests: a row makes the step mutation of that name throw for that saga.
  faults: defineTable({ sagaId: v.string(), action: v.string() }).index("by_saga_id_and_action", [
    "sagaId",
    "action",
  ]),
});
