import type { RateLimitConfig } from "@convex-dev/rate-limiter";
import { fail } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";

/** One row of the sharding recommendation for `@convex-dev/rate-limiter`. */
export interface ShardingTier {
  /** Inclusive lower bound of the expected QPS. */
  readonly minQps: number;
  /** Exclusive upper bound; `null` for the last tier. */
  readonly maxQps: number | null;
  /** Recommended shards; `null` means none (the component's default, one document per key). */
  readonly minShards: number | null;
  readonly maxShards: number | null;
}

/**
 * Expected QPS -> shards: below 50 none; 50-200: 5-10; 200-1000: 10-50; above 1000: 50+.
 * A limit hit by every command is one hot document; shards spread it (each holds a share of the
 * capacity), at the cost of slightly less exact limits.
 */
export const RATE_LIMIT_SHARDING: readonly ShardingTier[] = Object.freeze([
  Object.freeze({ minQps: 0, maxQps: 50, minShards: null, maxShards: null }),
  Object.freeze({ minQps: 50, maxQps: 200, minShards: 5, maxShards: 10 }),
  Object.freeze({ minQps: 200, maxQps: 1000, minShards: 10, maxShards: 50 }),
  Object.freeze({ minQps: 1000, maxQps: null, minShards: 50, maxShards: null }),
]);

/** Expected queries per second each shard absorbs; it reproduces the table's ranges. */
const QPS_PER_SHARD = 20;

/**
 * The `shards` setting for a rate limit with the expected QPS: `undefined` below 50 (no
 * sharding), otherwise one shard per 20 QPS kept inside its tier's range (50 -> 5, 120 -> 6,
 * 500 -> 25, 2000 -> 100). Refused with `INVALID_QPS` unless a finite number >= 0.
 *
 * @example
 * { kind: "token bucket", rate: 300, period: SECOND, shards: recommendedShards(300) } // 15
 */
export function recommendedShards(qps: number): number | undefined {
  if (typeof qps !== "number" || !Number.isFinite(qps) || qps < 0) {
    return fail(
      "INVALID_QPS",
      `expected QPS must be a finite number >= 0 (got ${describeValue(qps)})`,
    );
  }
  const tier = RATE_LIMIT_SHARDING.find(
    (row) => qps >= row.minQps && (row.maxQps === null || qps < row.maxQps),
  );
  if (tier === undefined || tier.minShards === null) return undefined;
  const shards = Math.max(tier.minShards, Math.ceil(qps / QPS_PER_SHARD));
  return tier.maxShards === null ? shards : Math.min(tier.maxShards, shards);
}

/** A rate limit of `@convex-dev/rate-limiter`, optionally sized by its expected traffic. */
export type ShardedRateLimitInput = RateLimitConfig & {
  /** Expected queries per second: sets `shards` to `recommendedShards(expectedQps)`. */
  readonly expectedQps?: number;
};

/**
 * The limits for `new RateLimiter(components.rateLimiter, ...)`, each sharded as the table
 * recommends for its `expectedQps` (none below 50 QPS). A limit with `expectedQps` and its own
 * `shards`, or with asynchronous updates (which the component does not shard), is refused with
 * INVALID_RATE_LIMIT_CONFIG; a limit without `expectedQps` is kept as it is.
 *
 * @example
 * export const rateLimiter = new RateLimiter(components.rateLimiter, defineShardedRateLimits({
 *   commands: { kind: "token bucket", rate: 6000, period: MINUTE, expectedQps: 120 }, // 6 shards
 *   signups: { kind: "fixed window", rate: 10, period: HOUR }, // unsharded
 * }));
 */
export function defineShardedRateLimits<Name extends string>(
  limits: Readonly<Record<Name, ShardedRateLimitInput>>,
): Record<Name, RateLimitConfig> {
  if (!isPlainObject(limits)) {
    return fail(
      "INVALID_RATE_LIMIT_CONFIG",
      `defineShardedRateLimits takes an object of named limits (got ${describeValue(limits)})`,
    );
  }
  const defined: Partial<Record<Name, RateLimitConfig>> = {};
  for (const [name, limit] of Object.entries(limits) as [Name, ShardedRateLimitInput][]) {
    const { expectedQps, ...config } = limit;
    if (expectedQps === undefined) {
      defined[name] = config as RateLimitConfig;
      continue;
    }
    if (config.shards !== undefined || config.applyUpdates === "asynchronously") {
      fail(
        "INVALID_RATE_LIMIT_CONFIG",
        `rate limit "${name}" has expectedQps and ${config.shards !== undefined ? `shards: ${config.shards}` : 'applyUpdates: "asynchronously"'}; expected expectedQps alone (it sets the shards) or shards without expectedQps`,
      );
    }
    const shards = recommendedShards(expectedQps);
    defined[name] = (shards === undefined ? config : { ...config, shards }) as RateLimitConfig;
  }
  return defined as Record<Name, RateLimitConfig>;
}
