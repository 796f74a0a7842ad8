import { canonicalJson } from "../shared/canonical.js";
import { eventStoreError } from "../shared/errors.js";
import type { AppendedEvent, NewEvent, StreamRef } from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";

export type IdempotencyCheck =
  | { kind: "new" }
  | { kind: "duplicate"; events: AppendedEvent[] }
  | { kind: "conflict"; key: string; existing: Doc<"events">; attempted: NewEvent };

/** The stored event holding `key` for the tenant (keys are unique per tenant). */
export async function eventByIdempotencyKey(
  ctx: QueryCtx,
  tenantId: string | undefined,
  key: string,
): Promise<Doc<"events"> | null> {
  return await ctx.db
    .query("events")
    .withIndex("by_tenant_and_idempotency_key", (q) =>
      q.eq("tenantId", tenantId).eq("idempotencyKey", key),
    )
    .first();
}

/** Same stream, same type and schema, same payload (whatever the key order). */
function sameContent(stored: Doc<"events">, stream: StreamRef, event: NewEvent): boolean {
  return (
    stored.streamType === stream.streamType &&
    stored.streamId === stream.streamId &&
    stored.boundedContext === stream.boundedContext &&
    stored.eventType === event.eventType &&
    stored.category === event.category &&
    stored.schemaVersion === event.schemaVersion &&
    canonicalJson(stored.payload) === canonicalJson(event.payload)
  );
}

/**
 * Classifies a batch by its idempotency keys: new (no key stored yet), duplicate (every event
 * has a key stored with the same content), or a conflict (a key stored with other content).
 * A batch mixing stored and new events throws IDEMPOTENCY_PARTIAL_BATCH rather than half-write.
 */
export async function checkIdempotency(
  ctx: QueryCtx,
  stream: StreamRef,
  events: readonly NewEvent[],
): Promise<IdempotencyCheck> {
  const seen = new Set<string>();
  for (const { idempotencyKey: key } of events) {
    if (key === undefined) continue;
    if (seen.has(key)) {
      throw eventStoreError(
        "DUPLICATE_IDEMPOTENCY_KEY",
        `The idempotency key "${key}" appears twice in the batch; expected each key at most once`,
        { key },
      );
    }
    seen.add(key);
  }
  if (seen.size === 0) return { kind: "new" };

  const stored: (Doc<"events"> | null)[] = [];
  for (const event of events) {
    const key = event.idempotencyKey;
    const found = key === undefined ? null : await eventByIdempotencyKey(ctx, stream.tenantId, key);
    if (found !== null && key !== undefined && !sameContent(found, stream, event)) {
      return { kind: "conflict", key, existing: found, attempted: event };
    }
    stored.push(found);
  }
  const known = stored.filter((doc): doc is Doc<"events"> => doc !== null);
  if (known.length === 0) return { kind: "new" };
  if (known.length === events.length) {
    return {
      kind: "duplicate",
      events: known.map((doc) => ({
        eventId: doc._id as string,
        version: doc.version,
        globalPosition: doc.globalPosition,
      })),
    };
  }
  throw eventStoreError(
    "IDEMPOTENCY_PARTIAL_BATCH",
    `${known.length} of the ${events.length} events of the batch were stored before (by idempotency key) and ${events.length - known.length} were not; expected a batch that is entirely new or an exact retry`,
    { storedCount: known.length, eventCount: events.length },
  );
}

/** The audit record of a reused key; written by the append that then returns its conflict. */
export async function recordIdempotencyConflict(
  ctx: MutationCtx,
  stream: StreamRef,
  conflict: Extract<IdempotencyCheck, { kind: "conflict" }>,
  nowMs: number,
): Promise<void> {
  await ctx.db.insert("idempotencyConflicts", {
    idempotencyKey: conflict.key,
    ...(stream.tenantId === undefined ? {} : { tenantId: stream.tenantId }),
    existingEventId: conflict.existing._id as string,
    attemptedStreamType: stream.streamType,
    attemptedStreamId: stream.streamId,
    attemptedEventType: conflict.attempted.eventType,
    boundedContext: stream.boundedContext,
    correlationId: conflict.attempted.metadata.correlationId,
    detectedAt: nowMs,
  });
}
