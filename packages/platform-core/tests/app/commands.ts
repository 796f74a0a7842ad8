// One command run through a middleware pipeline whose rate limit is the real component: the
// adapter consumes the limit inside this mutation, and a refusal is a returned rejection.
import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { defineCommand } from "@convex-es/platform-bc";
import { v } from "convex/values";
import { z } from "zod";
import {
  convexRateLimitChecker,
  createConvexRateLimitChecker,
  createCorrelationChain,
  createMiddlewareContext,
  createMiddlewarePipeline,
  defineShardedRateLimits,
  rateLimitMiddleware,
} from "../../src/index.js";
import { components } from "./_generated/api.js";
import { internalMutation } from "./_generated/server.js";

const limits = defineShardedRateLimits({
  // Two orders per user and minute, in windows that start on the minute.
  placeOrder: { kind: "fixed window", rate: 2, period: MINUTE, start: 0 },
  // Bulk imports: 12 per minute, sized for 120 QPS, so spread over 6 shards of 2.
  bulkImport: { kind: "fixed window", rate: 12, period: MINUTE, start: 0, expectedQps: 120 },
});

export const rateLimiter = new RateLimiter(components.rateLimiter, limits);

const placeOrderCommand = defineCommand({
  commandType: "PlaceOrder",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: z.string() }),
});

const vPlaceOrderResult = v.union(
  v.object({ status: v.literal("success"), orderId: v.string() }),
  v.object({
    status: v.literal("rejected"),
    code: v.string(),
    message: v.string(),
    context: v.optional(v.record(v.string(), v.any())),
  }),
);

export const placeOrder = internalMutation({
  args: {
    commandId: v.string(),
    userId: v.string(),
    orderId: v.string(),
    limit: v.optional(v.union(v.literal("placeOrder"), v.literal("bulkImport"))),
    /** A RateLimiter built inside this mutation, as after a restart: no state of its own. */
    freshLimiter: v.optional(v.boolean()),
  },
  returns: vPlaceOrderResult,
  handler: async (ctx, args) => {
    const limiter =
      args.freshLimiter === true ? new RateLimiter(components.rateLimiter, limits) : rateLimiter;
    const pipeline = createMiddlewarePipeline([
      rateLimitMiddleware({
        checker: createConvexRateLimitChecker(limiter, ctx, args.limit ?? "placeOrder"),
      }),
    ]);
    const context = createMiddlewareContext({
      config: { definition: placeOrderCommand },
      payload: { orderId: args.orderId },
      correlation: createCorrelationChain({
        commandId: args.commandId,
        correlationId: args.commandId,
        userId: args.userId,
      }),
      caller: { userId: args.userId },
    });
    return await pipeline.execute(context, async () => {
      await ctx.db.insert("orders", { orderId: args.orderId, userId: args.userId });
      return { status: "success" as const, orderId: args.orderId };
    });
  },
});

/** One pipeline for every execution: the checker takes the mutation ctx from the context. */
const sharedPipeline = createMiddlewarePipeline([
  rateLimitMiddleware({ checker: convexRateLimitChecker(rateLimiter, "placeOrder") }),
]);

export const placeOrderThroughSharedPipeline = internalMutation({
  args: { commandId: v.string(), userId: v.string(), orderId: v.string() },
  returns: vPlaceOrderResult,
  handler: async (ctx, args) => {
    const context = createMiddlewareContext({
      config: { definition: placeOrderCommand },
      payload: { orderId: args.orderId },
      correlation: createCorrelationChain({
        commandId: args.commandId,
        correlationId: args.commandId,
        userId: args.userId,
      }),
      caller: { userId: args.userId },
      mutationCtx: ctx,
    });
    return await sharedPipeline.execute(context, async () => {
      await ctx.db.insert("orders", { orderId: args.orderId, userId: args.userId });
      return { status: "success" as const, orderId: args.orderId };
    });
  },
});

export { placeOrderCommand };
