// The payments context: captured payments and their refunds.
import { ConvexError, v } from "convex/values";
import { mutation, query } from "./_generated/server.js";

/** The card limit: larger amounts are declined. */
const CARD_LIMIT = 1000;

export const capture = mutation({
  args: { orderId: v.string(), amount: v.number() },
  returns: v.object({ paymentId: v.string() }),
  handler: async (ctx, args) => {
    if (args.amount > CARD_LIMIT) {
      throw new ConvexError({
        code: "PAYMENT_DECLINED",
        message: `order ${args.orderId}: ${args.amount} is over the card limit of ${CARD_LIMIT}`,
      });
    }
    const id = await ctx.db.insert("payments", { ...args, status: "captured" });
    return { paymentId: id as string };
  },
});

export const refund = mutation({
  args: { orderId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const suspension = await ctx.db.query("refundSuspensions").first();
    if (suspension !== null) {
      throw new ConvexError({
        code: "REFUNDS_SUSPENDED",
        message: `order ${args.orderId}: refunds are suspended (${suspension.reason})`,
      });
    }
    const payment = await ctx.db
      .query("payments")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .unique();
    if (payment !== null && payment.status === "captured") {
      await ctx.db.patch("payments", payment._id, { status: "refunded" });
    }
    return null;
  },
});

export const suspendRefunds = mutation({
  args: { reason: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    // A handful of rows at most: one per suspension.
    for (const row of await ctx.db.query("refundSuspensions").take(10)) {
      await ctx.db.delete("refundSuspensions", row._id);
    }
    if (args.reason !== null) await ctx.db.insert("refundSuspensions", { reason: args.reason });
    return null;
  },
});

export const get = query({
  args: { orderId: v.string() },
  returns: v.array(v.object({ amount: v.number(), status: v.string() })),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("payments")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .take(10);
    return rows.map(({ amount, status }) => ({ amount, status }));
  },
});
