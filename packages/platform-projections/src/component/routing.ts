// The dispatcher's side: a cursor per projection over the global log, and the routing of the
// events it read to their partitions. Nothing here is touched by the command path.
import { v } from "convex/values";
import { MAX_PAGE_SIZE, position, requireText } from "../shared/limits.js";
import { invalidArgument } from "../shared/errors.js";
import { vRouteEventsArgs, vRouteEventsResult } from "../shared/validators.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";
import { mutation, query } from "./_generated/server.js";

/** The partition key of poison records for events whose partition key could not be computed. */
export const UNROUTABLE_PARTITION = "unroutable";

async function cursorOf(ctx: QueryCtx, projection: string) {
  return await ctx.db
    .query("cursors")
    .withIndex("by_projection", (q) => q.eq("projection", projection))
    .unique();
}

/** The global position up to which the projection's events were routed; 0 before the first. */
export const getCursor = query({
  args: { projection: v.string() },
  returns: v.number(),
  handler: async (ctx, { projection }) => (await cursorOf(ctx, projection))?.position ?? 0,
});

async function quarantineUnroutable(
  ctx: MutationCtx,
  projection: string,
  event: { eventId: string; globalPosition: number; tenantId?: string; error: string },
  now: number,
) {
  const existing = await ctx.db
    .query("poisonEvents")
    .withIndex("by_projection_and_event", (q) =>
      q.eq("projection", projection).eq("eventId", event.eventId),
    )
    .unique();
  if (existing !== null) return;
  await ctx.db.insert("poisonEvents", {
    projection,
    partitionKey: UNROUTABLE_PARTITION,
    eventId: event.eventId,
    globalPosition: event.globalPosition,
    ...(event.tenantId !== undefined && { tenantId: event.tenantId }),
    attempts: 1,
    lastError: event.error,
    status: "quarantined",
    firstFailedAt: now,
    lastFailedAt: now,
  });
}

/**
 * Routes a page the dispatcher read after `expectedPosition`: one row per (event, partition)
 * for the catch-up jobs, unroutable events quarantined as dead letters, and the cursor moved
 * to `nextPosition`, all at once. When another dispatch already moved the cursor, nothing is
 * written and `cursor_moved` tells where it is.
 */
export const routeEvents = mutation({
  args: vRouteEventsArgs,
  returns: vRouteEventsResult,
  handler: async (ctx, args) => {
    const projection = requireText("projection", args.projection);
    const from = position("expectedPosition", args.expectedPosition);
    const to = position("nextPosition", args.nextPosition);
    if (to < from) {
      throw invalidArgument(
        `nextPosition ${to} is before expectedPosition ${from}: the cursor only moves forward`,
      );
    }
    const count = args.events.length + args.unroutable.length;
    if (count > MAX_PAGE_SIZE) {
      throw invalidArgument(
        `a routing call carries at most ${MAX_PAGE_SIZE} events (got ${count}): route the page in smaller reads`,
      );
    }
    // Each event is routed once: a second row would have its partition (or a second one)
    // apply it twice.
    const listed = new Set<string>();
    for (const event of [...args.events, ...args.unroutable]) {
      if (event.globalPosition <= from || event.globalPosition > to) {
        throw invalidArgument(
          `event ${event.eventId} at position ${event.globalPosition} is outside the routed range (${from}, ${to}]`,
        );
      }
      if (listed.has(event.eventId)) {
        throw invalidArgument(
          `event ${event.eventId} is listed more than once in the page: route each event once`,
        );
      }
      listed.add(event.eventId);
    }
    for (const event of args.events) {
      requireText(`partitionKey of event ${event.eventId}`, event.partitionKey);
    }
    const cursor = await cursorOf(ctx, projection);
    const current = cursor?.position ?? 0;
    if (current !== from) return { status: "cursor_moved" as const, position: current };

    const now = Date.now();
    const partitionKeys = new Set<string>();
    for (const event of args.events) {
      await ctx.db.insert("routedEvents", { projection, ...event });
      partitionKeys.add(event.partitionKey);
    }
    for (const event of args.unroutable) await quarantineUnroutable(ctx, projection, event, now);
    if (cursor === null) {
      await ctx.db.insert("cursors", { projection, position: to, updatedAt: now });
    } else if (to !== current) {
      await ctx.db.patch("cursors", cursor._id, { position: to, updatedAt: now });
    }
    return { status: "routed" as const, partitionKeys: [...partitionKeys] };
  },
});
