import { useEffect, useReducer, useRef } from "react";
import type { ReactiveProjection } from "../reactive/defineReactiveProjection.js";
import { mergeReactiveState } from "../reactive/mergeReactiveState.js";
import type { MergedState } from "../reactive/mergeReactiveState.js";
import type { ReactiveEvent, ReactiveSnapshot } from "../reactive/reactiveEvent.js";

/** Browsers' and Node's timers; the package compiles without DOM or Node typings. */
const timers = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
};

export interface ReactiveProjectionOptions {
  /** Events the client made itself (e.g. for a command in flight), applied after committed ones. */
  readonly optimisticEvents?: readonly ReactiveEvent[];
  /** How long an optimistic event may wait for the durable read model; default 30,000 ms. */
  readonly staleAfterMs?: number;
}

/** What the hook returns: the merged view, and whether the query is still loading. */
export interface ReactiveProjectionResult<TState> extends Omit<MergedState<TState>, "staleAt"> {
  readonly isLoading: boolean;
}

/**
 * Remembers when this client first saw each event, on its own clock: the stale rule measures
 * age from there, so a client whose clock differs from the server's cannot roll back fresh
 * events. Written during render, but only ever adding the same value for an id, so a render
 * React repeats or drops changes nothing.
 */
function useFirstSeen(ids: readonly string[], now: number): ReadonlyMap<string, number> {
  const seen = useRef(new Map<string, number>());
  const current = new Set(ids);
  for (const id of seen.current.keys()) if (!current.has(id)) seen.current.delete(id);
  for (const id of ids) if (!seen.current.has(id)) seen.current.set(id, now);
  return seen.current;
}

/**
 * The hybrid view of a reactive projection: the durable read model from the reactive query
 * (`reactiveProjectionQuery`), with the events it has not applied yet and the client's own
 * optimistic events merged through the projection's shared evolve (`mergeReactiveState`).
 * Pass what Convex's `useQuery` returns (undefined while loading). When the oldest optimistic
 * event turns stale, the hook renders again by itself and rolls back to the durable state.
 *
 * @example
 * const snapshot = useQuery(api.orders.orderDetail, { orderId });
 * const { state, isOptimistic, pendingEvents } = useReactiveProjection(orderDetailView, snapshot);
 */
export function useReactiveProjection<TState>(
  reactive: ReactiveProjection<TState, string, never>,
  snapshot: ReactiveSnapshot<TState> | undefined,
  options: ReactiveProjectionOptions = {},
): ReactiveProjectionResult<TState> {
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const now = Date.now();
  const ids = [...(snapshot?.events ?? []), ...(options.optimisticEvents ?? [])].map(
    (event) => event.eventId,
  );
  const seenAt = useFirstSeen(ids, now);
  const { staleAt, ...merged } = mergeReactiveState(reactive, {
    snapshot,
    seenAt,
    now,
    ...(options.optimisticEvents !== undefined && { optimisticEvents: options.optimisticEvents }),
    ...(options.staleAfterMs !== undefined && { staleAfterMs: options.staleAfterMs }),
  });
  useEffect(() => {
    if (staleAt === null) return undefined;
    const timer = timers.setTimeout(rerender, Math.max(0, staleAt - Date.now()));
    return () => timers.clearTimeout(timer);
  }, [staleAt]);
  return { ...merged, isLoading: snapshot === undefined };
}
