import type { RetryBehavior } from "@convex-dev/workpool";
import { fail } from "../errors/coreError.js";
import { describeValue, isObject } from "../internal/describe.js";

export type { RetryBehavior };

/**
 * Attempts of a durable job: 5 runs, the retries 250 ms, 500 ms, 1 s and 2 s apart. Workpool
 * applies the backoff and multiplies each delay by a random factor in [0.5, 1.5) (jitter), so
 * jobs that failed together do not retry together.
 */
export const DEFAULT_DURABLE_RETRY: RetryBehavior = Object.freeze({
  maxAttempts: 5,
  initialBackoffMs: 250,
  base: 2,
});

/** The retry behavior, or CoreError INVALID_DURABILITY_CONFIG naming what is wrong. */
export function checkRetryBehavior(owner: string, retry: unknown): RetryBehavior {
  if (retry === undefined) return DEFAULT_DURABLE_RETRY;
  const valid =
    isObject(retry) &&
    Number.isSafeInteger(retry.maxAttempts) &&
    (retry.maxAttempts as number) >= 1 &&
    typeof retry.initialBackoffMs === "number" &&
    Number.isFinite(retry.initialBackoffMs) &&
    retry.initialBackoffMs >= 0 &&
    typeof retry.base === "number" &&
    Number.isFinite(retry.base) &&
    retry.base >= 1;
  if (!valid) {
    fail(
      "INVALID_DURABILITY_CONFIG",
      `${owner}: retry must be { maxAttempts: integer >= 1, initialBackoffMs: number >= 0, base: number >= 1 } (got ${describeValue(retry)})`,
    );
  }
  return Object.freeze({ ...(retry as RetryBehavior) });
}

/** Checks that a required option is present; CoreError INVALID_DURABILITY_CONFIG otherwise. */
export function requireOption(owner: string, name: string, value: unknown, expected: string): void {
  const present =
    expected === "a function" ? typeof value === "function" : isObject(value) && value !== null;
  if (!present) {
    fail(
      "INVALID_DURABILITY_CONFIG",
      `${owner}: ${name} must be ${expected} (got ${describeValue(value)})`,
    );
  }
}
