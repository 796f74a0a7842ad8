// The app sets daily limits through the accounts context and keeps its own record of each
// request. The component's mutation is a sub-transaction: when it throws, its writes are gone,
// and this mutation may catch the error and still commit its own.
import { ConvexError, v } from "convex/values";
import { components } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";

const vLimits = v.array(v.object({ accountId: v.string(), limit: v.number() }));

function codeOf(error: unknown): string {
  const data: unknown = error instanceof ConvexError ? error.data : undefined;
  const code = (data as { code?: unknown } | undefined)?.code;
  // Only a refusal with a code is an answer; anything else is a bug and must roll back.
  if (typeof code !== "string") throw error;
  return code;
}

export const requestDailyLimits = internalMutation({
  args: {
    requestId: v.string(),
    limits: vLimits,
    // Throws after the component answered, as a bug in the caller would.
    crashAfterwards: v.optional(v.boolean()),
  },
  returns: v.object({
    status: v.union(v.literal("applied"), v.literal("refused")),
    code: v.optional(v.string()),
    limitIds: v.array(v.string()),
  }),
  handler: async (ctx, args) => {
    const request = await ctx.db.insert("limitRequests", {
      requestId: args.requestId,
      status: "sent",
    });
    let answer: { status: "applied" | "refused"; code?: string; limitIds: string[] };
    try {
      const { limitIds } = await ctx.runMutation(components.accounts.limits.setDailyLimits, {
        limits: args.limits,
      });
      answer = { status: "applied", limitIds };
    } catch (error) {
      answer = { status: "refused", code: codeOf(error), limitIds: [] };
    }
    await ctx.db.patch("limitRequests", request, {
      status: answer.status,
      ...(answer.code !== undefined && { code: answer.code }),
    });
    if (args.crashAfterwards === true) {
      throw new Error(`the request ${args.requestId} crashed after the accounts context answered`);
    }
    return answer;
  },
});

/** The app's record of a request, or null when none committed. */
export const limitRequest = internalQuery({
  args: { requestId: v.string() },
  returns: v.union(v.null(), v.object({ status: v.string(), code: v.optional(v.string()) })),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("limitRequests")
      .withIndex("by_request_id", (q) => q.eq("requestId", args.requestId))
      .unique();
    return row === null
      ? null
      : { status: row.status, ...(row.code !== undefined && { code: row.code }) };
  },
});

export const dailyLimitOf = internalQuery({
  args: { accountId: v.string() },
  returns: v.union(v.null(), v.number()),
  handler: async (ctx, args) => ctx.runQuery(components.accounts.limits.dailyLimitOf, args),
});

export const dailyLimitById = internalQuery({
  args: { limitId: v.string() },
  returns: v.union(v.null(), v.object({ accountId: v.string(), limit: v.number() })),
  handler: async (ctx, args) => ctx.runQuery(components.accounts.limits.getDailyLimit, args),
});
