import { describeValue, isNonEmptyString, isPlainObject } from "../internal/describe.js";
import { eventBusError } from "./errors.js";
import type { PublishedEvent } from "./validators.js";

const REQUIRED_TEXT = ["eventId", "eventType", "boundedContext", "streamType", "streamId"] as const;
const OPTIONAL_FIELDS = [
  "version",
  "globalPosition",
  "tenantId",
  "category",
  "schemaVersion",
] as const;

/**
 * The event as the bus stores and delivers it: exactly the fields of `vPublishedEvent`, so an
 * eventStore envelope (which also has `idempotencyKey`, `scopeKey`) can be published as is.
 * Refuses an event without an id, type, source context, stream or correlation id
 * (`INVALID_PUBLISHED_EVENT`, naming every missing field), since subscribers and idempotency
 * depend on them.
 */
export function toPublishedEvent(event: PublishedEvent): PublishedEvent {
  const raw: unknown = event;
  if (!isPlainObject(raw)) {
    throw eventBusError({
      code: "INVALID_PUBLISHED_EVENT",
      message: `a published event is an object with eventId, eventType, boundedContext, streamType, streamId, payload and metadata (got ${describeValue(raw)})`,
    });
  }
  const problems = REQUIRED_TEXT.filter((field) => !isNonEmptyString(raw[field])).map(
    (field) => `${field} must be a non-empty string (got ${describeValue(raw[field])})`,
  );
  const metadata = raw.metadata;
  if (!isPlainObject(metadata) || !isNonEmptyString(metadata.correlationId)) {
    problems.push(
      "metadata.correlationId must be a non-empty string: subscribers continue the event's correlation",
    );
  } else if (typeof metadata.timestamp !== "number" || !Number.isFinite(metadata.timestamp)) {
    problems.push(`metadata.timestamp must be a number (got ${describeValue(metadata.timestamp)})`);
  }
  if (problems.length > 0) {
    throw eventBusError({
      code: "INVALID_PUBLISHED_EVENT",
      message: `event ${describeValue(raw.eventId)} cannot be published: ${problems.join("; ")}`,
    });
  }
  const published: Record<string, unknown> = {
    eventId: event.eventId,
    eventType: event.eventType,
    boundedContext: event.boundedContext,
    streamType: event.streamType,
    streamId: event.streamId,
    payload: event.payload,
    metadata: {
      correlationId: event.metadata.correlationId,
      timestamp: event.metadata.timestamp,
      ...(event.metadata.causationId !== undefined && { causationId: event.metadata.causationId }),
      ...(event.metadata.commandId !== undefined && { commandId: event.metadata.commandId }),
      ...(event.metadata.userId !== undefined && { userId: event.metadata.userId }),
    },
  };
  for (const field of OPTIONAL_FIELDS) {
    if (event[field] !== undefined) published[field] = event[field];
  }
  return published as PublishedEvent;
}
