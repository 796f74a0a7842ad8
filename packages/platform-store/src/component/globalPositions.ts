import { eventStoreError } from "../shared/errors.js";
import { candidateFirstPositions, POSITION_ATTEMPTS } from "../shared/positions.js";
import type { QueryCtx } from "./_generated/server.js";

/**
 * The first of `count` consecutive free positions for an append whose stream (or scope) ends at
 * `lastGlobalPosition`. Reads only the small index ranges it tries: no document is shared by
 * appends to different streams, and two appends that pick overlapping ranges conflict in
 * Convex's OCC on that range, so one retries with a new clock and offset.
 */
export async function claimPositions(
  ctx: QueryCtx,
  nowMs: number,
  lastGlobalPosition: number,
  count: number,
): Promise<number> {
  const candidates = candidateFirstPositions({
    nowMs,
    lastGlobalPosition,
    batchSize: count,
    random: Math.random,
  });
  for (const first of candidates) {
    const taken = await ctx.db
      .query("events")
      .withIndex("by_global_position", (q) =>
        q.gte("globalPosition", first).lte("globalPosition", first + count - 1),
      )
      .first();
    if (taken === null) return first;
  }
  throw eventStoreError(
    "POSITION_SPACE_EXHAUSTED",
    `No free range of ${count} positions after ${POSITION_ATTEMPTS} attempts; expected free slots near the clock, retry the append`,
    { count, attempts: POSITION_ATTEMPTS },
  );
}
