// The payment gateway, called from an action as a real one would be. An outage makes a call
// fail like a lost connection or a server restart; the workflow retries the action. A declined
// card is an answer, not a failure: it is returned, and the saga step turns it into a failure.
import { ConvexError, v } from "convex/values";
import { internal } from "./_generated/api.js";
import { internalAction, internalMutation } from "./_generated/server.js";

const vCharge = v.union(
  v.object({ status: v.literal("captured"), paymentId: v.string() }),
  v.object({ status: v.literal("declined"), reason: v.string() }),
);
type Charge = typeof vCharge.type;

export const chargeCard = internalAction({
  args: { orderId: v.string(), amount: v.number() },
  returns: vCharge,
  handler: async (ctx, args): Promise<Charge> => {
    const up: boolean = await ctx.runMutation(internal.gateway.attempt, { orderId: args.orderId });
    if (!up) throw new Error(`payment gateway unreachable while charging order ${args.orderId}`);
    try {
      const { paymentId } = await ctx.runMutation(internal.steps.chargePayment, args);
      return { status: "captured", paymentId };
    } catch (error) {
      if (error instanceof ConvexError && error.data?.code === "PAYMENT_DECLINED") {
        return { status: "declined", reason: String(error.data.message) };
      }
      throw error;
    }
  },
});

/** Records a call; false (and one outage fewer) while the gateway is down. */
export const attempt = internalMutation({
  args: { orderId: v.string() },
  returns: v.boolean(),
  handler: async (ctx, args) => {
    const outage = await ctx.db.query("gatewayOutages").first();
    if (outage !== null) await ctx.db.delete("gatewayOutages", outage._id);
    await ctx.db.insert("gatewayCalls", {
      orderId: args.orderId,
      outcome: outage === null ? "reached" : "unreachable",
    });
    return outage === null;
  },
});

/** The gateway fails the next `calls` calls. */
export const failNextCalls = internalMutation({
  args: { calls: v.number() },
  returns: v.null(),
  handler: async (ctx, args) => {
    for (let i = 0; i < args.calls; i++) await ctx.db.insert("gatewayOutages", { note: "down" });
    return null;
  },
});
