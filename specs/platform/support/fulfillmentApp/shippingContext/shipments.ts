// The shipping context: shipments to the places a carrier serves.
import { ConvexError, v } from "convex/values";
import { mutation, query } from "./_generated/server.js";

const UNSERVED = ["Atlantis"];

export const schedule = mutation({
  args: { orderId: v.string(), address: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    if (UNSERVED.includes(args.address)) {
      throw new ConvexError({
        code: "NO_CARRIER",
        message: `order ${args.orderId}: no carrier delivers to ${args.address}`,
      });
    }
    await ctx.db.insert("shipments", args);
    return null;
  },
});

export const get = query({
  args: { orderId: v.string() },
  returns: v.array(v.string()),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("shipments")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .take(10);
    return rows.map((row) => row.address);
  },
});
