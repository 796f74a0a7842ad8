// The saga's steps and compensations: each calls one bounded context and writes the effect it
// had, in one transaction (a refused call writes nothing).
import { v } from "convex/values";
import { components } from "./_generated/api.js";
import { internalMutation } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

async function effect(ctx: MutationCtx, orderId: string, effect: string): Promise<void> {
  await ctx.db.insert("effects", { orderId, effect });
}

async function setOrderStatus(ctx: MutationCtx, orderId: string, status: "confirmed" | "canceled") {
  const order = await ctx.db
    .query("orders")
    .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
    .unique();
  if (order === null) throw new Error(`order ${orderId} was never placed`);
  await ctx.db.patch("orders", order._id, { status });
}

export const reserveInventory = internalMutation({
  args: { orderId: v.string(), sku: v.string(), quantity: v.number() },
  returns: v.object({ reservationId: v.string() }),
  handler: async (ctx, args) => {
    const reserved = await ctx.runMutation(components.inventory.stock.reserve, args);
    await effect(ctx, args.orderId, "inventory:reserve");
    return reserved;
  },
});

export const releaseInventory = internalMutation({
  args: { orderId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.runMutation(components.inventory.stock.release, args);
    await effect(ctx, args.orderId, "inventory:release");
    return null;
  },
});

export const chargePayment = internalMutation({
  args: { orderId: v.string(), amount: v.number() },
  returns: v.object({ paymentId: v.string() }),
  handler: async (ctx, args) => {
    const captured = await ctx.runMutation(components.payments.payments.capture, args);
    await effect(ctx, args.orderId, "payments:capture");
    return captured;
  },
});

export const refundPayment = internalMutation({
  args: { orderId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.runMutation(components.payments.payments.refund, args);
    await effect(ctx, args.orderId, "payments:refund");
    return null;
  },
});

export const confirmOrder = internalMutation({
  args: { orderId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await setOrderStatus(ctx, args.orderId, "confirmed");
    await effect(ctx, args.orderId, "orders:confirm");
    return null;
  },
});

export const cancelOrder = internalMutation({
  args: { orderId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await setOrderStatus(ctx, args.orderId, "canceled");
    await effect(ctx, args.orderId, "orders:cancel");
    return null;
  },
});

export const scheduleShipment = internalMutation({
  args: { orderId: v.string(), address: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.runMutation(components.shipping.shipments.schedule, args);
    await effect(ctx, args.orderId, "shipping:schedule");
    return null;
  },
});
