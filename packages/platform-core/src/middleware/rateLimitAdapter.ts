import type {
  MutationCtx as RateLimiterMutationCtx,
  RateLimitConfig,
  RateLimiter,
  RateLimitReturns,
} from "@convex-dev/rate-limiter";
import { fail } from "../errors/coreError.js";
import { describeValue, isObject } from "../internal/describe.js";
import type { RateLimitChecker } from "./rateLimit.js";
import type { MiddlewareContext } from "./types.js";

export interface ConvexRateLimitCheckerOptions {
  /** Units consumed per command. Default 1. */
  readonly count?: number;
}

/** The ctx a checker needs: a mutation's (or an action's) `runQuery`, `runMutation` and `meta`. */
export type RateLimitCtx = RateLimiterMutationCtx;

/**
 * A `RateLimitChecker` over the `@convex-dev/rate-limiter` component: each check consumes
 * tokens of the limit `name` for the key (`rateLimiter.limit`), inside the running mutation, so
 * the decision is durable and shared by every function runner. Define the limit in the
 * `RateLimiter` (token bucket or fixed window, and `shards` for high traffic: see
 * `recommendedShards`).
 *
 * @example
 * const rateLimiter = new RateLimiter(components.rateLimiter, {
 *   commands: { kind: "token bucket", rate: 100, period: MINUTE, shards: recommendedShards(120) },
 * });
 * // in a mutation:
 * rateLimitMiddleware({ checker: createConvexRateLimitChecker(rateLimiter, ctx, "commands") });
 */
export function createConvexRateLimitChecker<
  Limits extends Record<string, RateLimitConfig>,
  Name extends keyof Limits & string,
>(
  rateLimiter: RateLimiter<Limits>,
  ctx: RateLimitCtx,
  name: Name,
  options: ConvexRateLimitCheckerOptions = {},
): RateLimitChecker {
  if (!isObject(rateLimiter) || typeof rateLimiter.limit !== "function") {
    fail(
      "INVALID_MIDDLEWARE",
      `createConvexRateLimitChecker takes a RateLimiter from @convex-dev/rate-limiter (got ${describeValue(rateLimiter)})`,
    );
  }
  if (!isObject(ctx) || typeof ctx.runMutation !== "function") {
    fail(
      "INVALID_MIDDLEWARE",
      "createConvexRateLimitChecker needs the ctx of a mutation or an action (with runMutation)",
    );
  }
  const limit = rateLimiter.limit.bind(rateLimiter) as (
    ctx: RateLimitCtx,
    name: string,
    args: { key: string; count?: number },
  ) => Promise<RateLimitReturns>;
  return Object.freeze({
    async check(key: string) {
      const status = await limit(ctx, name, {
        key,
        ...(options.count !== undefined && { count: options.count }),
      });
      return status.ok
        ? { allowed: true as const }
        : { allowed: false as const, retryAfterMs: status.retryAfter };
    },
  });
}

/**
 * A checker factory for `rateLimitMiddleware` that uses the mutation ctx the CommandOrchestrator
 * puts in the middleware context, so the pipeline can be defined once at module level.
 * Refuses a context without one (a pipeline run outside the orchestrator) with
 * `INVALID_MIDDLEWARE_CONTEXT`.
 *
 * @example
 * const orchestrator = new CommandOrchestrator({
 *   eventStore, commandBus,
 *   middleware: [rateLimitMiddleware({ checker: convexRateLimitChecker(rateLimiter, "commands") })],
 * });
 */
export function convexRateLimitChecker<
  Limits extends Record<string, RateLimitConfig>,
  Name extends keyof Limits & string,
>(
  rateLimiter: RateLimiter<Limits>,
  name: Name,
  options: ConvexRateLimitCheckerOptions = {},
): (context: MiddlewareContext) => RateLimitChecker {
  return (context) => {
    if (context.mutationCtx === undefined) {
      fail(
        "INVALID_MIDDLEWARE_CONTEXT",
        `the rate limit "${name}" needs the running mutation's ctx in the middleware context: run the pipeline through the CommandOrchestrator, or pass mutationCtx to createMiddlewareContext`,
      );
    }
    return createConvexRateLimitChecker(
      rateLimiter,
      context.mutationCtx as RateLimitCtx,
      name,
      options,
    );
  };
}
