// A short notation for counter events in feature files: "e1 start 5 @10, e2 +2 @20, l1 +4".
// `start N` is CounterCreated, `+N` CounterIncremented, `renamed` CounterRenamed; `@P` is the
// global position (left out: an optimistic event not positioned yet).
import type { CommittedReactiveEvent, ReactiveEvent } from "../../src/index.js";

const EVENT = /^(\S+) (start (-?\d+)|\+(\d+)|renamed)(?: @(\d+))?$/;

function parseOne(text: string): ReactiveEvent {
  const match = EVENT.exec(text.trim());
  if (match === null) throw new Error(`cannot read the event "${text}": expected e.g. "e2 +2 @20"`);
  const [, eventId = "", , start, by, position] = match;
  const base = {
    eventId,
    ...(position !== undefined && { globalPosition: Number(position) }),
  };
  if (start !== undefined) {
    return { ...base, eventType: "CounterCreated", payload: { start: Number(start) } };
  }
  if (by !== undefined) {
    return { ...base, eventType: "CounterIncremented", payload: { by: Number(by) } };
  }
  return { ...base, eventType: "CounterRenamed", payload: { name: "renamed" } };
}

/** The events of a comma-separated list; "none" is the empty list. */
export function counterEvents(text: string): ReactiveEvent[] {
  if (text.trim() === "none") return [];
  return text.split(",").map(parseOne);
}

/** Committed events, as the reactive query returns them: every one positioned. */
export function committedEvents(text: string, streamId = "c-1"): CommittedReactiveEvent[] {
  return counterEvents(text).map((event, index) => {
    if (event.globalPosition === undefined) {
      throw new Error(`committed event ${event.eventId} needs a position (@P)`);
    }
    return { ...event, globalPosition: event.globalPosition, streamId, version: index + 1 };
  });
}

/** "value 7 after 1 increments" style state text: "7/1" -> { value: 7, increments: 1 }. */
export function counterState(text: string): { value: number; increments: number } | null {
  if (text === "none") return null;
  const [value, increments] = text.split("/").map(Number);
  if (value === undefined || increments === undefined || Number.isNaN(value + increments)) {
    throw new Error(`cannot read the state "${text}": expected "value/increments", e.g. "7/1"`);
  }
  return { value, increments };
}
