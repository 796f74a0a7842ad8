// External payments through the outbox: the charge runs in the action retrier, and its outcome,
// success or failure, becomes one event on the order's stream.
import { ActionRetrier } from "@convex-dev/action-retrier";
import { v } from "convex/values";
import { ActionOutbox, vOutboxRunRecord } from "../../../src/index.js";
import type { ActionOutboxOptions } from "../../../src/index.js";
import { components, internal } from "./_generated/api.js";
import { internalAction, internalMutation, internalQuery } from "./_generated/server.js";
import { durableAppend, eventStore } from "./durableAppends.js";

/** Four retries, 1 s, 2 s, 4 s and 8 s apart (the retrier adds jitter). */
const retrier = new ActionRetrier(components.actionRetrier, {
  initialBackoffMs: 1000,
  base: 2,
  maxFailures: 4,
});

export const outbox: ActionOutbox = new ActionOutbox({
  eventStore,
  retrier,
  durableAppend,
  actions: {
    payment: {
      onSuccess: (charge, run) => ({
        eventType: "PaymentCompleted",
        payload: { orderId: run.entityId, charge },
      }),
      onFailure: (error, run) => ({
        eventType: "PaymentFailed",
        payload: { orderId: run.entityId, error },
      }),
    },
  },
  functions: (): ReturnType<ActionOutboxOptions["functions"]> => ({
    onComplete: internal.payments.onComplete,
  }),
});

/** The external call: the payment gateway, behind the tests' fault switch ("paymentGateway"). */
export const charge = internalAction({
  args: { orderId: v.string(), amount: v.number() },
  returns: v.object({ chargeId: v.string(), amount: v.number() }),
  handler: async (ctx, { orderId, amount }) => {
    if (await ctx.runMutation(internal.faults.tick, { target: "paymentGateway" })) {
      throw new Error("the payment gateway timed out (injected fault)");
    }
    return { chargeId: `ch-${orderId}`, amount };
  },
});

/** The mutation that decides to charge: the run starts in its transaction. */
export const startPayment = internalMutation({
  args: {
    orderId: v.string(),
    amount: v.number(),
    correlationId: v.string(),
    actionType: v.optional(v.string()),
  },
  returns: v.string(),
  handler: async (ctx, { orderId, amount, correlationId, actionType }): Promise<string> => {
    const { runId } = await outbox.run(
      ctx,
      internal.payments.charge,
      { orderId, amount },
      {
        actionType: actionType ?? "payment",
        entityId: orderId,
        stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
        metadata: { correlationId },
      },
    );
    return runId;
  },
});

export const onComplete = internalMutation(outbox.definitions.onComplete);

export const getRun = internalQuery({
  args: { runId: v.string() },
  returns: v.union(v.null(), vOutboxRunRecord),
  handler: async (ctx, { runId }) => await outbox.getRun(ctx, runId),
});
