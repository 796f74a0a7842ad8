import { ConvexError } from "convex/values";
import type { Value } from "convex/values";

/**
 * Codes of the `ConvexError`s the event bus throws: malformed events, operator mistakes, and
 * `DELIVERY_FAILED`, which the delivery action throws so that Workpool retries it.
 */
export const EVENT_BUS_ERROR_CODES = [
  "INVALID_PUBLISHED_EVENT",
  "PUBLICATION_NOT_FOUND",
  "PUBLICATION_NOT_DEAD_LETTERED",
  "DELIVERY_FAILED",
  "INVALID_ARGUMENT",
] as const;

export type EventBusErrorCode = (typeof EVENT_BUS_ERROR_CODES)[number];

export type EventBusErrorData = {
  code: EventBusErrorCode;
  message: string;
  [key: string]: Value;
};

export function eventBusError(data: EventBusErrorData): ConvexError<EventBusErrorData> {
  return new ConvexError(data);
}

/**
 * True when `error` is a `ConvexError` thrown by the event bus (optionally with this code).
 *
 * @example
 * try { await eventBus.retryDeadLetter(ctx, { publicationId }) }
 * catch (e) { if (isEventBusError(e, "PUBLICATION_NOT_DEAD_LETTERED")) return "nothing to retry" }
 */
export function isEventBusError(
  error: unknown,
  code?: EventBusErrorCode,
): error is ConvexError<EventBusErrorData> {
  if (!(error instanceof ConvexError)) return false;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null) return false;
  const actual = (data as { code?: unknown }).code;
  return (
    typeof actual === "string" &&
    (EVENT_BUS_ERROR_CODES as readonly string[]).includes(actual) &&
    (code === undefined || actual === code)
  );
}
