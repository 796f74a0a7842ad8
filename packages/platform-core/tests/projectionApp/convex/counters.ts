// Commands through the orchestrator, and what the tests read and inject.
import { v } from "convex/values";
import { callerFromUserIdentity } from "../../../src/index.js";
import type { CommandOutcome, OrchestratedCommandConfig } from "../../../src/index.js";
import { createCounter, incrementCounter } from "../../orchestratorApp/domain/counter.js";
import { components, internal } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { eventStore, orchestrator, projections } from "./runtime.js";

export const createConfig: OrchestratedCommandConfig<typeof createCounter> = {
  definition: createCounter,
  handler: components.counters.handlers.create,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

export const incrementConfig: OrchestratedCommandConfig<typeof incrementCounter> = {
  definition: incrementCounter,
  handler: components.counters.handlers.increment,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

const commandArgs = { commandId: v.string(), correlationId: v.string(), counterId: v.string() };

export const create = internalMutation({
  args: { ...commandArgs, start: v.number() },
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> =>
    orchestrator.execute(ctx, createConfig, {
      commandId: args.commandId,
      correlationId: args.correlationId,
      caller: callerFromUserIdentity(await ctx.auth.getUserIdentity()),
      payload: { counterId: args.counterId, start: args.start },
    }),
});

export const increment = internalMutation({
  args: { ...commandArgs, by: v.number() },
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> =>
    orchestrator.execute(ctx, incrementConfig, {
      commandId: args.commandId,
      correlationId: args.correlationId,
      caller: callerFromUserIdentity(await ctx.auth.getUserIdentity()),
      payload: { counterId: args.counterId, by: args.by },
    }),
});

/** Appends a CounterTouched event, with or without the counterId its feed partitions by. */
export const touch = internalMutation({
  args: { streamId: v.string(), counterId: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await eventStore.appendToStream(ctx, {
      stream: { streamType: "Counter", streamId: args.streamId, boundedContext: "counters" },
      expectedVersion: "any",
      events: [
        {
          eventType: "CounterTouched",
          payload: args.counterId === undefined ? {} : { counterId: args.counterId },
          metadata: { correlationId: `touch-${args.streamId}` },
        },
      ],
    });
    return null;
  },
});

export const injectFault = internalMutation({
  args: { counterId: v.string(), message: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.db.insert("projectionFaults", args);
    return null;
  },
});

export const removeFaults = internalMutation({
  args: { counterId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const faults = await ctx.db
      .query("projectionFaults")
      .withIndex("by_counter_id", (q) => q.eq("counterId", args.counterId))
      .take(10);
    for (const fault of faults) await ctx.db.delete("projectionFaults", fault._id);
    return null;
  },
});

/** Enqueues a catch-up job the runtime cannot run (unknown projection): a job-level failure. */
export const enqueueBrokenJob = internalMutation({
  args: { projection: v.string(), partitionKey: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await projections.settings.pool.enqueueMutation(ctx, internal.projections.catchUp, args, {
      onComplete: internal.projections.onCatchUpComplete,
      onCompleteExcludeKinds: ["success"],
      context: args,
    });
    return null;
  },
});

export const counterTotal = internalQuery({
  args: { counterId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    ctx.db
      .query("counterTotals")
      .withIndex("by_counter_id", (q) => q.eq("counterId", args.counterId))
      .unique(),
});

export const appliedEvents = internalQuery({
  args: { streamId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    ctx.db
      .query("appliedEvents")
      .withIndex("by_stream_and_position", (q) => q.eq("streamId", args.streamId))
      .take(200),
});

export const readStream = internalQuery({
  args: { counterId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    eventStore.readStream(ctx, { streamType: "Counter", streamId: args.counterId, limit: 100 }),
});
