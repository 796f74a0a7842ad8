// The app's command mutations: each runs one command through the orchestrator.
import { CommandBus } from "@convex-es/platform-bus";
import { EventStore } from "@convex-es/platform-store";
import { v } from "convex/values";
import {
  authorizationMiddleware,
  byStream,
  CommandOrchestrator,
  failureStreamTypeOf,
} from "../../../src/index.js";
import type { CommandOutcome, OrchestratedCommandConfig } from "../../../src/index.js";
import { createCounter, incrementCounter } from "../domain/counter.js";
import { components } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

export const eventStore = new EventStore(components.eventStore);
export const commandBus = new CommandBus(components.commandBus);

/** Only callers with the `counter:write` role may run counter commands. */
export const orchestrator = new CommandOrchestrator({
  eventStore,
  commandBus,
  middleware: [
    authorizationMiddleware({
      authorize: (ctx) =>
        ctx.caller?.roles?.includes("counter:write") === true || {
          allowed: false,
          reason: "the counter:write role is required",
        },
    }),
  ],
});

/** The same orchestrator with the projection hook (step 6) recording what it is given. */
export const orchestratorWithHook = new CommandOrchestrator({
  eventStore,
  commandBus,
  onEventsAppended: async (ctx, appended) => {
    // The hook gets the running mutation's ctx; this app's mutations pass their full MutationCtx.
    const { db } = ctx as MutationCtx;
    for (const trigger of appended.projections) {
      await db.insert("triggeredProjections", {
        commandId: appended.correlation.commandId,
        projection: trigger.projection,
        partitionKey: trigger.partitionKey.value,
      });
    }
  },
});

export const createConfig: OrchestratedCommandConfig<typeof createCounter> = {
  definition: createCounter,
  handler: components.counters.handlers.create,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

export const incrementConfig: OrchestratedCommandConfig<typeof incrementCounter> = {
  definition: incrementCounter,
  handler: components.counters.handlers.increment,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
  projections: [
    { projection: "counterTotals", partitionKey: ({ streamId }) => byStream(streamId) },
  ],
};

const commandArgs = {
  commandId: v.string(),
  correlationId: v.string(),
  causationId: v.optional(v.string()),
  userId: v.optional(v.string()),
  roles: v.optional(v.array(v.string())),
  counterId: v.string(),
};

function commandOf(args: {
  commandId: string;
  correlationId: string;
  causationId?: string;
  userId?: string;
  roles?: string[];
}) {
  return {
    commandId: args.commandId,
    correlationId: args.correlationId,
    ...(args.causationId !== undefined && { causationId: args.causationId }),
    // Tests pass the identity explicitly; a real app resolves it from ctx.auth.
    caller: args.userId === undefined ? null : { userId: args.userId, roles: args.roles ?? [] },
  };
}

export const create = internalMutation({
  args: { ...commandArgs, start: v.number() },
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> =>
    orchestrator.execute(ctx, createConfig, {
      ...commandOf(args),
      payload: { counterId: args.counterId, start: args.start },
    }),
});

export const increment = internalMutation({
  args: { ...commandArgs, by: v.number(), withHook: v.optional(v.boolean()) },
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> =>
    (args.withHook === true ? orchestratorWithHook : orchestrator).execute(ctx, incrementConfig, {
      ...commandOf(args),
      payload: { counterId: args.counterId, by: args.by },
    }),
});

/** Appends an event to a counter's stream behind its CMS: the stream gets ahead of the CMS. */
export const appendBehindCMS = internalMutation({
  args: { counterId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await eventStore.appendToStream(ctx, {
      stream: { streamType: "Counter", streamId: args.counterId, boundedContext: "counters" },
      expectedVersion: "any",
      events: [{ eventType: "CounterTouched", payload: {}, metadata: { correlationId: "manual" } }],
    });
    return null;
  },
});

export const getCommand = internalQuery({
  args: { commandId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) => commandBus.getCommand(ctx, args.commandId),
});

/** A counter's stream, or its failure audit stream with `failures: true`. */
export const readStream = internalQuery({
  args: { counterId: v.string(), failures: v.optional(v.boolean()) },
  returns: v.any(),
  handler: async (ctx, args) =>
    eventStore.readStream(ctx, {
      streamType: args.failures === true ? failureStreamTypeOf("Counter") : "Counter",
      streamId: args.counterId,
      limit: 100,
    }),
});

export const getCounter = internalQuery({
  args: { counterId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    ctx.runQuery(components.counters.handlers.getCounter, { counterId: args.counterId }),
});

export const triggered = internalQuery({
  args: { commandId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    ctx.db
      .query("triggeredProjections")
      .withIndex("by_command_id", (q) => q.eq("commandId", args.commandId))
      .take(100),
});
