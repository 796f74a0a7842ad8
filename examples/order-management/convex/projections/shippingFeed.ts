// shippingFeed (integration): the order status feed the shipping context follows, in its own
// contract: submitted orders only, with the lines to pick and the customer's name for the parcel
// (from the fat OrderSubmitted: shipping never asks the customers context). Server code reads it (an event bus
// publishes integration projections; clients never do).
import { defineProjection } from "@convex-es/platform-bc";
import {
  definePartitionConfig,
  defineProjectionHandlers,
  internalProjectionQuery,
} from "@convex-es/platform-core";
import { v } from "convex/values";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { internalQuery } from "../_generated/server.js";
import { payloadOf } from "./events.js";
import { pageSize } from "./limits.js";

export const shippingFeed = defineProjection({
  projectionName: "shippingFeed",
  description: "Submitted orders as shipping sees them: awaiting confirmation, ready, cancelled",
  targetTable: "shippingFeed",
  partitionKeyField: "orderId",
  eventSubscriptions: ["OrderSubmitted", "OrderConfirmed", "OrderCancelled"],
  category: "integration",
  context: "orders",
});

async function rowOf(ctx: QueryCtx, orderId: string) {
  return await ctx.db
    .query("shippingFeed")
    .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
    .unique();
}

export const shippingFeedHandlers = defineProjectionHandlers(shippingFeed, {
  partition: definePartitionConfig({ projection: shippingFeed, strategy: "entity" }),
  handlers: {
    OrderSubmitted: async (ctx: MutationCtx, event) => {
      const { orderId, customerId, items, submittedAt, customer } = payloadOf(
        event,
        "OrderSubmitted",
      );
      if ((await rowOf(ctx, orderId)) !== null) return;
      await ctx.db.insert("shippingFeed", {
        orderId,
        customerId,
        customerName: customer.data.name,
        status: "awaiting_confirmation",
        items: items.map(({ productId, quantity }) => ({ productId, quantity })),
        updatedAt: submittedAt,
      });
    },
    OrderConfirmed: async (ctx: MutationCtx, event) => {
      const { orderId, confirmedAt } = payloadOf(event, "OrderConfirmed");
      const row = await rowOf(ctx, orderId);
      if (row !== null)
        await ctx.db.patch("shippingFeed", row._id, {
          status: "ready_to_ship",
          updatedAt: confirmedAt,
        });
    },
    OrderCancelled: async (ctx: MutationCtx, event) => {
      const { orderId, cancelledAt } = payloadOf(event, "OrderCancelled");
      // A draft was never announced to shipping: nothing to withdraw.
      const row = await rowOf(ctx, orderId);
      if (row !== null)
        await ctx.db.patch("shippingFeed", row._id, {
          status: "cancelled",
          updatedAt: cancelledAt,
        });
    },
  },
});

const vShippingStatus = v.union(
  v.literal("awaiting_confirmation"),
  v.literal("ready_to_ship"),
  v.literal("cancelled"),
);

/** The feed's orders in one status, oldest change first. */
export const ordersForShipping = internalQuery(
  internalProjectionQuery(shippingFeed, {
    args: { status: vShippingStatus, limit: v.optional(v.number()) },
    returns: v.array(
      v.object({
        orderId: v.string(),
        customerId: v.string(),
        customerName: v.string(),
        status: vShippingStatus,
        items: v.array(v.object({ productId: v.string(), quantity: v.number() })),
        updatedAt: v.number(),
      }),
    ),
    handler: async (
      ctx: QueryCtx,
      args: { status: "awaiting_confirmation" | "ready_to_ship" | "cancelled"; limit?: number },
    ) => {
      const rows = await ctx.db
        .query("shippingFeed")
        .withIndex("by_status_and_updated_at", (q) => q.eq("status", args.status))
        .take(pageSize(args.limit));
      return rows.map(({ orderId, customerId, customerName, status, items, updatedAt }) => ({
        orderId,
        customerId,
        customerName,
        status,
        items,
        updatedAt,
      }));
    },
  }),
);
