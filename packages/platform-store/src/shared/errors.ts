import { ConvexError } from "convex/values";

/** Every code the event store throws. Domain outcomes (conflicts, duplicates) are results, not codes. */
export const EVENT_STORE_ERROR_CODES = [
  "EMPTY_BATCH",
  "BATCH_TOO_LARGE",
  "PAYLOAD_TOO_LARGE",
  "INVALID_EXPECTED_VERSION",
  "INVALID_VERSION",
  "INVALID_STREAM",
  "INVALID_EVENT",
  "INVALID_LIMIT",
  "INVALID_POSITION",
  "INVALID_SETTLE_MS",
  "INVALID_READ_FILTER",
  "DUPLICATE_IDEMPOTENCY_KEY",
  "IDEMPOTENCY_PARTIAL_BATCH",
  "STREAM_CONTEXT_MISMATCH",
  "STREAM_BELONGS_TO_SCOPE",
  "STREAM_NOT_IN_SCOPE",
  "POSITION_SPACE_EXHAUSTED",
  "INVALID_SCOPE_KEY",
  "SCOPE_KEY_MISMATCH",
  "TENANT_MISMATCH",
  "CROSS_BOUNDED_CONTEXT_SCOPE",
  "UPCASTER_CHAIN_GAP",
  "UPCASTER_INVALID_VERSION",
  "UPCASTER_STEP_OUT_OF_RANGE",
  "UPCASTER_VERSION_AHEAD",
  "UPCAST_FAILED",
] as const;

export type EventStoreErrorCode = (typeof EVENT_STORE_ERROR_CODES)[number];

/** The `data` of every ConvexError the event store throws. */
export type EventStoreErrorData = {
  code: EventStoreErrorCode;
  message: string;
  [detail: string]: string | number | boolean | null | undefined;
};

/** A ConvexError whose message says what was wrong and what was expected. */
export function eventStoreError(
  code: EventStoreErrorCode,
  message: string,
  details: Record<string, string | number | boolean | null | undefined> = {},
): ConvexError<EventStoreErrorData> {
  const error = new ConvexError<EventStoreErrorData>({ ...details, code, message });
  // ConvexError's own message is the serialized data; a readable one helps logs and tests.
  error.message = `${code}: ${message}`;
  return error;
}

const knownCodes = new Set<string>(EVENT_STORE_ERROR_CODES);

/**
 * True for an error the event store threw, optionally with a given code. Reads `data.code`, so it
 * also recognises errors that crossed the component boundary or come from another copy of convex.
 *
 * @example
 * try { await store.appendToStream(ctx, input) }
 * catch (error) { if (isEventStoreError(error, "PAYLOAD_TOO_LARGE")) ... }
 */
export function isEventStoreError(
  error: unknown,
  code?: EventStoreErrorCode,
): error is ConvexError<EventStoreErrorData> {
  if (typeof error !== "object" || error === null || !("data" in error)) return false;
  const data = (error as { data: unknown }).data;
  if (typeof data !== "object" || data === null) return false;
  const found = (data as { code?: unknown }).code;
  if (typeof found !== "string" || !knownCodes.has(found)) return false;
  return code === undefined || found === code;
}
