// What the accounts context lets others read: the app reaches its tables only through these.
import { v } from "convex/values";
import { query } from "./_generated/server.js";

export const getAccount = query({
  args: { accountId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      accountId: v.string(),
      owner: v.string(),
      status: v.string(),
      balance: v.number(),
      version: v.number(),
    }),
  ),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("accounts")
      .withIndex("by_account_id", (q) => q.eq("accountId", args.accountId))
      .unique();
    if (row === null) return null;
    const { accountId, owner, status, balance, version } = row;
    return { accountId, owner, status, balance, version };
  },
});

/**
 * Who this component's own `ctx.auth` says is calling. Components never see the app's caller:
 * Convex does not pass authentication across the boundary, so identity must travel as data.
 */
export const identitySeen = query({
  args: {},
  returns: v.union(v.null(), v.object({ subject: v.string() })),
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    return identity === null ? null : { subject: identity.subject };
  },
});
