import type { EventEnvelope } from "@convex-es/platform-store";
import { v } from "convex/values";
import type { Infer, Validator } from "convex/values";

/**
 * What a shared `evolve` sees of an event. A stored event (`EventEnvelope`) is one, so the
 * durable projection hands its events to `evolve` as they are; the reactive query sends clients
 * these fields only; an optimistic event made on the client before its command committed has no
 * `globalPosition` yet.
 */
export interface ReactiveEvent<TType extends string = string, TPayload = unknown> {
  readonly eventId: string;
  readonly eventType: TType;
  readonly payload: TPayload;
  /** Absent on an optimistic event the store has not positioned yet. */
  readonly globalPosition?: number;
}

/** A committed event as the reactive query returns it: always positioned. */
export const vReactiveEvent = v.object({
  eventId: v.string(),
  eventType: v.string(),
  globalPosition: v.number(),
  streamId: v.string(),
  version: v.number(),
  payload: v.any(),
});

export type CommittedReactiveEvent = Infer<typeof vReactiveEvent>;

/**
 * The fields of a stored event that `evolve` gets, on the server as on clients: one shape on
 * both sides, so an evolve cannot read something (metadata, tenant) only one side has.
 */
export function toReactiveEvent(event: EventEnvelope): CommittedReactiveEvent {
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    globalPosition: event.globalPosition,
    streamId: event.streamId,
    version: event.version,
    payload: event.payload as unknown,
  };
}

/** What the reactive query answers: the durable read model and the events it has not applied. */
export interface ReactiveSnapshot<TState> {
  /** The durable read model, or null when it has no row yet. */
  readonly state: TState | null;
  /** The partition checkpoint's last position; 0 before the partition processed anything. */
  readonly durablePosition: number;
  /** The event at `durablePosition`, null before the partition processed anything. */
  readonly durableEventId: string | null;
  /** The stream's committed events after `durablePosition` the projection subscribes to. */
  readonly events: readonly CommittedReactiveEvent[];
  /** More events wait after the last one returned: the client sees a prefix. */
  readonly hasMore: boolean;
}

/** The Convex validator of a reactive query's answer, given the read model's validator. */
export function vReactiveSnapshot<TState extends Validator<unknown, "required", string>>(
  state: TState,
) {
  return v.object({
    state: v.union(v.null(), state),
    durablePosition: v.number(),
    durableEventId: v.union(v.null(), v.string()),
    events: v.array(vReactiveEvent),
    hasMore: v.boolean(),
  });
}
