// The order detail for the browser's reactive view (useOrderDetail): the durable read model,
// its partition's checkpoint and the events committed after it, which the durable projection
// has not applied yet. The view folds two streams of the order's partition, the order's own
// (Order/<orderId>) and its reservation's (StockReservation/<orderId>, named after the order),
// so both are read after the one checkpoint and merged in position order.
import { reactiveProjectionQuery, readReactiveEvents } from "@convex-es/platform-core";
import type { ReactiveSnapshot, ReactiveSource } from "@convex-es/platform-core";
import { ProjectionStore } from "@convex-es/platform-projections";
import { v } from "convex/values";
import { orderDetailView } from "../../src/orderDetail/index.js";
import type { OrderDetail } from "../../src/orderDetail/index.js";
import { components } from "../_generated/api.js";
import type { QueryCtx } from "../_generated/server.js";
import { query } from "../_generated/server.js";
import { callerOf } from "../platform/identity.js";
import { eventStore } from "../platform/runtime.js";
import { SHOP_TENANT_ID } from "../platform/shop.js";
import { mergeStreamEvents } from "./mergeStreamEvents.js";
import {
  detailOf,
  mayReadOrder,
  orderDetailPartitions,
  orderDetailRow,
  vOrderDetailState,
} from "./orderDetails.js";

/** Events returned at most: more means the durable projection is far behind (hasMore). */
export const LIVE_EVENT_LIMIT = 50;

const stores = { eventStore, projectionStore: new ProjectionStore(components.projections) };

function streamOf(streamType: "Order" | "StockReservation", orderId: string): ReactiveSource {
  return {
    streamType,
    streamId: orderId,
    partition: orderDetailPartitions.keyFor({ streamId: orderId, payload: { orderId } }),
    tenantId: SHOP_TENANT_ID,
  };
}

/**
 * Whose order this is. The durable row knows once it has folded OrderCreated; until then (the
 * first seconds of an order) the order's stream says it: its first event is OrderCreated.
 */
async function customerOf(ctx: QueryCtx, orderId: string): Promise<string | null> {
  const known = (await orderDetailRow(ctx, orderId))?.customerId;
  if (known !== undefined) return known;
  const page = await eventStore.readStream(ctx, {
    streamType: "Order",
    streamId: orderId,
    tenantId: SHOP_TENANT_ID,
    fromVersion: 1,
    limit: 1,
  });
  const created = page.events[0];
  return created?.eventType === "OrderCreated"
    ? (created.payload as { customerId: string }).customerId
    : null;
}

const orderStream = reactiveProjectionQuery<QueryCtx, { orderId: string }, OrderDetail>(
  orderDetailView,
  {
    ...stores,
    args: { orderId: v.string() },
    state: vOrderDetailState,
    loadState: async (ctx, { orderId }) => {
      const row = await orderDetailRow(ctx, orderId);
      return row === null ? null : detailOf(row);
    },
    source: async (_ctx, { orderId }) => streamOf("Order", orderId),
    limit: LIVE_EVENT_LIMIT,
  },
);

/** What a caller who may not read the order gets: nothing that tells whether it exists. */
const nothing: ReactiveSnapshot<OrderDetail> = {
  state: null,
  durablePosition: 0,
  durableEventId: null,
  events: [],
  hasMore: false,
};

/**
 * One order's detail as the reactive view needs it, for its customer or staff (anyone else gets
 * an empty answer). Events of other orders never appear: both streams are the order's own, read
 * as the shop's tenant.
 */
export const orderDetailLive = query({
  args: orderStream.args,
  returns: orderStream.returns,
  handler: async (ctx, args: { orderId: string }): Promise<ReactiveSnapshot<OrderDetail>> => {
    const customerId = await customerOf(ctx, args.orderId);
    if (customerId === null || !mayReadOrder(await callerOf(ctx), customerId)) return nothing;
    const snapshot = await orderStream.handler(ctx, args);
    const reservation = await readReactiveEvents(
      ctx,
      stores,
      orderDetailView,
      streamOf("StockReservation", args.orderId),
      LIVE_EVENT_LIMIT,
    );
    return { ...snapshot, ...mergeStreamEvents([snapshot, reservation], LIVE_EVENT_LIMIT) };
  },
});
