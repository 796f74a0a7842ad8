import type { IdGenerator, IdKind } from "../correlation/types.js";

/**
 * Deterministic ids, one counter per kind: `command-1`, `command-2`, `correlation-1`, ...
 * (after an optional prefix).
 */
export function sequentialIdGenerator(prefix = ""): IdGenerator {
  const counters: Record<IdKind, number> = { command: 0, correlation: 0 };
  return (kind: IdKind) => {
    counters[kind] += 1;
    return `${prefix}${kind}-${counters[kind]}`;
  };
}

/** A clock that returns `start`, then `start + step`, `start + 2 * step`, ... on each call. */
export function steppingClock(start: number, step: number): () => number {
  let calls = 0;
  return () => start + step * calls++;
}
