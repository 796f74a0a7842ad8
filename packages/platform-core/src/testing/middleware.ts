import type { CommandDefinition } from "@convex-es/platform-bc";
import type { DeciderRejected } from "@convex-es/platform-decider";
import type { CommandConfig } from "../commands/commandConfig.js";
import type { CorrelationChain } from "../correlation/types.js";
import { createMiddlewareContext } from "../middleware/context.js";
import type { RateLimitChecker, RateLimitDecision } from "../middleware/rateLimit.js";
import type { CallerIdentity, Middleware, MiddlewareContext } from "../middleware/types.js";

export interface TestContextOverrides {
  readonly payload?: unknown;
  readonly caller?: CallerIdentity | null;
  readonly correlation?: CorrelationChain;
  readonly custom?: Record<string, unknown>;
}

/** The chain test contexts use unless told otherwise. */
export const TEST_CORRELATION: CorrelationChain = Object.freeze({
  commandId: "cmd-1",
  correlationId: "corr-1",
  causationId: "cmd-1",
});

/**
 * A middleware context for a command definition (or a whole config) with test defaults:
 * payload `{}`, an anonymous caller and `TEST_CORRELATION`.
 *
 * @example
 * const ctx = middlewareContextFor(submitOrder, { payload: { orderId: "o-1" }, caller: { userId: "u-1" } });
 */
export function middlewareContextFor(
  command: CommandDefinition | CommandConfig,
  overrides: TestContextOverrides = {},
): MiddlewareContext {
  const config: CommandConfig =
    (command as { kind?: unknown }).kind === "command"
      ? { definition: command as CommandDefinition }
      : (command as CommandConfig);
  return createMiddlewareContext({
    config,
    payload: "payload" in overrides ? overrides.payload : {},
    correlation: overrides.correlation ?? TEST_CORRELATION,
    caller: overrides.caller ?? null,
    custom: { ...overrides.custom },
  });
}

/**
 * A middleware that writes what happens to it into `journal`: `"<name>:before"` and
 * `"<name>:after:<status>"`. With `stopWith`, its `before` stops the chain with that rejection.
 *
 * @example
 * const journal: string[] = [];
 * createMiddlewarePipeline([recordingMiddleware("a", journal), recordingMiddleware("b", journal)]);
 * // after a run: ["a:before", "b:before", "b:after:success", "a:after:success"]
 */
export function recordingMiddleware(
  name: string,
  journal: string[],
  options: { readonly stopWith?: DeciderRejected } = {},
): Middleware {
  return Object.freeze({
    name,
    before() {
      journal.push(`${name}:before`);
      return options.stopWith === undefined
        ? undefined
        : { continue: false as const, result: options.stopWith };
    },
    after(_ctx: MiddlewareContext, result: { status: string }) {
      journal.push(`${name}:after:${result.status}`);
    },
  });
}

/** An in-memory checker for tests; never for production (state is per process). */
export interface TestRateLimitChecker extends RateLimitChecker {
  /** How many checks each key has had. */
  readonly counts: ReadonlyMap<string, number>;
}

/**
 * Allows `limit` checks per key, then refuses with `retryAfterMs` (default 1000).
 *
 * @example
 * rateLimitMiddleware({ checker: createTestRateLimitChecker({ limit: 2 }) });
 */
export function createTestRateLimitChecker(options: {
  readonly limit: number;
  readonly retryAfterMs?: number;
}): TestRateLimitChecker {
  const counts = new Map<string, number>();
  return Object.freeze({
    counts,
    check(key: string): RateLimitDecision {
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return count <= options.limit
        ? { allowed: true }
        : { allowed: false, retryAfterMs: options.retryAfterMs ?? 1000 };
    },
  });
}
