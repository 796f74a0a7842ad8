// Catch-up reads across streams (readFromPosition), each through one index range per event type.
import type { NamedTableInfo, Query } from "convex/server";
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
import type { PositionPage, ReadFromPositionArgs } from "../shared/validators.js";
import type { DataModel, Doc } from "./_generated/dataModel.js";
import type { QueryCtx } from "./_generated/server.js";
import { toEnvelope } from "./envelope.js";
import { readTenancy } from "./tenants.js";
import type { Tenancy } from "./tenants.js";

type EventsQuery = Query<NamedTableInfo<DataModel, "events">>;

/** What one index range selects: a tenancy, optionally one bounded context and one event type. */
type RangeFilter = { tenancy: Tenancy; boundedContext?: string; eventType?: string };

/**
 * The events of `filter` with positions in `(after, below)`, in position order, through the
 * index whose fields are exactly the filter's followed by `globalPosition`. Every tenant-scoped
 * read uses a `by_tenant_and_...` index (tenant-less events are those with no tenantId there);
 * only `allTenants` reads use the indexes without tenant.
 */
function positionRange(
  ctx: QueryCtx,
  filter: RangeFilter,
  after: number,
  below: number,
): EventsQuery {
  const events = ctx.db.query("events");
  const { tenancy, boundedContext, eventType } = filter;
  if (tenancy.allTenants) {
    if (boundedContext !== undefined && eventType !== undefined) {
      return events.withIndex("by_bounded_context_and_event_type_and_position", (q) =>
        q
          .eq("boundedContext", boundedContext)
          .eq("eventType", eventType)
          .gt("globalPosition", after)
          .lt("globalPosition", below),
      );
    }
    if (eventType !== undefined) {
      return events.withIndex("by_event_type_and_position", (q) =>
        q.eq("eventType", eventType).gt("globalPosition", after).lt("globalPosition", below),
      );
    }
    if (boundedContext !== undefined) {
      return events.withIndex("by_bounded_context_and_position", (q) =>
        q
          .eq("boundedContext", boundedContext)
          .gt("globalPosition", after)
          .lt("globalPosition", below),
      );
    }
    return events.withIndex("by_global_position", (q) =>
      q.gt("globalPosition", after).lt("globalPosition", below),
    );
  }
  const { tenantId } = tenancy;
  if (boundedContext !== undefined && eventType !== undefined) {
    return events.withIndex("by_tenant_and_bounded_context_and_event_type_and_position", (q) =>
      q
        .eq("tenantId", tenantId)
        .eq("boundedContext", boundedContext)
        .eq("eventType", eventType)
        .gt("globalPosition", after)
        .lt("globalPosition", below),
    );
  }
  if (eventType !== undefined) {
    return events.withIndex("by_tenant_and_event_type_and_position", (q) =>
      q
        .eq("tenantId", tenantId)
        .eq("eventType", eventType)
        .gt("globalPosition", after)
        .lt("globalPosition", below),
    );
  }
  if (boundedContext !== undefined) {
    return events.withIndex("by_tenant_and_bounded_context_and_position", (q) =>
      q
        .eq("tenantId", tenantId)
        .eq("boundedContext", boundedContext)
        .gt("globalPosition", after)
        .lt("globalPosition", below),
    );
  }
  return events.withIndex("by_tenant_and_position", (q) =>
    q.eq("tenantId", tenantId).gt("globalPosition", after).lt("globalPosition", below),
  );
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
 * Catch-up read: the events of the caller's tenancy after `after` and below the high-water
 * mark, in position order. Filters read their own index ranges (one per event type), each
 * limited, merged by position.
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
  const tenancy = readTenancy(args);
  const eventTypes = args.eventTypes === undefined ? undefined : [...new Set(args.eventTypes)];
  if (eventTypes !== undefined) checkEventTypes(eventTypes);

  const mark = highWaterMark(Date.now(), settleMs);
  let ranges: Doc<"events">[][] = [];
  if (mark > after + 1) {
    ranges = await Promise.all(
      (eventTypes ?? [undefined]).map((eventType) =>
        positionRange(ctx, { tenancy, boundedContext, eventType }, after, mark).take(limit + 1),
      ),
    );
  }
  const { events, isDone } = mergeByPosition(ranges, limit);
  return {
    events: events.map(toEnvelope),
    nextPosition: nextCatchUpPosition(after, mark, events, isDone),
    highWaterMark: mark,
    isDone,
  };
}
