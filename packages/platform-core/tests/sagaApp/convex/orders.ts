// The app's entry points: start the sagas, deliver the payment provider's answer, and the
// fault switches and ledger reads the tests use. Handlers that reach `internal` declare their
// return type (the type of `internal` includes this module).
import { v } from "convex/values";
import { vSagaRecord } from "../../../src/index.js";
import type { SagaRecord, StartSagaResult } from "../../../src/index.js";
import { paymentConfirmed } from "../definitions.js";
import { internal } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { sagas } from "./sagas.js";

const orderArgs = {
  orderId: v.string(),
  sku: v.string(),
  quantity: v.number(),
  amount: v.number(),
};
const vStarted = v.object({ started: v.boolean(), saga: vSagaRecord });

export const startFulfillment = internalMutation({
  args: orderArgs,
  returns: vStarted,
  handler: async (ctx, { orderId, ...input }): Promise<StartSagaResult> =>
    sagas.start(ctx, internal.sagas.orderFulfillmentWorkflow, {
      sagaType: "orderFulfillment",
      sagaId: orderId,
      input,
    }),
});

export const startPaymentApproval = internalMutation({
  args: orderArgs,
  returns: vStarted,
  handler: async (ctx, { orderId, ...input }): Promise<StartSagaResult> =>
    sagas.start(ctx, internal.sagas.paymentApprovalWorkflow, {
      sagaType: "paymentApproval",
      sagaId: orderId,
      input,
    }),
});

/** The payment provider confirmed the payment of an order. */
export const confirmPayment = internalMutation({
  args: { orderId: v.string(), paymentId: v.string() },
  returns: v.string(),
  handler: async (ctx, args) => {
    const { eventId } = await sagas.sendEvent(ctx, {
      sagaType: "paymentApproval",
      sagaId: args.orderId,
      ...paymentConfirmed,
      value: { paymentId: args.paymentId },
    });
    return eventId;
  },
});

/** The payment provider declined: the waiting step throws and the saga compensates. */
export const declinePayment = internalMutation({
  args: { orderId: v.string(), reason: v.string() },
  returns: v.string(),
  handler: async (ctx, args) => {
    const { eventId } = await sagas.sendEvent(ctx, {
      sagaType: "paymentApproval",
      sagaId: args.orderId,
      name: paymentConfirmed.name,
      error: args.reason,
    });
    return eventId;
  },
});

export const getSaga = internalQuery({
  args: { sagaType: v.string(), sagaId: v.string() },
  returns: v.union(v.null(), vSagaRecord),
  handler: async (ctx, args): Promise<SagaRecord | null> => sagas.get(ctx, args),
});

/** The effects of one saga, in the order they happened. */
export const ledger = internalQuery({
  args: { sagaId: v.string() },
  returns: v.array(v.object({ action: v.string(), detail: v.string() })),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("ledger")
      .withIndex("by_saga_id", (q) => q.eq("sagaId", args.sagaId))
      .take(100);
    return rows.map(({ action, detail }) => ({ action, detail }));
  },
});

export const setFault = internalMutation({
  args: { sagaId: v.string(), action: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.db.insert("faults", args);
    return null;
  },
});

export const clearFault = internalMutation({
  args: { sagaId: v.string(), action: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const faults = await ctx.db
      .query("faults")
      .withIndex("by_saga_id_and_action", (q) =>
        q.eq("sagaId", args.sagaId).eq("action", args.action),
      )
      .take(10);
    for (const fault of faults) await ctx.db.delete("faults", fault._id);
    return null;
  },
});

/** Starts an order saga with arguments as a caller might get them wrong. */
export const startUnchecked = internalMutation({
  args: { sagaType: v.string(), sagaId: v.string(), input: v.any() },
  returns: vStarted,
  handler: async (ctx, args): Promise<StartSagaResult> =>
    // The cast is the point: the workflow checks its arguments at run time too.
    sagas.start(ctx, internal.sagas.orderFulfillmentWorkflow, args as never),
});
