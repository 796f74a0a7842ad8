import { getConvexSize } from "convex/values";
import type { Value } from "convex/values";
import { eventStoreError } from "./errors.js";

/** Most events one append or scope commit may write. */
export const MAX_BATCH_SIZE = 100;
/** Largest payload of one event, in Convex bytes (`getConvexSize`). A document may hold 1 MiB. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Largest sum of payloads in one batch; a mutation may write 16 MiB in all. */
export const MAX_BATCH_PAYLOAD_BYTES = 8 * 1024 * 1024;
/** Most events one read returns. */
export const MAX_READ_LIMIT = 1000;
/** Most event types one `readFromPosition` may filter on (one index range each). */
export const MAX_EVENT_TYPES_PER_READ = 20;

type BatchEvent = { eventType: string; payload?: unknown };

/** Throws EMPTY_BATCH, BATCH_TOO_LARGE or PAYLOAD_TOO_LARGE; returns the payload sizes. */
export function checkBatch(events: readonly BatchEvent[]): number[] {
  if (events.length === 0) {
    throw eventStoreError(
      "EMPTY_BATCH",
      `The batch holds no event; expected between 1 and ${MAX_BATCH_SIZE} events`,
      { maxBatchSize: MAX_BATCH_SIZE },
    );
  }
  if (events.length > MAX_BATCH_SIZE) {
    throw eventStoreError(
      "BATCH_TOO_LARGE",
      `The batch holds ${events.length} events; expected at most ${MAX_BATCH_SIZE}`,
      { eventCount: events.length, maxBatchSize: MAX_BATCH_SIZE },
    );
  }
  const sizes = events.map((event, index) => {
    const size = getConvexSize(event.payload as Value);
    if (size > MAX_PAYLOAD_BYTES) {
      throw eventStoreError(
        "PAYLOAD_TOO_LARGE",
        `The payload of event ${index} (${event.eventType}) is ${size} bytes; expected at most ${MAX_PAYLOAD_BYTES} bytes`,
        { index, eventType: event.eventType, size, limit: MAX_PAYLOAD_BYTES },
      );
    }
    return size;
  });
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > MAX_BATCH_PAYLOAD_BYTES) {
    throw eventStoreError(
      "BATCH_TOO_LARGE",
      `The payloads of the batch add up to ${total} bytes; expected at most ${MAX_BATCH_PAYLOAD_BYTES} bytes`,
      { size: total, limit: MAX_BATCH_PAYLOAD_BYTES },
    );
  }
  return sizes;
}

/** Throws INVALID_LIMIT unless `limit` is an integer from 1 to MAX_READ_LIMIT. */
export function checkReadLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
    throw eventStoreError(
      "INVALID_LIMIT",
      `limit is ${limit}; expected an integer from 1 to ${MAX_READ_LIMIT}`,
      { limit, maxLimit: MAX_READ_LIMIT },
    );
  }
}

/** Throws INVALID_STREAM / INVALID_EVENT for empty names or a bad schema version. */
export function checkNames(
  kind: "INVALID_STREAM" | "INVALID_EVENT",
  fields: Record<string, string | undefined>,
): void {
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value.trim() === "") {
      throw eventStoreError(kind, `${name} is empty; expected a non-empty string`, {
        field: name,
      });
    }
  }
}

export function checkSchemaVersion(eventType: string, schemaVersion: number): void {
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw eventStoreError(
      "INVALID_EVENT",
      `schemaVersion of ${eventType} is ${schemaVersion}; expected an integer of at least 1`,
      { field: "schemaVersion", eventType, schemaVersion },
    );
  }
}
