import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // Scheduled shipments: written by shipments.schedule, read by shipments.get.
  shipments: defineTable({ orderId: v.string(), address: v.string() }).index("by_order_id", [
    "orderId",
  ]),
});
