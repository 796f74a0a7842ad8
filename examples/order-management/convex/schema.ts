// The app's own tables are read models, written only by the projection handlers in
// convex/projections/ (catch-up jobs of the ProjectionRuntime) and read by the queries there,
// and the platform's tables of the fulfilment: sagas, the event bus and process managers
// (written by platform-core through convex/fulfilment/). The command side lives in the bounded
// contexts' components; the reservations of unique values (customers' emails) are the app's,
// written and read by convex/platform/reservations.ts.
import {
  eventBusTables,
  processManagerTables,
  reservationTables,
  sagaTables,
} from "@convex-es/platform-core";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

const vItem = v.object({
  productId: v.string(),
  productName: v.string(),
  quantity: v.number(),
  unitPrice: v.number(),
});
const vOrderStatus = v.union(
  v.literal("draft"),
  v.literal("submitted"),
  v.literal("confirmed"),
  v.literal("cancelled"),
);

export default defineSchema({
  ...reservationTables,
  ...sagaTables,
  ...eventBusTables,
  ...processManagerTables,
  // view: one row per order for the customer's order list.
  orderSummaries: defineTable({
    orderId: v.string(),
    customerId: v.string(),
    status: vOrderStatus,
    itemCount: v.number(),
    totalAmount: v.number(),
    updatedAt: v.number(),
  })
    .index("by_order_id", ["orderId"])
    .index("by_customer_and_updated_at", ["customerId", "updatedAt"]),
  // view: one order with its items and its stock reservation (events of both contexts).
  orderDetails: defineTable({
    orderId: v.string(),
    customerId: v.optional(v.string()),
    status: v.optional(vOrderStatus),
    items: v.array(vItem),
    totalAmount: v.number(),
    reservation: v.optional(
      v.object({
        status: v.union(
          v.literal("held"),
          v.literal("confirmed"),
          v.literal("released"),
          v.literal("expired"),
        ),
        expiresAt: v.number(),
      }),
    ),
    updatedAt: v.number(),
  }).index("by_order_id", ["orderId"]),
  // view: what can still be ordered, per product.
  stockAvailability: defineTable({
    productId: v.string(),
    name: v.string(),
    onHand: v.number(),
    reserved: v.number(),
    available: v.number(),
  }).index("by_product_id", ["productId"]),
  // reporting: one row of totals for the back office (admins only).
  salesDashboard: defineTable({
    key: v.literal("totals"),
    ordersCreated: v.number(),
    ordersSubmitted: v.number(),
    ordersConfirmed: v.number(),
    ordersCancelled: v.number(),
    confirmedRevenue: v.number(),
    cancelledAfterSubmission: v.number(),
  }).index("by_key", ["key"]),
  // logic: the order ids in use, for command validation.
  orderExistence: defineTable({ orderId: v.string(), customerId: v.string() }).index(
    "by_order_id",
    ["orderId"],
  ),
  // integration: the order status feed shipping follows (submitted orders only); the name is
  // the customer's as of the submission (personal data, from the fat OrderSubmitted).
  shippingFeed: defineTable({
    orderId: v.string(),
    customerId: v.string(),
    customerName: v.string(),
    status: v.union(
      v.literal("awaiting_confirmation"),
      v.literal("ready_to_ship"),
      v.literal("cancelled"),
    ),
    items: v.array(v.object({ productId: v.string(), quantity: v.number() })),
    updatedAt: v.number(),
  })
    .index("by_order_id", ["orderId"])
    .index("by_status_and_updated_at", ["status", "updatedAt"]),
});
