import { ConvexError } from "convex/values";
import type { Value } from "convex/values";
import { hasConvexErrorCode } from "../internal/convexErrorCode.js";

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
  return hasConvexErrorCode(error, EVENT_BUS_ERROR_CODES, code);
}
