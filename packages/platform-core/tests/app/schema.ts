import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // Written by placeOrder when a command gets through; read by the tests.
  orders: defineTable({ orderId: v.string(), userId: v.string() }).index("by_order_id", [
    "orderId",
  ]),
});
