import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { durabilityTables } from "../../../src/index.js";

export default defineSchema({
  ...durabilityTables,
  // Faults the tests switch on (see faults.ts); written by the tests and by `tick`.
  faults: defineTable({ target: v.string(), failuresLeft: v.number(), calls: v.number() }).index(
    "by_target",
    ["target"],
  ),
});
