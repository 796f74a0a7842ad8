// The counterView projection: one evolve for the durable read model and for clients.
import { defineProjection } from "@convex-es/platform-bc";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import {
  definePartitionConfig,
  defineReactiveProjection,
  reactiveProjectionHandlers,
} from "../../../src/index.js";
import type { ReactiveEvent } from "../../../src/index.js";
import type { MutationCtx } from "./_generated/server.js";

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

/** Increments add `by`: applying an event twice, or skipping one, shows in the value. */
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

async function rowOf(ctx: MutationCtx, counterId: string) {
  return await ctx.db
    .query("counterViews")
    .withIndex("by_counter_id", (q) => q.eq("counterId", counterId))
    .unique();
}

export const counterViewHandlers = reactiveProjectionHandlers(counterViewReactive, {
  partition: definePartitionConfig({ projection: counterView, strategy: "stream" }),
  load: async (ctx: MutationCtx, event) => (await rowOf(ctx, event.streamId))?.state ?? null,
  save: async (ctx: MutationCtx, event, state) => {
    const row = await rowOf(ctx, event.streamId);
    if (row === null) await ctx.db.insert("counterViews", { counterId: event.streamId, state });
    else await ctx.db.patch("counterViews", row._id, { state });
  },
});
