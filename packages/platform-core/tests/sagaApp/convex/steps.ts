// The effects the sagas coordinate. Each mutation writes one ledger row, unless a fault row
// tells it to fail, as a bounded context refusing the operation would.
import { ConvexError, v } from "convex/values";
import { internalMutation } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

async function effect(ctx: MutationCtx, sagaId: string, action: string, detail: string) {
  const fault = await ctx.db
    .query("faults")
    .withIndex("by_saga_id_and_action", (q) => q.eq("sagaId", sagaId).eq("action", action))
    .first();
  if (fault !== null) {
    throw new ConvexError({
      code: "STEP_REFUSED",
      message: `${action} refused for saga ${sagaId}`,
    });
  }
  await ctx.db.insert("ledger", { sagaId, action, detail });
}

export const reserveStock = internalMutation({
  args: { sagaId: v.string(), sku: v.string(), quantity: v.number() },
  returns: v.object({ reservationId: v.string() }),
  handler: async (ctx, args) => {
    const reservationId = `res-${args.sagaId}`;
    await effect(
      ctx,
      args.sagaId,
      "reserveStock",
      `${args.quantity} x ${args.sku} as ${reservationId}`,
    );
    return { reservationId };
  },
});

export const releaseStock = internalMutation({
  args: { sagaId: v.string(), reservationId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await effect(ctx, args.sagaId, "releaseStock", args.reservationId);
    return null;
  },
});

export const chargePayment = internalMutation({
  args: { sagaId: v.string(), amount: v.number() },
  returns: v.object({ paymentId: v.string() }),
  handler: async (ctx, args) => {
    const paymentId = `pay-${args.sagaId}`;
    await effect(ctx, args.sagaId, "chargePayment", `${args.amount} as ${paymentId}`);
    return { paymentId };
  },
});

export const refundPayment = internalMutation({
  args: { sagaId: v.string(), paymentId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await effect(ctx, args.sagaId, "refundPayment", args.paymentId);
    return null;
  },
});

export const confirmOrder = internalMutation({
  args: { sagaId: v.string(), reservationId: v.string(), paymentId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await effect(ctx, args.sagaId, "confirmOrder", `${args.reservationId}, ${args.paymentId}`);
    return null;
  },
});
