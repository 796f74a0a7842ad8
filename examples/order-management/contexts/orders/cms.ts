// Loading and writing the orders' CMS rows for the handler factories.
import type { CMSUpdate, StoredCMS } from "@convex-es/platform-core";
import type { Order } from "../../src/orders/index.js";
import type { Id } from "./_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";

export async function orderRow(ctx: QueryCtx, orderId: string) {
  return await ctx.db
    .query("orders")
    .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
    .unique();
}

export async function loadOrder(
  ctx: QueryCtx,
  args: { orderId: string },
): Promise<StoredCMS | null> {
  const row = await orderRow(ctx, args.orderId);
  if (row === null) return null;
  const { _id, _creationTime: _created, version, ...state } = row;
  return { state, version, ref: _id };
}

export async function writeOrder(
  ctx: MutationCtx,
  update: CMSUpdate<Order, { orderId: string }>,
): Promise<void> {
  const { state, version } = update;
  const fields = {
    orderId: state.orderId,
    customerId: state.customerId,
    status: state.status,
    items: state.items,
    totalAmount: state.totalAmount,
    updatedAt: state.updatedAt,
    stateVersion: state.stateVersion,
    version,
  };
  const previous = update.previous?.ref;
  if (previous === undefined) await ctx.db.insert("orders", fields);
  else await ctx.db.patch("orders", previous as Id<"orders">, fields);
}
