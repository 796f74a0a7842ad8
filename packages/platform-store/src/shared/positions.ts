// Global positions without a shared counter (docs/decisions/0004-global-positions.md).
//
// An append takes its positions from its own clock: the transaction's Date.now() (its start time
// in Convex) times POSITIONS_PER_MS, at least one past the stream's last position, plus a random
// offset so that appends to other streams in the same millisecond land elsewhere. A position is
// therefore never below `start * POSITIONS_PER_MS`. A transaction commits less than `settleMs`
// after it starts, so once the clock has passed `start + settleMs` every event positioned below
// `start * POSITIONS_PER_MS` is committed: readers that stay below that high-water mark never
// pass an event that commits later. These functions are used by the component and by the
// interleaving simulation that checks the argument.
import { eventStoreError } from "./errors.js";

/** Position slots per millisecond. Date.now() * 1024 stays below 2^53 until the year 2248. */
export const POSITIONS_PER_MS = 1024;
/** Default settle window: far longer than a mutation may run (Convex stops user code at 1 s). */
export const DEFAULT_SETTLE_MS = 5000;
/** Candidate ranges an append probes before giving up with POSITION_SPACE_EXHAUSTED. */
export const POSITION_ATTEMPTS = 16;
/** Attempts in the append's own millisecond before moving to later ones. */
const ATTEMPTS_IN_OWN_WINDOW = 8;

/** The lowest position an append starting at `nowMs` may give a stream whose last is `last`. */
export function positionFloor(nowMs: number, lastGlobalPosition: number): number {
  return Math.max(nowMs * POSITIONS_PER_MS, lastGlobalPosition + 1);
}

export type PositionRequest = {
  /** The transaction's clock, Date.now(). */
  nowMs: number;
  /** The last position of the stream (or scope) written to, 0 when new. */
  lastGlobalPosition: number;
  /** Events in the batch; they get consecutive positions. */
  batchSize: number;
  /** Uniform in [0, 1): Math.random in Convex (seeded per transaction), a PRNG in simulations. */
  random: () => number;
};

/**
 * First positions to try for a batch, in order. The caller takes the first whose range
 * `[first, first + batchSize - 1]` holds no event; reading that range puts it in the
 * transaction's read set, so a concurrent append that takes it makes Convex retry this one.
 * The first attempts stay in the append's own millisecond, later ones move to later milliseconds
 * (still above the clock, so the high-water mark argument holds).
 */
export function candidateFirstPositions(request: PositionRequest): number[] {
  const { nowMs, lastGlobalPosition, batchSize, random } = request;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize >= POSITIONS_PER_MS) {
    throw new RangeError(`batchSize is ${batchSize}; expected 1 to ${POSITIONS_PER_MS - 1}`);
  }
  const floor = positionFloor(nowMs, lastGlobalPosition);
  const offsets = POSITIONS_PER_MS - batchSize;
  const candidates: number[] = [];
  for (let attempt = 0; attempt < POSITION_ATTEMPTS; attempt++) {
    const window = Math.max(0, attempt - ATTEMPTS_IN_OWN_WINDOW + 1) * POSITIONS_PER_MS;
    candidates.push(floor + window + Math.floor(random() * offsets));
  }
  return candidates;
}

/**
 * Positions below this value are safe to read at `nowMs`: every event that will ever hold one
 * has committed. Readers read `(after, highWaterMark)`.
 */
export function highWaterMark(nowMs: number, settleMs: number): number {
  return Math.floor((nowMs - settleMs) * POSITIONS_PER_MS);
}

/** Throws INVALID_SETTLE_MS unless `settleMs` is a finite number of milliseconds, 0 or more. */
export function checkSettleMs(settleMs: number): void {
  if (!Number.isFinite(settleMs) || settleMs < 0) {
    throw eventStoreError(
      "INVALID_SETTLE_MS",
      `settleMs is ${settleMs}; expected a finite number of milliseconds, 0 or more (default ${DEFAULT_SETTLE_MS}), longer than the longest mutation`,
      { settleMs },
    );
  }
}

/** Throws INVALID_POSITION unless `position` is an integer, 0 or more. */
export function checkPosition(name: string, position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw eventStoreError(
      "INVALID_POSITION",
      `${name} is ${position}; expected a global position (an integer, 0 or more)`,
      { field: name, position },
    );
  }
}

type Positioned = { globalPosition: number };

/**
 * Merges index ranges that were each read with `take(limit + 1)` into one page in position
 * order. `isDone` is true when no range had more and nothing was cut: every matching event of
 * the ranges is in the page.
 */
export function mergeByPosition<T extends Positioned>(
  ranges: readonly (readonly T[])[],
  limit: number,
): { events: T[]; isDone: boolean } {
  const all = ranges.flatMap((range) => range.slice(0, limit));
  all.sort((a, b) => a.globalPosition - b.globalPosition);
  const events = all.slice(0, limit);
  const isDone = ranges.every((range) => range.length <= limit) && all.length <= limit;
  return { events, isDone };
}

/**
 * Where the next catch-up read starts. When the page is complete every matching event below the
 * high-water mark has been returned, so the reader may move to just below the mark and skip the
 * stretch it has proven empty; otherwise it continues after the last event returned.
 */
export function nextCatchUpPosition(
  after: number,
  highWater: number,
  events: readonly Positioned[],
  isDone: boolean,
): number {
  const last = events.at(-1)?.globalPosition ?? after;
  return isDone ? Math.max(after, highWater - 1, last) : last;
}
