import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export const vStockLine = v.object({ productId: v.string(), quantity: v.number() });

export const vReservationStatus = v.union(
  v.literal("held"),
  v.literal("confirmed"),
  v.literal("released"),
  v.literal("expired"),
);

// Every table is written only by the scope handlers (handlers.ts, through scope.ts), in the same
// transaction as the scope commit of their events.
export default defineSchema({
  // One row per warehouse: the version of its scope (DCB) the CMS reflects.
  warehouses: defineTable({ warehouseId: v.string(), version: v.number() }).index(
    "by_warehouse_id",
    ["warehouseId"],
  ),
  // Each product's stock. Read by the handlers and the previews.
  products: defineTable({
    warehouseId: v.string(),
    productId: v.string(),
    name: v.string(),
    onHand: v.number(),
    reserved: v.number(),
    stateVersion: v.number(),
  }).index("by_warehouse_and_product", ["warehouseId", "productId"]),
  // Stock held for orders. Read by the handlers, the previews and the expiry's due list.
  reservations: defineTable({
    warehouseId: v.string(),
    reservationId: v.string(),
    orderId: v.string(),
    lines: v.array(vStockLine),
    status: vReservationStatus,
    expiresAt: v.number(),
    stateVersion: v.number(),
  })
    .index("by_warehouse_and_reservation", ["warehouseId", "reservationId"])
    .index("by_warehouse_and_status_and_expires_at", ["warehouseId", "status", "expiresAt"]),
});
