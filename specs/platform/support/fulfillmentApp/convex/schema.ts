import { sagaTables } from "@convex-es/platform-core";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  ...sagaTables,
  // The orders context, hosted by the app: written by orders.placeOrder and the confirm and
  // cancel steps, read by reads.order.
  orders: defineTable({
    orderId: v.string(),
    status: v.union(v.literal("placed"), v.literal("confirmed"), v.literal("canceled")),
  }).index("by_order_id", ["orderId"]),
  // Every effect a saga step had on a context, in the order the steps committed: written by
  // the step mutations in the same transaction as the effect, read by reads.effects.
  effects: defineTable({ orderId: v.string(), effect: v.string() }).index("by_order_id", [
    "orderId",
  ]),
  // The payment gateway's calls and its outages: written by gateway.attempt, read by
  // reads.gatewayCalls; an outage row makes the next call fail.
  gatewayCalls: defineTable({ orderId: v.string(), outcome: v.string() }).index("by_order_id", [
    "orderId",
  ]),
  gatewayOutages: defineTable({ note: v.string() }),
});
