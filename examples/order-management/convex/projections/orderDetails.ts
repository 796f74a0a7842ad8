// orderDetails (view): one order with its items and its stock reservation. It joins the events
// of both contexts in one row per order (partitioned by order, decision 0008). The order's
// events and the reservation's come from two streams whose positions are not ordered against
// each other within a millisecond, so each event type writes only its own fields: the row is
// the same in whatever order the two streams' events arrive.
import { defineProjection } from "@convex-es/platform-bc";
import {
  clientProjectionQuery,
  definePartitionConfig,
  defineProjectionHandlers,
} from "@convex-es/platform-core";
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { query } from "../_generated/server.js";
import { callerOf, hasRole, STAFF_ROLE } from "../platform/identity.js";
import { payloadOf } from "./events.js";

export const orderDetails = defineProjection({
  projectionName: "orderDetails",
  description: "One order with its items and the state of its stock reservation",
  targetTable: "orderDetails",
  partitionKeyField: "orderId",
  eventSubscriptions: [
    "OrderCreated",
    "OrderItemAdded",
    "OrderItemRemoved",
    "OrderSubmitted",
    "OrderConfirmed",
    "OrderCancelled",
    "ReservationPlaced",
    "ReservationConfirmed",
    "ReservationReleased",
    "ReservationExpired",
  ],
  category: "view",
  context: "orders",
});

type Detail = Doc<"orderDetails">;

/** Writes `fields` on the order's row, creating it when this is the first event seen of it. */
async function write(
  ctx: MutationCtx,
  orderId: string,
  at: number,
  fields: (row: Detail | null) => Partial<Omit<Detail, "_id" | "_creationTime">>,
) {
  const row = await ctx.db
    .query("orderDetails")
    .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
    .unique();
  if (row === null) {
    await ctx.db.insert("orderDetails", {
      orderId,
      items: [],
      totalAmount: 0,
      updatedAt: at,
      ...fields(null),
    });
  } else {
    await ctx.db.patch("orderDetails", row._id, {
      ...fields(row),
      updatedAt: Math.max(row.updatedAt, at),
    });
  }
}

type ReservationStatus = NonNullable<Detail["reservation"]>["status"];

/** A reservation event of a row that may not have seen ReservationPlaced yet keeps its expiry. */
const reservationNow = (row: Detail | null, status: ReservationStatus) => ({
  reservation: { status, expiresAt: row?.reservation?.expiresAt ?? 0 },
});

export const orderDetailsHandlers = defineProjectionHandlers(orderDetails, {
  partition: definePartitionConfig({ projection: orderDetails, strategy: "entity" }),
  handlers: {
    OrderCreated: async (ctx: MutationCtx, event) => {
      const { orderId, customerId, createdAt } = payloadOf(event, "OrderCreated");
      await write(ctx, orderId, createdAt, (row) => ({
        customerId,
        status: row?.status ?? "draft",
      }));
    },
    OrderItemAdded: async (ctx: MutationCtx, event) => {
      const { orderId, item, totalAmount } = payloadOf(event, "OrderItemAdded");
      await write(ctx, orderId, event.metadata.timestamp, (row) => ({
        items: [...(row?.items ?? []), item],
        totalAmount,
      }));
    },
    OrderItemRemoved: async (ctx: MutationCtx, event) => {
      const { orderId, productId, totalAmount } = payloadOf(event, "OrderItemRemoved");
      await write(ctx, orderId, event.metadata.timestamp, (row) => ({
        items: (row?.items ?? []).filter((item) => item.productId !== productId),
        totalAmount,
      }));
    },
    OrderSubmitted: async (ctx: MutationCtx, event) => {
      const { orderId, items, totalAmount, submittedAt } = payloadOf(event, "OrderSubmitted");
      await write(ctx, orderId, submittedAt, () => ({ status: "submitted", items, totalAmount }));
    },
    OrderConfirmed: async (ctx: MutationCtx, event) => {
      const { orderId, confirmedAt } = payloadOf(event, "OrderConfirmed");
      await write(ctx, orderId, confirmedAt, () => ({ status: "confirmed" }));
    },
    OrderCancelled: async (ctx: MutationCtx, event) => {
      const { orderId, cancelledAt } = payloadOf(event, "OrderCancelled");
      await write(ctx, orderId, cancelledAt, () => ({ status: "cancelled" }));
    },
    ReservationPlaced: async (ctx: MutationCtx, event) => {
      const { orderId, expiresAt } = payloadOf(event, "ReservationPlaced");
      await write(ctx, orderId, event.metadata.timestamp, () => ({
        reservation: { status: "held", expiresAt },
      }));
    },
    ReservationConfirmed: async (ctx: MutationCtx, event) => {
      const { orderId } = payloadOf(event, "ReservationConfirmed");
      await write(ctx, orderId, event.metadata.timestamp, (row) =>
        reservationNow(row, "confirmed"),
      );
    },
    ReservationReleased: async (ctx: MutationCtx, event) => {
      const { orderId } = payloadOf(event, "ReservationReleased");
      await write(ctx, orderId, event.metadata.timestamp, (row) => reservationNow(row, "released"));
    },
    ReservationExpired: async (ctx: MutationCtx, event) => {
      const { orderId } = payloadOf(event, "ReservationExpired");
      await write(ctx, orderId, event.metadata.timestamp, (row) => reservationNow(row, "expired"));
    },
  },
});

const vDetail = v.object({
  orderId: v.string(),
  customerId: v.string(),
  status: v.union(
    v.literal("draft"),
    v.literal("submitted"),
    v.literal("confirmed"),
    v.literal("cancelled"),
  ),
  items: v.array(
    v.object({
      productId: v.string(),
      productName: v.string(),
      quantity: v.number(),
      unitPrice: v.number(),
    }),
  ),
  totalAmount: v.number(),
  reservation: v.union(
    v.null(),
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
});

/**
 * One order, for its customer or staff. Anyone else, and an order not projected yet, gets null:
 * the answer does not tell whether someone else's order exists.
 */
export const orderDetail = query(
  clientProjectionQuery(orderDetails, {
    args: { orderId: v.string() },
    returns: v.union(v.null(), vDetail),
    handler: async (ctx: QueryCtx, args: { orderId: string }) => {
      const caller = await callerOf(ctx);
      const row = await ctx.db
        .query("orderDetails")
        .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
        .unique();
      if (row?.customerId === undefined || row.status === undefined || caller === null) return null;
      if (row.customerId !== caller.userId && !hasRole(caller, STAFF_ROLE)) return null;
      return {
        orderId: row.orderId,
        customerId: row.customerId,
        status: row.status,
        items: row.items,
        totalAmount: row.totalAmount,
        reservation: row.reservation ?? null,
        updatedAt: row.updatedAt,
      };
    },
  }),
);
