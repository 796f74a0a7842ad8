// Counter events and states written short in the reactive projection spec:
// "e1 start 5 @10, e2 +2 @20, l1 +4" (an id, `start N` or `+N`, and `@P` when positioned) and
// "7/1" for { value: 7, increments: 1 }.
import type { ReactiveEvent } from "@convex-es/platform-core";

const EVENT = /^(\S+) (?:start (-?\d+)|\+(\d+))(?: @(\d+))?$/;

/** The events of a comma-separated list. */
export function counterEvents(text: string): ReactiveEvent[] {
  return text.split(",").map((item) => {
    const match = EVENT.exec(item.trim());
    if (match === null)
      throw new Error(`cannot read the event "${item}": expected e.g. "e2 +2 @20"`);
    const [, eventId = "", start, by, position] = match;
    return {
      eventId,
      ...(position !== undefined && { globalPosition: Number(position) }),
      ...(start !== undefined
        ? { eventType: "CounterCreated", payload: { start: Number(start) } }
        : { eventType: "CounterIncremented", payload: { by: Number(by) } }),
    };
  });
}

/** Committed events, as the reactive query returns them. */
export function committed(text: string) {
  return counterEvents(text).map((event, index) => {
    const { globalPosition } = event;
    if (globalPosition === undefined) throw new Error(`${event.eventId} needs a position (@P)`);
    return { ...event, globalPosition, streamId: "c-1", version: index + 1 };
  });
}

/** "7/1" -> { value: 7, increments: 1 }. */
export function counterState(text: string): { value: number; increments: number } {
  const [value, increments] = text.split("/").map(Number);
  if (value === undefined || increments === undefined || Number.isNaN(value + increments)) {
    throw new Error(`cannot read the state "${text}": expected "value/increments", e.g. "7/1"`);
  }
  return { value, increments };
}
