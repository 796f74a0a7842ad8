import { eventStoreError } from "../shared/errors.js";
import { checkBatch, checkNames, checkSchemaVersion } from "../shared/limits.js";
import type {
  AppendArgs,
  AppendedEvent,
  AppendResult,
  ExpectedVersion,
  NewEvent,
  StreamRef,
} from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";
import { claimPositions } from "./globalPositions.js";
import { checkIdempotency, recordIdempotencyConflict } from "./idempotency.js";
import { checkTenant } from "./tenants.js";

export async function streamRow(
  ctx: QueryCtx,
  streamType: string,
  streamId: string,
): Promise<Doc<"streams"> | null> {
  return await ctx.db
    .query("streams")
    .withIndex("by_stream", (q) => q.eq("streamType", streamType).eq("streamId", streamId))
    .unique();
}

/** Throws when the stream exists under another bounded context or tenant. */
export function checkStreamOwner(row: Doc<"streams">, stream: StreamRef): void {
  const name = `${stream.streamType}/${stream.streamId}`;
  checkTenant(`Stream ${name}`, row.tenantId, stream.tenantId, {
    streamType: stream.streamType,
    streamId: stream.streamId,
  });
  if (row.boundedContext !== stream.boundedContext) {
    throw eventStoreError(
      "STREAM_CONTEXT_MISMATCH",
      `Stream ${name} belongs to bounded context "${row.boundedContext}", not "${stream.boundedContext}"; expected the bounded context the stream was created with`,
      {
        streamType: stream.streamType,
        streamId: stream.streamId,
        boundedContext: row.boundedContext,
      },
    );
  }
}

export function checkStream(stream: StreamRef): void {
  checkNames("INVALID_STREAM", {
    streamType: stream.streamType,
    streamId: stream.streamId,
    boundedContext: stream.boundedContext,
    tenantId: stream.tenantId,
  });
}

export function checkEvents(events: readonly NewEvent[]): void {
  checkBatch(events);
  for (const event of events) {
    checkNames("INVALID_EVENT", {
      eventType: event.eventType,
      correlationId: event.metadata.correlationId,
      idempotencyKey: event.idempotencyKey,
    });
    checkSchemaVersion(event.eventType, event.schemaVersion);
  }
}

function checkExpectedVersion(expected: ExpectedVersion): void {
  if (typeof expected === "number" && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw eventStoreError(
      "INVALID_EXPECTED_VERSION",
      `expectedVersion is ${expected}; expected an integer of 0 or more (0: the stream must not exist) or "any", "no_stream", "stream_exists"`,
      { expectedVersion: expected },
    );
  }
}

function versionMatches(expected: ExpectedVersion, row: Doc<"streams"> | null): boolean {
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return row === null;
    case "stream_exists":
      return row !== null;
    default:
      return (row?.version ?? 0) === expected;
  }
}

/** The stored form of a new event; the timestamp defaults to the transaction's clock. */
export function eventDocument(
  stream: StreamRef,
  event: NewEvent,
  version: number,
  globalPosition: number,
  nowMs: number,
  scopeKey?: string,
): Omit<Doc<"events">, "_id" | "_creationTime"> {
  const { timestamp, ...metadata } = event.metadata;
  return {
    streamType: stream.streamType,
    streamId: stream.streamId,
    version,
    globalPosition,
    eventType: event.eventType,
    category: event.category,
    schemaVersion: event.schemaVersion,
    boundedContext: stream.boundedContext,
    ...(stream.tenantId === undefined ? {} : { tenantId: stream.tenantId }),
    payload: event.payload,
    metadata: { ...metadata, timestamp: timestamp ?? nowMs },
    ...(event.idempotencyKey === undefined ? {} : { idempotencyKey: event.idempotencyKey }),
    ...(scopeKey === undefined ? {} : { scopeKey }),
  };
}

/**
 * Appends a batch to one stream, all or nothing. Outcomes are values; only bad input throws.
 * The stream's own row is the only document every append to that stream touches.
 */
export async function appendToStream(ctx: MutationCtx, args: AppendArgs): Promise<AppendResult> {
  const { stream, expectedVersion, events } = args;
  checkStream(stream);
  checkExpectedVersion(expectedVersion);
  checkEvents(events);
  const nowMs = Date.now();

  const idempotency = await checkIdempotency(ctx, stream, events);
  if (idempotency.kind === "conflict") {
    await recordIdempotencyConflict(ctx, stream, idempotency, nowMs);
    return {
      status: "idempotency_conflict",
      key: idempotency.key,
      existingEventId: idempotency.existing._id as string,
    };
  }
  if (idempotency.kind === "duplicate") return { status: "duplicate", events: idempotency.events };

  const row = await streamRow(ctx, stream.streamType, stream.streamId);
  if (row !== null) {
    checkStreamOwner(row, stream);
    if (row.scopeKey !== undefined) {
      throw eventStoreError(
        "STREAM_BELONGS_TO_SCOPE",
        `Stream ${stream.streamType}/${stream.streamId} belongs to the scope ${row.scopeKey}; expected its events to be committed with commitScope`,
        { streamType: stream.streamType, streamId: stream.streamId, scopeKey: row.scopeKey },
      );
    }
  }
  const currentVersion = row?.version ?? 0;
  if (!versionMatches(expectedVersion, row)) {
    return { status: "conflict", currentVersion, expectedVersion };
  }

  const first = await claimPositions(ctx, nowMs, row?.lastGlobalPosition ?? 0, events.length);
  const appended: AppendedEvent[] = [];
  for (const [index, event] of events.entries()) {
    const version = currentVersion + index + 1;
    const globalPosition = first + index;
    const id = await ctx.db.insert(
      "events",
      eventDocument(stream, event, version, globalPosition, nowMs),
    );
    appended.push({ eventId: id as string, version, globalPosition });
  }
  const streamVersion = currentVersion + events.length;
  const lastGlobalPosition = first + events.length - 1;
  if (row === null) {
    await ctx.db.insert("streams", {
      ...stream,
      version: streamVersion,
      lastGlobalPosition,
      createdAt: nowMs,
      updatedAt: nowMs,
    });
  } else {
    await ctx.db.patch("streams", row._id, {
      version: streamVersion,
      lastGlobalPosition,
      updatedAt: nowMs,
    });
  }
  return { status: "success", events: appended, streamVersion };
}
