// What the tests read and inject: the subscribers' effects and their faults.
import { v } from "convex/values";
import type { WorkId } from "@convex-dev/workpool";
import { vPublishedEvent, vPublishResult } from "../../../src/index.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { eventBus, highPool, normalPool } from "./eventBus.js";

export const auditEntriesOf = internalQuery({
  args: { eventId: v.string() },
  returns: v.array(
    v.object({
      eventType: v.string(),
      correlationId: v.string(),
      causationId: v.optional(v.string()),
      publicationId: v.optional(v.string()),
      attempt: v.optional(v.number()),
    }),
  ),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("auditEntries")
      .withIndex("by_event_id", (q) => q.eq("eventId", args.eventId))
      .take(100);
    return rows.map(({ eventType, correlationId, causationId, publicationId, attempt }) => ({
      eventType,
      correlationId,
      ...(causationId !== undefined && { causationId }),
      ...(publicationId !== undefined && { publicationId }),
      ...(attempt !== undefined && { attempt }),
    }));
  },
});

export const notificationsOf = internalQuery({
  args: { eventId: v.string() },
  returns: v.array(v.object({ counterId: v.string(), value: v.number() })),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("notifications")
      .withIndex("by_event_id", (q) => q.eq("eventId", args.eventId))
      .take(100);
    return rows.map(({ counterId, value }) => ({ counterId, value }));
  },
});

export const storedEvent = internalQuery({
  args: { eventId: v.string() },
  returns: v.union(v.null(), vPublishedEvent),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("eventBusEvents")
      .withIndex("by_event_id", (q) => q.eq("eventId", args.eventId))
      .unique();
    return row?.event ?? null;
  },
});

export const setFault = internalMutation({
  args: { subscription: v.string(), untilAttempt: v.optional(v.number()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.db.insert("faults", args);
    return null;
  },
});

export const clearFaults = internalMutation({
  args: { subscription: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const faults = await ctx.db
      .query("faults")
      .withIndex("by_subscription", (q) => q.eq("subscription", args.subscription))
      .take(100);
    for (const fault of faults) await ctx.db.delete("faults", fault._id);
    return null;
  },
});

/** A job's state in one pool: a job of another pool is unknown there ("finished"). */
export const jobState = internalQuery({
  args: { pool: v.union(v.literal("high"), v.literal("normal")), workId: v.string() },
  returns: v.string(),
  handler: async (ctx, args) => {
    const pool = args.pool === "high" ? highPool : normalPool;
    return (await pool.status(ctx, args.workId as WorkId)).state;
  },
});

/** Publishes whatever it is given, so the tests can hand the bus malformed events. */
export const publishRaw = internalMutation({
  args: { event: v.any() },
  returns: vPublishResult,
  handler: async (ctx, args) => eventBus.publish(ctx, args.event),
});
