import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // One payment per order: written by payments.capture and payments.refund, read by payments.get.
  payments: defineTable({
    orderId: v.string(),
    amount: v.number(),
    status: v.union(v.literal("captured"), v.literal("refunded")),
  }).index("by_order_id", ["orderId"]),
  // Whether refunds are suspended (an outage of the bank): written by payments.suspendRefunds.
  refundSuspensions: defineTable({ reason: v.string() }),
});
