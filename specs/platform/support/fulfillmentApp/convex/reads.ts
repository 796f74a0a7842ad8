// What the specs read back: the saga, the effects log, and each context's own view.
import { vSagaRecord } from "@convex-es/platform-core";
import type { SagaRecord } from "@convex-es/platform-core";
import { v } from "convex/values";
import { components } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { sagas } from "./sagas.js";

export const saga = internalQuery({
  args: { orderId: v.string() },
  returns: v.union(v.null(), vSagaRecord),
  handler: async (ctx, args): Promise<SagaRecord | null> =>
    sagas.get(ctx, { sagaType: "orderFulfillment", sagaId: args.orderId }),
});

export const effects = internalQuery({
  args: { orderId: v.string() },
  returns: v.array(v.string()),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("effects")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .take(100);
    return rows.map((row) => row.effect);
  },
});

export const order = internalQuery({
  args: { orderId: v.string() },
  returns: v.union(v.null(), v.string()),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("orders")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .unique();
    return row?.status ?? null;
  },
});

export const contexts = internalQuery({
  args: { orderId: v.string(), sku: v.string() },
  returns: v.object({
    inventory: v.object({ available: v.number(), reservation: v.union(v.null(), v.string()) }),
    payments: v.array(v.object({ amount: v.number(), status: v.string() })),
    shipments: v.array(v.string()),
  }),
  handler: async (ctx, args) => ({
    inventory: await ctx.runQuery(components.inventory.stock.get, args),
    payments: await ctx.runQuery(components.payments.payments.get, { orderId: args.orderId }),
    shipments: await ctx.runQuery(components.shipping.shipments.get, { orderId: args.orderId }),
  }),
});

export const gatewayCalls = internalQuery({
  args: { orderId: v.string() },
  returns: v.array(v.string()),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("gatewayCalls")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .take(100);
    return rows.map((row) => row.outcome);
  },
});

export const restock = internalMutation({
  args: { sku: v.string(), units: v.number() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.runMutation(components.inventory.stock.restock, args);
    return null;
  },
});

export const suspendRefunds = internalMutation({
  args: { reason: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.runMutation(components.payments.payments.suspendRefunds, args);
    return null;
  },
});
