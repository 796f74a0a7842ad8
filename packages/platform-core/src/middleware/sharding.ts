import { fail } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";

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
