// Placing an order starts its fulfilment saga in the same transaction; the payment provider's
// answers reach the waiting saga by orderId.
import { vSagaRecord } from "@convex-es/platform-core";
import type { StartSagaResult } from "@convex-es/platform-core";
import { v } from "convex/values";
import { paymentAuthorized } from "../fulfillment.js";
import { internal } from "./_generated/api.js";
import { internalMutation } from "./_generated/server.js";
import { sagas } from "./sagas.js";

export const placeOrder = internalMutation({
  args: {
    orderId: v.string(),
    sku: v.string(),
    quantity: v.number(),
    amount: v.number(),
    address: v.string(),
    requiresAuthorization: v.boolean(),
  },
  returns: v.object({ started: v.boolean(), saga: vSagaRecord }),
  handler: async (ctx, { orderId, ...input }): Promise<StartSagaResult> => {
    const placed = await ctx.db
      .query("orders")
      .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
      .unique();
    if (placed === null) await ctx.db.insert("orders", { orderId, status: "placed" });
    return sagas.start(ctx, internal.sagas.orderFulfillmentWorkflow, {
      sagaType: "orderFulfillment",
      sagaId: orderId,
      input,
    });
  },
});

export const authorizePayment = internalMutation({
  args: { orderId: v.string(), authorizationId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await sagas.sendEvent(ctx, {
      sagaType: "orderFulfillment",
      sagaId: args.orderId,
      ...paymentAuthorized,
      value: { authorizationId: args.authorizationId },
    });
    return null;
  },
});

export const declinePayment = internalMutation({
  args: { orderId: v.string(), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await sagas.sendEvent(ctx, {
      sagaType: "orderFulfillment",
      sagaId: args.orderId,
      name: paymentAuthorized.name,
      error: args.reason,
    });
    return null;
  },
});
