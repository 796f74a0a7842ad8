// orderSummaries (view): one row per order for the customer's order list.
import { defineProjection } from "@convex-es/platform-bc";
import {
  clientProjectionQuery,
  definePartitionConfig,
  defineProjectionHandlers,
} from "@convex-es/platform-core";
import type { EventEnvelope } from "@convex-es/platform-store";
import { ConvexError, v } from "convex/values";
import type { Doc } from "../_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { query } from "../_generated/server.js";
import { callerOf } from "../platform/identity.js";
import { payloadOf } from "./events.js";
import { pageSize } from "./limits.js";

export const orderSummaries = defineProjection({
  projectionName: "orderSummaries",
  description: "One row per order: status, item count and total, for the customer's order list",
  targetTable: "orderSummaries",
  partitionKeyField: "orderId",
  eventSubscriptions: [
    "OrderCreated",
    "OrderItemAdded",
    "OrderItemRemoved",
    "OrderSubmitted",
    "OrderConfirmed",
    "OrderCancelled",
  ],
  category: "view",
  context: "orders",
});

async function summaryOf(ctx: QueryCtx, orderId: string) {
  return await ctx.db
    .query("orderSummaries")
    .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
    .unique();
}

/** Patches the order's row; its OrderCreated came first (one stream, one partition, in order). */
async function update(
  ctx: MutationCtx,
  event: EventEnvelope,
  orderId: string,
  change: (row: Doc<"orderSummaries">) => Partial<Doc<"orderSummaries">>,
) {
  const row = await summaryOf(ctx, orderId);
  if (row === null) {
    throw new Error(
      `orderSummaries: ${event.eventType} ${event.eventId} before OrderCreated of ${orderId}`,
    );
  }
  await ctx.db.patch("orderSummaries", row._id, {
    ...change(row),
    updatedAt: event.metadata.timestamp,
  });
}

export const orderSummariesHandlers = defineProjectionHandlers(orderSummaries, {
  partition: definePartitionConfig({ projection: orderSummaries, strategy: "entity" }),
  handlers: {
    OrderCreated: async (ctx: MutationCtx, event) => {
      const { orderId, customerId, createdAt } = payloadOf(event, "OrderCreated");
      if ((await summaryOf(ctx, orderId)) !== null) return;
      await ctx.db.insert("orderSummaries", {
        orderId,
        customerId,
        status: "draft",
        itemCount: 0,
        totalAmount: 0,
        updatedAt: createdAt,
      });
    },
    OrderItemAdded: async (ctx: MutationCtx, event) => {
      const { orderId, totalAmount } = payloadOf(event, "OrderItemAdded");
      await update(ctx, event, orderId, (row) => ({ itemCount: row.itemCount + 1, totalAmount }));
    },
    OrderItemRemoved: async (ctx: MutationCtx, event) => {
      const { orderId, totalAmount } = payloadOf(event, "OrderItemRemoved");
      await update(ctx, event, orderId, (row) => ({ itemCount: row.itemCount - 1, totalAmount }));
    },
    OrderSubmitted: async (ctx: MutationCtx, event) => {
      const { orderId } = payloadOf(event, "OrderSubmitted");
      await update(ctx, event, orderId, () => ({ status: "submitted" }));
    },
    OrderConfirmed: async (ctx: MutationCtx, event) => {
      const { orderId } = payloadOf(event, "OrderConfirmed");
      await update(ctx, event, orderId, () => ({ status: "confirmed" }));
    },
    OrderCancelled: async (ctx: MutationCtx, event) => {
      const { orderId } = payloadOf(event, "OrderCancelled");
      await update(ctx, event, orderId, () => ({ status: "cancelled" }));
    },
  },
});

const vSummary = v.object({
  orderId: v.string(),
  status: v.union(
    v.literal("draft"),
    v.literal("submitted"),
    v.literal("confirmed"),
    v.literal("cancelled"),
  ),
  itemCount: v.number(),
  totalAmount: v.number(),
  updatedAt: v.number(),
});

/** The caller's orders, most recently changed first. */
export const myOrders = query(
  clientProjectionQuery(orderSummaries, {
    args: { limit: v.optional(v.number()) },
    returns: v.array(vSummary),
    handler: async (ctx: QueryCtx, args: { limit?: number }) => {
      const caller = await callerOf(ctx);
      if (caller === null) {
        throw new ConvexError({
          code: "UNAUTHORIZED",
          message: "myOrders lists the signed-in customer's orders: sign in first",
        });
      }
      const rows = await ctx.db
        .query("orderSummaries")
        .withIndex("by_customer_and_updated_at", (q) => q.eq("customerId", caller.userId))
        .order("desc")
        .take(pageSize(args.limit));
      return rows.map(({ orderId, status, itemCount, totalAmount, updatedAt }) => ({
        orderId,
        status,
        itemCount,
        totalAmount,
        updatedAt,
      }));
    },
  }),
);
