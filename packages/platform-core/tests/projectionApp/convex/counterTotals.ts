// The counterTotals view projection: its definition, partitioning and handlers.
import { defineProjection } from "@convex-es/platform-bc";
import type { EventEnvelope } from "@convex-es/platform-store";
import { byEntity, defineProjectionHandlers, definePartitionConfig } from "../../../src/index.js";
import type { MutationCtx } from "./_generated/server.js";

export const counterTotals = defineProjection({
  projectionName: "counterTotals",
  description: "Current value of every counter",
  targetTable: "counterTotals",
  partitionKeyField: "counterId",
  eventSubscriptions: ["CounterCreated", "CounterIncremented"],
  category: "view",
  context: "counters",
});

/** Events of one counter arrive in stream order; counters proceed in parallel. */
export const counterTotalsPartitions = definePartitionConfig({
  projection: counterTotals,
  strategy: "stream",
});

async function record(ctx: MutationCtx, event: EventEnvelope, value: number) {
  const counterId = event.streamId;
  const fault = await ctx.db
    .query("projectionFaults")
    .withIndex("by_counter_id", (q) => q.eq("counterId", counterId))
    .first();
  const existing = await ctx.db
    .query("counterTotals")
    .withIndex("by_counter_id", (q) => q.eq("counterId", counterId))
    .unique();
  const row = {
    counterId,
    value,
    lastEventId: event.eventId,
    correlationId: event.metadata.correlationId,
  };
  if (existing === null) await ctx.db.insert("counterTotals", row);
  else await ctx.db.patch("counterTotals", existing._id, row);
  await ctx.db.insert("appliedEvents", {
    projection: "counterTotals",
    streamId: counterId,
    eventId: event.eventId,
    eventType: event.eventType,
    globalPosition: event.globalPosition,
  });
  // Thrown after writing, so the test also shows that a failed handler's writes roll back.
  if (fault !== null) throw new Error(fault.message);
}

export const counterTotalsHandlers = defineProjectionHandlers(counterTotals, {
  partition: counterTotalsPartitions,
  handlers: {
    CounterCreated: async (ctx: MutationCtx, event) =>
      record(ctx, event, (event.payload as { value: number }).value),
    CounterIncremented: async (ctx: MutationCtx, event) =>
      record(ctx, event, (event.payload as { value: number }).value),
  },
});

/** An integration feed partitioned by the payload's `counterId`: events without one are unroutable. */
export const counterFeed = defineProjection({
  projectionName: "counterFeed",
  description: "Counter events for other contexts, partitioned by the payload's counterId",
  targetTable: "appliedEvents",
  partitionKeyField: "counterId",
  eventSubscriptions: ["CounterTouched"],
  category: "integration",
  context: "counters",
});

export const counterFeedHandlers = defineProjectionHandlers(counterFeed, {
  partition: (event) =>
    byEntity("counter", (event.payload as { counterId?: string }).counterId ?? ""),
  handlers: {
    CounterTouched: async (ctx: MutationCtx, event) => {
      await ctx.db.insert("appliedEvents", {
        projection: "counterFeed",
        streamId: event.streamId,
        eventId: event.eventId,
        eventType: event.eventType,
        globalPosition: event.globalPosition,
      });
    },
  },
});

/** Totals over all counters for the back office: admins only. */
export const counterReport = defineProjection({
  projectionName: "counterReport",
  description: "Totals over all counters",
  targetTable: "counterTotals",
  eventSubscriptions: ["CounterCreated", "CounterIncremented"],
  category: "reporting",
  context: "counters",
});
