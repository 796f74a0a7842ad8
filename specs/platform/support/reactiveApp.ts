// A small Convex app under convex-test with a reactive counter view: events go to the eventStore
// component, the durable projection runs in the projections runtime's Workpool jobs, and a
// reactive query answers the durable state, its position and the events after it.
import { defineProjection } from "@convex-es/platform-bc";
import {
  byStream,
  definePartitionConfig,
  defineReactiveProjection,
  projectionFunctions,
  ProjectionRuntime,
  reactiveProjectionHandlers,
  reactiveProjectionQuery,
} from "@convex-es/platform-core";
import type {
  ProjectionFunctionRefs,
  ReactiveEvent,
  ReactiveSnapshot,
} from "@convex-es/platform-core";
import { ProjectionStore } from "@convex-es/platform-projections";
import type { ProjectionsComponent } from "@convex-es/platform-projections";
import projectionsTest from "@convex-es/platform-projections/test";
import { EventStore } from "@convex-es/platform-store";
import type { EventStoreComponent } from "@convex-es/platform-store";
import eventStoreTest from "@convex-es/platform-store/test";
import { Workpool } from "@convex-dev/workpool";
import type { WorkpoolComponent } from "@convex-dev/workpool";
import workpoolTest from "@convex-dev/workpool/test";
import { convexTest } from "convex-test";
import {
  anyApi,
  componentsGeneric,
  defineSchema,
  defineTable,
  internalMutationGeneric,
  internalQueryGeneric,
  queryGeneric,
} from "convex/server";
import type { GenericDataModel, GenericMutationCtx, GenericQueryCtx } from "convex/server";
import { makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import type { GenericId, Infer } from "convex/values";

type MutationCtx = GenericMutationCtx<GenericDataModel>;
type QueryCtx = GenericQueryCtx<GenericDataModel>;

export const vCounterView = v.object({ value: v.number(), increments: v.number() });
export type CounterView = Infer<typeof vCounterView>;
export type CounterEvent =
  | ReactiveEvent<"CounterCreated", { start: number }>
  | ReactiveEvent<"CounterIncremented", { by: number }>;

export const counterView = defineProjection({
  projectionName: "counterView",
  description: "A counter's value and how often it was incremented",
  targetTable: "counterViews",
  partitionKeyField: "counterId",
  eventSubscriptions: ["CounterCreated", "CounterIncremented"],
  category: "view",
  context: "counters",
});

/** The one evolve of the view: the durable handlers and the clients both run it. */
export const counterViewReactive = defineReactiveProjection({
  projection: counterView,
  initialState: { value: 0, increments: 0 } as CounterView,
  evolve: (state: CounterView, event: CounterEvent): CounterView => {
    switch (event.eventType) {
      case "CounterCreated":
        return { value: event.payload.start, increments: 0 };
      case "CounterIncremented":
        return { value: state.value + event.payload.by, increments: state.increments + 1 };
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
});

const schema = defineSchema({
  // The durable read model: one row per counter, written by the counterView catch-up jobs.
  counterViews: defineTable({ counterId: v.string(), state: vCounterView }).index("by_counter_id", [
    "counterId",
  ]),
});

const components = componentsGeneric() as unknown as {
  eventStore: EventStoreComponent;
  projections: ProjectionsComponent;
  projectionPool: WorkpoolComponent;
};
const eventStore = new EventStore(components.eventStore);
const projectionStore = new ProjectionStore(components.projections);

async function rowOf(ctx: QueryCtx, counterId: string) {
  return await ctx.db
    .query("counterViews")
    .withIndex("by_counter_id", (q) => q.eq("counterId", counterId))
    .unique();
}

const handlers = reactiveProjectionHandlers(counterViewReactive, {
  partition: definePartitionConfig({ projection: counterView, strategy: "stream" }),
  load: async (ctx: MutationCtx, event) =>
    ((await rowOf(ctx, event.streamId))?.["state"] as CounterView | undefined) ?? null,
  save: async (ctx: MutationCtx, event, state) => {
    const row = await rowOf(ctx, event.streamId);
    if (row === null) await ctx.db.insert("counterViews", { counterId: event.streamId, state });
    else await ctx.db.patch("counterViews", row._id as GenericId<"counterViews">, { state });
  },
});

const runtime = new ProjectionRuntime<MutationCtx>({
  store: projectionStore,
  eventStore,
  pool: new Workpool(components.projectionPool, { maxParallelism: 2, logLevel: "ERROR" }),
  projections: [handlers],
  functions: () => anyApi["projections"] as unknown as ProjectionFunctionRefs,
});
const fns = projectionFunctions(runtime);
const projections = {
  dispatch: internalMutationGeneric(fns.dispatch),
  catchUp: internalMutationGeneric(fns.catchUp),
  applyEvent: internalMutationGeneric(fns.applyEvent),
  onCatchUpComplete: internalMutationGeneric(fns.onCatchUpComplete),
};

const counters = {
  append: internalMutationGeneric({
    args: { counterId: v.string(), eventType: v.string(), payload: v.any() },
    returns: v.null(),
    handler: async (ctx, args) => {
      const result = await eventStore.appendToStream(ctx, {
        stream: { streamType: "Counter", streamId: args.counterId, boundedContext: "counters" },
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
      return null;
    },
  }),
  readModel: internalQueryGeneric({
    args: { counterId: v.string() },
    returns: v.union(v.null(), vCounterView),
    handler: async (ctx, { counterId }) =>
      ((await rowOf(ctx, counterId))?.["state"] as CounterView | undefined) ?? null,
  }),
  counterView: queryGeneric(
    reactiveProjectionQuery(counterViewReactive, {
      eventStore,
      projectionStore,
      args: { counterId: v.string() },
      state: vCounterView,
      loadState: async (ctx: QueryCtx, { counterId }: { counterId: string }) =>
        ((await rowOf(ctx, counterId))?.["state"] as CounterView | undefined) ?? null,
      source: async (_ctx: QueryCtx, { counterId }: { counterId: string }) => ({
        streamType: "Counter",
        streamId: counterId,
        partition: byStream(counterId),
      }),
    }),
  ),
};

const modules = {
  "./_generated/server.ts": async () => ({}),
  "./projections.ts": async () => projections,
  "./counters.ts": async () => counters,
};

const refs = {
  append: makeFunctionReference<
    "mutation",
    { counterId: string; eventType: string; payload: unknown },
    null
  >("counters:append"),
  dispatch: makeFunctionReference<"mutation", Record<string, never>, unknown>(
    "projections:dispatch",
  ),
  readModel: makeFunctionReference<"query", { counterId: string }, CounterView | null>(
    "counters:readModel",
  ),
  counterView: makeFunctionReference<"query", { counterId: string }, ReactiveSnapshot<CounterView>>(
    "counters:counterView",
  ),
};

/** A fresh reactive counter app. Use fake timers: the Workpool runs on scheduled functions. */
export function reactiveApp() {
  const t = convexTest(schema, modules);
  eventStoreTest.register(t, "eventStore");
  projectionsTest.register(t, "projections");
  workpoolTest.register(t, "projectionPool");
  return {
    t,
    append: async (counterId: string, eventType: string, payload: Record<string, unknown>) =>
      t.mutation(refs.append, { counterId, eventType, payload }),
    dispatch: async () => t.mutation(refs.dispatch, {}),
    readModel: async (counterId: string) => t.query(refs.readModel, { counterId }),
    counterView: async (counterId: string) => t.query(refs.counterView, { counterId }),
    /** The counter's stream as the event store holds it. */
    stream: async (counterId: string) =>
      (
        await t.run((ctx) =>
          eventStore.readStream(ctx, { streamType: "Counter", streamId: counterId, limit: 100 }),
        )
      ).events,
  };
}
