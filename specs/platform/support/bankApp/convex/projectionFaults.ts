// Faults the specs inject into the accountBalances projection: while an account has one, its
// handlers throw the fault's message. Internal only: no client can break a projection.
import { v } from "convex/values";
import { internalMutation } from "./_generated/server.js";

/**
 * Makes the accountBalances handlers throw `message` for every event of the account; answers
 * how many faults the account has now.
 */
export const inject = internalMutation({
  args: { accountId: v.string(), message: v.string() },
  returns: v.number(),
  handler: async (ctx, args) => {
    await ctx.db.insert("projectionFaults", args);
    const faults = await ctx.db
      .query("projectionFaults")
      .withIndex("by_account_id", (q) => q.eq("accountId", args.accountId))
      .take(100);
    return faults.length;
  },
});

/** Removes the account's faults; answers how many there were. */
export const remove = internalMutation({
  args: { accountId: v.string() },
  returns: v.number(),
  handler: async (ctx, { accountId }) => {
    const faults = await ctx.db
      .query("projectionFaults")
      .withIndex("by_account_id", (q) => q.eq("accountId", accountId))
      .take(100);
    for (const fault of faults) await ctx.db.delete("projectionFaults", fault._id);
    return faults.length;
  },
});
