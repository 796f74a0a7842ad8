// orderDetails (view): one order with its items and its stock reservation, a reactive
// projection (decision 0013). Its durable handlers are made from the shared evolve of
// src/orderDetail, which browsers also run on the events this read model has not applied yet
// (orderDetailLive.ts). It joins the events of both contexts in one row per order (partitioned
// by order, decision 0008); the evolve tolerates the order of the two streams.
import {
  clientProjectionQuery,
  definePartitionConfig,
  reactiveProjectionHandlers,
} from "@convex-es/platform-core";
import type { CallerIdentity } from "@convex-es/platform-core";
import type { EventEnvelope } from "@convex-es/platform-store";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { orderDetails, orderDetailView } from "../../src/orderDetail/index.js";
import type { OrderDetail } from "../../src/orderDetail/index.js";
import type { Doc } from "../_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { query } from "../_generated/server.js";
import { callerOf, hasRole, STAFF_ROLE } from "../platform/identity.js";

export async function orderDetailRow(ctx: QueryCtx, orderId: string) {
  return await ctx.db
    .query("orderDetails")
    .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
    .unique();
}

/** The row as the shared evolve's state (the table keeps absent fields optional). */
export function detailOf(row: Doc<"orderDetails">): OrderDetail {
  return {
    orderId: row.orderId,
    customerId: row.customerId ?? null,
    status: row.status ?? null,
    items: row.items,
    totalAmount: row.totalAmount,
    reservation: row.reservation ?? null,
    updatedAt: row.updatedAt,
  };
}

/** Every event of the projection names its order: the row and the partition follow it. */
function orderIdOf(event: EventEnvelope): string {
  return (event.payload as { orderId: string }).orderId;
}

/** One partition per order (`entity:order:<orderId>`): the order's and its reservation's events. */
export const orderDetailPartitions = definePartitionConfig({
  projection: orderDetails,
  strategy: "entity",
});

export const orderDetailsHandlers = reactiveProjectionHandlers(orderDetailView, {
  partition: orderDetailPartitions,
  load: async (ctx: MutationCtx, event) => {
    const row = await orderDetailRow(ctx, orderIdOf(event));
    return row === null ? null : detailOf(row);
  },
  save: async (ctx: MutationCtx, event, detail) => {
    const { customerId, status, reservation, ...always } = detail;
    const fields = {
      ...always,
      ...(customerId !== null && { customerId }),
      ...(status !== null && { status }),
      ...(reservation !== null && { reservation }),
    };
    const row = await orderDetailRow(ctx, orderIdOf(event));
    if (row === null) await ctx.db.insert("orderDetails", fields);
    else await ctx.db.replace("orderDetails", row._id, fields);
  },
});

const vStatus = v.union(
  v.literal("draft"),
  v.literal("submitted"),
  v.literal("confirmed"),
  v.literal("cancelled"),
);
const vItem = v.object({
  productId: v.string(),
  productName: v.string(),
  quantity: v.number(),
  unitPrice: v.number(),
});
const vReservation = v.object({
  status: v.union(
    v.literal("held"),
    v.literal("confirmed"),
    v.literal("released"),
    v.literal("expired"),
  ),
  expiresAt: v.number(),
});

/** The shared evolve's state, as clients receive it. */
export const vOrderDetailState = v.object({
  orderId: v.string(),
  customerId: v.union(v.null(), v.string()),
  status: v.union(v.null(), vStatus),
  items: v.array(vItem),
  totalAmount: v.number(),
  reservation: v.union(v.null(), vReservation),
  updatedAt: v.number(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The validator and the evolve's state type cannot drift apart.
const _stateIsPinned: Same<Infer<typeof vOrderDetailState>, OrderDetail> = true;

const vDetail = v.object({
  orderId: v.string(),
  customerId: v.string(),
  status: vStatus,
  items: v.array(vItem),
  totalAmount: v.number(),
  reservation: v.union(v.null(), vReservation),
  updatedAt: v.number(),
});

/** Customers read their own orders; staff read every order. */
export function mayReadOrder(caller: CallerIdentity | null, customerId: string): boolean {
  return caller !== null && (customerId === caller.userId || hasRole(caller, STAFF_ROLE));
}

/**
 * One order, for its customer or staff. Anyone else, and an order not projected yet, gets null:
 * the answer does not tell whether someone else's order exists.
 */
export const orderDetail = query(
  clientProjectionQuery(orderDetails, {
    args: { orderId: v.string() },
    returns: v.union(v.null(), vDetail),
    handler: async (ctx: QueryCtx, args: { orderId: string }) => {
      const row = await orderDetailRow(ctx, args.orderId);
      if (row === null) return null;
      const { customerId, status, ...detail } = detailOf(row);
      if (customerId === null || status === null) return null;
      if (!mayReadOrder(await callerOf(ctx), customerId)) return null;
      return { ...detail, customerId, status };
    },
  }),
);
