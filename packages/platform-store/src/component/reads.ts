import { eventStoreError } from "../shared/errors.js";
import { checkReadLimit, MAX_EVENT_TYPES_PER_READ } from "../shared/limits.js";
import {
  checkPosition,
  checkSettleMs,
  DEFAULT_SETTLE_MS,
  highWaterMark,
  mergeByPosition,
  nextCatchUpPosition,
} from "../shared/positions.js";
import type {
  EventEnvelope,
  EventPage,
  PositionPage,
  ReadByCorrelationIdArgs,
  ReadFromPositionArgs,
  ReadStreamArgs,
  StreamPage,
} from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import type { QueryCtx } from "./_generated/server.js";
import { eventByIdempotencyKey } from "./idempotency.js";
import { toEnvelope } from "./envelope.js";

/** One stream from a version on, in version order. Streams are consistent: no settle window. */
export async function readStream(ctx: QueryCtx, args: ReadStreamArgs): Promise<StreamPage> {
  const { streamType, streamId, limit } = args;
  const fromVersion = args.fromVersion ?? 1;
  checkReadLimit(limit);
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 1) {
    throw eventStoreError(
      "INVALID_VERSION",
      `fromVersion is ${fromVersion}; expected an integer of at least 1`,
      { fromVersion },
    );
  }
  const docs = await ctx.db
    .query("events")
    .withIndex("by_stream_and_version", (q) =>
      q.eq("streamType", streamType).eq("streamId", streamId).gte("version", fromVersion),
    )
    .take(limit + 1);
  const events = docs.slice(0, limit).map(toEnvelope);
  return {
    events,
    nextVersion: (events.at(-1)?.version ?? fromVersion - 1) + 1,
    isDone: docs.length <= limit,
  };
}

export async function getStreamVersion(
  ctx: QueryCtx,
  args: { streamType: string; streamId: string },
): Promise<number> {
  const row = await ctx.db
    .query("streams")
    .withIndex("by_stream", (q) =>
      q.eq("streamType", args.streamType).eq("streamId", args.streamId),
    )
    .unique();
  return row?.version ?? 0;
}

function checkEventTypes(eventTypes: readonly string[]): void {
  if (eventTypes.length === 0 || eventTypes.length > MAX_EVENT_TYPES_PER_READ) {
    throw eventStoreError(
      "INVALID_READ_FILTER",
      `eventTypes holds ${eventTypes.length} types; expected 1 to ${MAX_EVENT_TYPES_PER_READ} (omit it to read every type)`,
      { count: eventTypes.length, max: MAX_EVENT_TYPES_PER_READ },
    );
  }
}

/**
 * Catch-up read across all streams: events after `after` and below the high-water mark, in
 * position order. Filters read their own index ranges (one per event type), each limited.
 */
export async function readFromPosition(
  ctx: QueryCtx,
  args: ReadFromPositionArgs,
): Promise<PositionPage> {
  const { after, limit, boundedContext } = args;
  const settleMs = args.settleMs ?? DEFAULT_SETTLE_MS;
  checkPosition("after", after);
  checkReadLimit(limit);
  checkSettleMs(settleMs);
  const eventTypes = args.eventTypes === undefined ? undefined : [...new Set(args.eventTypes)];
  if (eventTypes !== undefined) checkEventTypes(eventTypes);

  const mark = highWaterMark(Date.now(), settleMs);
  let ranges: Doc<"events">[][] = [];
  if (mark > after + 1) {
    if (eventTypes !== undefined && boundedContext !== undefined) {
      ranges = await Promise.all(
        eventTypes.map((eventType) =>
          ctx.db
            .query("events")
            .withIndex("by_bounded_context_and_event_type_and_position", (q) =>
              q
                .eq("boundedContext", boundedContext)
                .eq("eventType", eventType)
                .gt("globalPosition", after)
                .lt("globalPosition", mark),
            )
            .take(limit + 1),
        ),
      );
    } else if (eventTypes !== undefined) {
      ranges = await Promise.all(
        eventTypes.map((eventType) =>
          ctx.db
            .query("events")
            .withIndex("by_event_type_and_position", (q) =>
              q.eq("eventType", eventType).gt("globalPosition", after).lt("globalPosition", mark),
            )
            .take(limit + 1),
        ),
      );
    } else if (boundedContext !== undefined) {
      ranges = [
        await ctx.db
          .query("events")
          .withIndex("by_bounded_context_and_position", (q) =>
            q
              .eq("boundedContext", boundedContext)
              .gt("globalPosition", after)
              .lt("globalPosition", mark),
          )
          .take(limit + 1),
      ];
    } else {
      ranges = [
        await ctx.db
          .query("events")
          .withIndex("by_global_position", (q) =>
            q.gt("globalPosition", after).lt("globalPosition", mark),
          )
          .take(limit + 1),
      ];
    }
  }
  const { events, isDone } = mergeByPosition(ranges, limit);
  return {
    events: events.map(toEnvelope),
    nextPosition: nextCatchUpPosition(after, mark, events, isDone),
    highWaterMark: mark,
    isDone,
  };
}

/** Every event of a correlation (a command and what followed from it), in position order. */
export async function readByCorrelationId(
  ctx: QueryCtx,
  args: ReadByCorrelationIdArgs,
): Promise<EventPage> {
  const after = args.after ?? 0;
  checkPosition("after", after);
  checkReadLimit(args.limit);
  const docs = await ctx.db
    .query("events")
    .withIndex("by_correlation_id_and_position", (q) =>
      q.eq("metadata.correlationId", args.correlationId).gt("globalPosition", after),
    )
    .take(args.limit + 1);
  const events = docs.slice(0, args.limit).map(toEnvelope);
  return {
    events,
    nextPosition: events.at(-1)?.globalPosition ?? after,
    isDone: docs.length <= args.limit,
  };
}

export async function getEventById(ctx: QueryCtx, eventId: string): Promise<EventEnvelope | null> {
  const id = ctx.db.normalizeId("events", eventId);
  if (id === null) return null;
  const doc = await ctx.db.get("events", id);
  return doc === null ? null : toEnvelope(doc);
}

export async function getEventByIdempotencyKey(
  ctx: QueryCtx,
  args: { idempotencyKey: string; tenantId?: string },
): Promise<EventEnvelope | null> {
  const doc = await eventByIdempotencyKey(ctx, args.tenantId, args.idempotencyKey);
  return doc === null ? null : toEnvelope(doc);
}
