import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // Units on hand per SKU: written by stock.restock, stock.reserve and stock.release.
  stock: defineTable({ sku: v.string(), available: v.number() }).index("by_sku", ["sku"]),
  // One reservation per order: written by stock.reserve and stock.release, read by stock.get.
  reservations: defineTable({
    orderId: v.string(),
    sku: v.string(),
    quantity: v.number(),
    status: v.union(v.literal("reserved"), v.literal("released")),
  }).index("by_order_id", ["orderId"]),
});
