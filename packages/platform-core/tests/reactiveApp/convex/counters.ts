// Appends counter events, and the reactive query clients read the counter view through.
import { v } from "convex/values";
import { byStream, reactiveProjectionQuery } from "../../../src/index.js";
import { internalMutation, query } from "./_generated/server.js";
import type { QueryCtx } from "./_generated/server.js";
import { counterViewReactive, vCounterView } from "./counterView.js";
import { eventStore, projectionStore } from "./runtime.js";

/** Appends one counter event; a tenant's counter takes the tenant on every event. */
export const append = internalMutation({
  args: {
    counterId: v.string(),
    eventType: v.union(
      v.literal("CounterCreated"),
      v.literal("CounterIncremented"),
      v.literal("CounterRenamed"),
    ),
    payload: v.any(),
    tenantId: v.optional(v.string()),
  },
  returns: v.object({ eventId: v.string(), globalPosition: v.number() }),
  handler: async (ctx, args) => {
    const result = await eventStore.appendToStream(ctx, {
      stream: {
        streamType: "Counter",
        streamId: args.counterId,
        boundedContext: "counters",
        ...(args.tenantId !== undefined && { tenantId: args.tenantId }),
      },
      expectedVersion: "any",
      events: [
        {
          eventType: args.eventType,
          payload: args.payload as Record<string, unknown>,
          metadata: { correlationId: `corr-${args.counterId}` },
        },
      ],
    });
    if (result.status !== "success") throw new Error(`append answered ${result.status}`);
    const [event] = result.events;
    if (event === undefined) throw new Error("append returned no event");
    return { eventId: event.eventId, globalPosition: event.globalPosition };
  },
});

/** The caller's tenant comes from its identity, never from the arguments. */
async function tenantOf(ctx: QueryCtx): Promise<string | undefined> {
  const identity = await ctx.auth.getUserIdentity();
  const tenant = identity?.["tenantId"];
  return typeof tenant === "string" ? tenant : undefined;
}

export const counterView = query(
  reactiveProjectionQuery(counterViewReactive, {
    eventStore,
    projectionStore,
    args: { counterId: v.string() },
    state: vCounterView,
    limit: 50,
    loadState: async (ctx: QueryCtx, { counterId }: { counterId: string }) =>
      (
        await ctx.db
          .query("counterViews")
          .withIndex("by_counter_id", (q) => q.eq("counterId", counterId))
          .unique()
      )?.state ?? null,
    source: async (ctx: QueryCtx, { counterId }: { counterId: string }) => ({
      streamType: "Counter",
      streamId: counterId,
      partition: byStream(counterId),
      tenantId: await tenantOf(ctx),
    }),
  }),
);
