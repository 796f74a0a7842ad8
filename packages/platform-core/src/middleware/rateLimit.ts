import { rejected } from "@convex-es/platform-decider";
import { fail } from "../errors/coreError.js";
import { describeValue, isNonEmptyString, isObject } from "../internal/describe.js";
import type { Middleware, MiddlewareContext } from "./types.js";

/** What a rate limit check answers. */
export type RateLimitDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Consumes one unit of a rate limit for a key. In production, back it with a durable store:
 * `createConvexRateLimitChecker` over `@convex-dev/rate-limiter`. An in-memory checker loses
 * its state on every cold start and is not shared between function runners.
 */
export interface RateLimitChecker {
  check(key: string): RateLimitDecision | Promise<RateLimitDecision>;
}

export interface RateLimitOptions<TContext extends MiddlewareContext = MiddlewareContext> {
  /**
   * The checker, or a function making one per execution (for checkers that need the Convex
   * ctx of the running mutation while the pipeline is defined once at module level).
   */
  readonly checker: RateLimitChecker | ((ctx: TContext) => RateLimitChecker);
  /** The bucket of a command execution. Default `defaultRateLimitKey`: per user and command. */
  readonly key?: (ctx: TContext) => string;
}

/** `"<userId>:<commandType>"`, with `anonymous` for a caller without identity (one shared bucket). */
export function defaultRateLimitKey(ctx: MiddlewareContext): string {
  return `${ctx.caller?.userId ?? "anonymous"}:${ctx.command.commandType}`;
}

function readDecision(decision: unknown): RateLimitDecision {
  if (isObject(decision) && decision.allowed === true) return { allowed: true };
  const retryAfterMs = isObject(decision) ? decision.retryAfterMs : undefined;
  if (
    isObject(decision) &&
    decision.allowed === false &&
    typeof retryAfterMs === "number" &&
    Number.isFinite(retryAfterMs) &&
    retryAfterMs >= 0
  ) {
    return { allowed: false, retryAfterMs };
  }
  return fail(
    "INVALID_MIDDLEWARE_RESULT",
    `a rate limit checker must return { allowed: true } or { allowed: false, retryAfterMs >= 0 } (got ${describeValue(decision)})`,
  );
}

/**
 * Throttles commands per key. A key over its limit stops the chain with
 * `rejected("RATE_LIMITED", message, { commandType, key, retryAfterMs })`.
 *
 * @example
 * rateLimitMiddleware({
 *   checker: createConvexRateLimitChecker(rateLimiter, ctx, "commands"),
 *   key: (ctx) => `${ctx.caller?.tenantId ?? "none"}:${ctx.command.commandType}`, // per tenant
 * });
 */
export function rateLimitMiddleware<TContext extends MiddlewareContext = MiddlewareContext>(
  options: RateLimitOptions<TContext>,
): Middleware<TContext> {
  const checker: unknown = isObject(options) ? options.checker : undefined;
  const valid =
    typeof checker === "function" || (isObject(checker) && typeof checker.check === "function");
  if (!valid || (options.key !== undefined && typeof options.key !== "function")) {
    fail(
      "INVALID_MIDDLEWARE",
      `rateLimitMiddleware takes { checker: { check(key) } or (ctx) => checker, key?: (ctx) => string } (got ${describeValue(checker)} as checker)`,
    );
  }
  const keyOf = options.key ?? defaultRateLimitKey;
  return Object.freeze({
    name: "rateLimit",
    async before(ctx: TContext) {
      const key = keyOf(ctx);
      if (!isNonEmptyString(key)) {
        fail(
          "INVALID_MIDDLEWARE_RESULT",
          `the rate limit key must be a non-empty string (got ${describeValue(key)})`,
        );
      }
      const current =
        typeof options.checker === "function" ? options.checker(ctx) : options.checker;
      const decision = readDecision(await current.check(key));
      if (decision.allowed) return undefined;
      const { commandType } = ctx.command;
      return {
        continue: false as const,
        result: rejected(
          "RATE_LIMITED",
          `command "${commandType}" is rate limited for "${key}": retry after ${Math.ceil(decision.retryAfterMs)} ms`,
          { commandType, key, retryAfterMs: decision.retryAfterMs },
        ),
      };
    },
  });
}
