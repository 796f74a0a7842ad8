import { fail } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import type { ReactiveProjection } from "./defineReactiveProjection.js";
import type { ReactiveEvent, ReactiveSnapshot } from "./reactiveEvent.js";

/** How long an optimistic event may wait for the durable projection before it is rolled back. */
export const DEFAULT_STALE_AFTER_MS = 30_000;

/**
 * Why optimistic events were left out: `conflict`, the client's own events claim a position the
 * store gave to another event (the whole client branch goes); `stale`, an event waited past the
 * stale threshold without reaching the durable read model (every optimistic event goes).
 */
export type DiscardReason = "conflict" | "stale";

export interface MergeInput<TState> {
  /** The reactive query's answer; undefined while it loads. */
  readonly snapshot: ReactiveSnapshot<TState> | undefined;
  /** Events the client made itself, e.g. for a command it has sent; position when known. */
  readonly optimisticEvents?: readonly ReactiveEvent[];
  /** When the client first saw each event (its own clock); an event not listed counts as new. */
  readonly seenAt: ReadonlyMap<string, number>;
  /** The client's clock, in the unit of `seenAt`. */
  readonly now: number;
  /** Default DEFAULT_STALE_AFTER_MS. */
  readonly staleAfterMs?: number;
}

/** The merged view: the fields `useReactiveProjection` returns. */
export interface MergedState<TState> {
  /** The durable state with the optimistic events applied; null before anything is known. */
  readonly state: TState | null;
  /** True when at least one event not yet in the durable read model was applied. */
  readonly isOptimistic: boolean;
  readonly durablePosition: number;
  /** How many optimistic events were applied. */
  readonly pendingEvents: number;
  readonly discarded: readonly { readonly eventId: string; readonly reason: DiscardReason }[];
  /** When the oldest applied optimistic event turns stale (the merge then rolls back); null when none is applied. */
  readonly staleAt: number | null;
}

function checkedThreshold(staleAfterMs: number | undefined): number {
  if (staleAfterMs === undefined) return DEFAULT_STALE_AFTER_MS;
  if (!Number.isFinite(staleAfterMs) || staleAfterMs <= 0) {
    fail(
      "INVALID_STALE_THRESHOLD",
      `staleAfterMs must be a positive number of milliseconds (got ${describeValue(staleAfterMs)})`,
    );
  }
  return staleAfterMs;
}

/** Local events whose position the durable checkpoint or a committed event holds under another id. */
function conflictsOf(
  snapshot: ReactiveSnapshot<unknown>,
  committed: readonly ReactiveEvent[],
  local: readonly ReactiveEvent[],
): boolean {
  const idAt = new Map<number, string>(committed.map((e) => [e.globalPosition ?? 0, e.eventId]));
  if (snapshot.durableEventId !== null) idAt.set(snapshot.durablePosition, snapshot.durableEventId);
  return local.some((event) => {
    if (event.globalPosition === undefined) return false;
    const holder = idAt.get(event.globalPosition);
    return holder !== undefined && holder !== event.eventId;
  });
}

/** Positioned events in position order, then the unpositioned ones in the order given. */
function inApplyOrder(events: readonly ReactiveEvent[]): ReactiveEvent[] {
  const positioned = events.filter((e) => e.globalPosition !== undefined);
  positioned.sort((a, b) => (a.globalPosition ?? 0) - (b.globalPosition ?? 0));
  return [...positioned, ...events.filter((e) => e.globalPosition === undefined)];
}

/**
 * Merges the durable read model with the events it has not applied yet, through the shared
 * evolve, by the rules of a hybrid reactive projection:
 * - optimistic ahead of durable: events at or below `durablePosition` are already in the durable
 *   state and are not applied again; those after it are applied on the durable base, in position
 *   order (a client event the store has not positioned yet comes last);
 * - conflicting branch: a client event at a position that the store gave to another event means
 *   the client's branch is wrong: all client events are discarded (committed ones still apply);
 * - stale optimistic: when any event to apply was first seen `staleAfterMs` or more ago, the
 *   durable projection is stuck on it or its command never committed: the state rolls back to
 *   the durable state.
 * Pure: the same inputs give the same result, so the hook stays a thin shell around it.
 */
export function mergeReactiveState<TState, TEvent extends ReactiveEvent>(
  reactive: ReactiveProjection<TState, string, TEvent>,
  input: MergeInput<TState>,
): MergedState<TState> {
  const staleAfterMs = checkedThreshold(input.staleAfterMs);
  const { snapshot } = input;
  if (snapshot === undefined) {
    return {
      state: null,
      isOptimistic: false,
      durablePosition: 0,
      pendingEvents: 0,
      discarded: [],
      staleAt: null,
    };
  }
  const ahead = (e: ReactiveEvent) =>
    e.globalPosition === undefined || e.globalPosition > snapshot.durablePosition;
  const subscribed = (e: ReactiveEvent) => reactive.subscribesTo(e.eventType);
  const committed = snapshot.events.filter((e) => subscribed(e) && ahead(e));
  const committedIds = new Set(committed.map((e) => e.eventId));
  const own = (input.optimisticEvents ?? []).filter(subscribed);
  const discarded: { eventId: string; reason: DiscardReason }[] = [];
  let toApply: ReactiveEvent[] = committed;
  if (conflictsOf(snapshot, committed, own)) {
    for (const event of own) discarded.push({ eventId: event.eventId, reason: "conflict" });
  } else {
    // A client event the store has confirmed counts once, as the committed event.
    toApply = [...committed, ...own.filter((e) => ahead(e) && !committedIds.has(e.eventId))];
  }
  const firstSeen = (e: ReactiveEvent) => input.seenAt.get(e.eventId) ?? input.now;
  const oldest = Math.min(...toApply.map(firstSeen));
  if (toApply.length > 0 && input.now - oldest >= staleAfterMs) {
    for (const event of toApply) discarded.push({ eventId: event.eventId, reason: "stale" });
    toApply = [];
  }
  const base = snapshot.state;
  const ordered = inApplyOrder(toApply);
  const state = ordered.reduce<TState>(
    (current, event) => reactive.evolve(current, event as TEvent),
    base ?? reactive.initialState,
  );
  return {
    state: ordered.length === 0 ? base : state,
    isOptimistic: ordered.length > 0,
    durablePosition: snapshot.durablePosition,
    pendingEvents: ordered.length,
    discarded,
    staleAt: ordered.length === 0 ? null : oldest + staleAfterMs,
  };
}
