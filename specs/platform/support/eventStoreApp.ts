// A small Convex app under convex-test that uses the eventStore component through its client,
// with a catch-up projection whose checkpoint lives in the app's own tables.
import { convexTest } from "convex-test";
import {
  anyApi,
  componentsGeneric,
  defineSchema,
  defineTable,
  mutationGeneric,
  queryGeneric,
} from "convex/server";
import type {
  ApiFromModules,
  GenericDataModel,
  GenericMutationCtx,
  GenericQueryCtx,
} from "convex/server";
import { v } from "convex/values";
import { EventStore } from "@convex-es/platform-store";
import type { EventStoreComponent, EventStoreOptions } from "@convex-es/platform-store";
import eventStore from "@convex-es/platform-store/test";

/** Calls into the component as the test app's functions would: in a transaction of the app. */
export type Runner = {
  mutation: <T>(fn: (ctx: GenericMutationCtx<GenericDataModel>) => Promise<T>) => Promise<T>;
  query: <T>(fn: (ctx: GenericQueryCtx<GenericDataModel>) => Promise<T>) => Promise<T>;
};

const appSchema = defineSchema({
  // The projection's checkpoint: the position after which it continues.
  checkpoints: defineTable({ projection: v.string(), position: v.number() }).index(
    "by_projection",
    ["projection"],
  ),
  // The read model: one row per event the projection applied, so a reprocessed event shows.
  applied: defineTable({ eventId: v.string(), streamId: v.string(), position: v.number() }).index(
    "by_event_id",
    ["eventId"],
  ),
});

const store = new EventStore(componentsGeneric().eventStore as unknown as EventStoreComponent);
const PROJECTION = "eventsPerStream";

/**
 * Catches the projection up by one page: reads after its checkpoint, applies each event and
 * moves the checkpoint, all in one mutation, so the read model and the checkpoint commit (or
 * roll back) together. `crashAfterApply` throws after applying, as a crash would.
 */
const catchUp = mutationGeneric({
  args: { limit: v.number(), crashAfterApply: v.optional(v.boolean()) },
  returns: v.object({ applied: v.number(), position: v.number(), isDone: v.boolean() }),
  handler: async (ctx, { limit, crashAfterApply }) => {
    const checkpoint = await ctx.db
      .query("checkpoints")
      .withIndex("by_projection", (q) => q.eq("projection", PROJECTION))
      .unique();
    const after = checkpoint?.position ?? 0;
    // A projection is trusted platform code: it follows every tenant's events.
    const page = await store.readFromPosition(ctx, { after, limit, allTenants: true });
    for (const event of page.events) {
      await ctx.db.insert("applied", {
        eventId: event.eventId,
        streamId: event.streamId,
        position: event.globalPosition,
      });
    }
    if (crashAfterApply) throw new Error("the projection process crashed");
    if (checkpoint === null) {
      await ctx.db.insert("checkpoints", { projection: PROJECTION, position: page.nextPosition });
    } else {
      await ctx.db.patch("checkpoints", checkpoint._id, { position: page.nextPosition });
    }
    return { applied: page.events.length, position: page.nextPosition, isDone: page.isDone };
  },
});

const readModel = queryGeneric({
  args: {},
  returns: v.object({
    checkpoint: v.union(v.null(), v.number()),
    applied: v.array(v.object({ eventId: v.string(), streamId: v.string(), position: v.number() })),
  }),
  handler: async (ctx) => {
    const checkpoint = await ctx.db
      .query("checkpoints")
      .withIndex("by_projection", (q) => q.eq("projection", PROJECTION))
      .unique();
    // A test-sized table: read in creation order, bounded.
    const applied = await ctx.db.query("applied").take(1000);
    return {
      checkpoint: checkpoint?.position ?? null,
      applied: applied.map(({ eventId, streamId, position }) => ({ eventId, streamId, position })),
    };
  },
});

const projection = { catchUp, readModel };
export const projectionApi = (
  anyApi as unknown as ApiFromModules<{ projection: typeof projection }>
).projection;

const modules = {
  "./_generated/server.ts": async () => ({}),
  "./projection.ts": async () => projection,
};

/** A fresh app with the eventStore component registered and a client for it. */
export function eventStoreApp(options: EventStoreOptions = {}) {
  const t = convexTest(appSchema, modules);
  eventStore.register(t);
  const component = componentsGeneric().eventStore as unknown as EventStoreComponent;
  return { t, run: t as unknown as Runner, store: new EventStore(component, options) };
}

/** The eventStore component's public functions, as registered modules export them. */
export async function componentFunctions(): Promise<Record<string, { isMutation?: boolean }>> {
  const lib = eventStore.modules["./component/lib.ts"];
  if (lib === undefined) throw new Error("the eventStore test entry has no lib module");
  return (await lib()) as Record<string, { isMutation?: boolean }>;
}

/** Awaits `fn` and returns what it threw or rejected with; fails when it succeeded. */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to fail, but it succeeded");
}
