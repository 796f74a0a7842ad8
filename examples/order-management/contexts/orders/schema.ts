import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export const vOrderItem = v.object({
  productId: v.string(),
  productName: v.string(),
  quantity: v.number(),
  unitPrice: v.number(),
});

export const vOrderStatus = v.union(
  v.literal("draft"),
  v.literal("submitted"),
  v.literal("confirmed"),
  v.literal("cancelled"),
);

export default defineSchema({
  // The orders' CMS: one snapshot per order, written by the handlers in the same transaction as
  // its events; `version` is the order stream's version. Read by the handlers and getOrder.
  orders: defineTable({
    orderId: v.string(),
    customerId: v.string(),
    status: vOrderStatus,
    items: v.array(vOrderItem),
    totalAmount: v.number(),
    updatedAt: v.number(),
    stateVersion: v.number(),
    version: v.number(),
  }).index("by_order_id", ["orderId"]),
});
