import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { vCounterView } from "./counterView.js";

export default defineSchema({
  // The counterView read model, written by its durable projection: one row per counter.
  counterViews: defineTable({ counterId: v.string(), state: vCounterView }).index("by_counter_id", [
    "counterId",
  ]),
});
