// Daily withdrawal limits, set by an operator for several accounts at once. One call is one
// sub-transaction: every limit of the call is written, or none is.
import { ConvexError, v } from "convex/values";
import { mutation, query } from "./_generated/server.js";

export const setDailyLimits = mutation({
  args: { limits: v.array(v.object({ accountId: v.string(), limit: v.number() })) },
  // Ids leave the component as plain strings: an Id of this database means nothing outside it.
  returns: v.object({ limitIds: v.array(v.string()) }),
  handler: async (ctx, args) => {
    const limitIds: string[] = [];
    // Each account is checked as it is reached, so a later unknown account finds the earlier
    // limits already written: throwing must take them back.
    for (const { accountId, limit } of args.limits) {
      const account = await ctx.db
        .query("accounts")
        .withIndex("by_account_id", (q) => q.eq("accountId", accountId))
        .unique();
      if (account === null) {
        throw new ConvexError({
          code: "ACCOUNT_NOT_FOUND",
          message: `no account "${accountId}": limits are set on opened accounts only`,
        });
      }
      const existing = await ctx.db
        .query("dailyLimits")
        .withIndex("by_account_id", (q) => q.eq("accountId", accountId))
        .unique();
      if (existing === null)
        limitIds.push(await ctx.db.insert("dailyLimits", { accountId, limit }));
      else {
        await ctx.db.patch("dailyLimits", existing._id, { limit });
        limitIds.push(existing._id);
      }
    }
    return { limitIds };
  },
});

/** The limit of one account, or null when none is set. */
export const dailyLimitOf = query({
  args: { accountId: v.string() },
  returns: v.union(v.null(), v.number()),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("dailyLimits")
      .withIndex("by_account_id", (q) => q.eq("accountId", args.accountId))
      .unique();
    return row?.limit ?? null;
  },
});

/** A limit by the id `setDailyLimits` returned; an id of another table or database is refused. */
export const getDailyLimit = query({
  args: { limitId: v.string() },
  returns: v.union(v.null(), v.object({ accountId: v.string(), limit: v.number() })),
  handler: async (ctx, args) => {
    const id = ctx.db.normalizeId("dailyLimits", args.limitId);
    if (id === null) {
      throw new ConvexError({
        code: "INVALID_LIMIT_ID",
        message: `"${args.limitId}" is not an id of the accounts context's dailyLimits table: pass an id that setDailyLimits returned`,
      });
    }
    const row = await ctx.db.get("dailyLimits", id);
    return row === null ? null : { accountId: row.accountId, limit: row.limit };
  },
});
