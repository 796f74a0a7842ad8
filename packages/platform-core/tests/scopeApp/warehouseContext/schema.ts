import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // One row per warehouse: the scope version its CMS reflects. Written by every scope handler.
  warehouses: defineTable({ warehouseId: v.string(), version: v.number() }).index(
    "by_warehouse_id",
    ["warehouseId"],
  ),
  // The stock of each sku of a warehouse: written by the scope handlers, read by them and getStock.
  stockLevels: defineTable({
    warehouseId: v.string(),
    sku: v.string(),
    available: v.number(),
  }).index("by_warehouse_and_sku", ["warehouseId", "sku"]),
});
