import type { DeciderOutput } from "./output.js";

/** The events an output records: all events of a success, the audit event of a failure. */
export function emittedEvents<TEvent>(output: DeciderOutput<TEvent, unknown, unknown>): TEvent[] {
  switch (output.status) {
    case "success":
      return [...output.events];
    case "failed":
      return output.event === undefined ? [] : [output.event];
    case "rejected":
      return [];
    default: {
      const unknown: never = output;
      return unknown;
    }
  }
}
