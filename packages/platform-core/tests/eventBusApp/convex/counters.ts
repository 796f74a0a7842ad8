// Counter commands that publish their events on the bus from the command's own mutation.
import { v } from "convex/values";
import { vPublishResult } from "../../../src/index.js";
import type { CommandOutcome, PublishResult } from "../../../src/index.js";
import { components } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";
import { eventBus } from "./eventBus.js";
import {
  commandBus,
  createConfig,
  eventStore,
  incrementConfig,
  orchestrator,
} from "./orchestrator.js";

type Published = { outcome: CommandOutcome; published: PublishResult[] };

/** Publishes what a command appended: the stored events, as the bus's subscribers get them. */
async function publishOutcome(ctx: MutationCtx, outcome: CommandOutcome): Promise<Published> {
  const published: PublishResult[] = [];
  if (outcome.status === "executed" && !outcome.duplicate) {
    for (const eventId of outcome.eventIds) {
      const event = await eventStore.getEventById(ctx, eventId);
      if (event === null) throw new Error(`event ${eventId} was appended but is not readable`);
      published.push(await eventBus.publish(ctx, event));
    }
  }
  return { outcome, published };
}

const vPublished = v.object({ outcome: v.any(), published: v.array(vPublishResult) });

const commandArgs = { commandId: v.string(), correlationId: v.string(), counterId: v.string() };
const caller = { userId: "alice", roles: ["counter:write"] };

export const create = internalMutation({
  args: { ...commandArgs, start: v.number() },
  returns: vPublished,
  handler: async (ctx, args): Promise<Published> => {
    const outcome = await orchestrator.execute(ctx, createConfig, {
      commandId: args.commandId,
      correlationId: args.correlationId,
      caller,
      payload: { counterId: args.counterId, start: args.start },
    });
    return await publishOutcome(ctx, outcome);
  },
});

export const increment = internalMutation({
  args: { ...commandArgs, by: v.number() },
  returns: vPublished,
  handler: async (ctx, args): Promise<Published> => {
    const outcome = await orchestrator.execute(ctx, incrementConfig, {
      commandId: args.commandId,
      correlationId: args.correlationId,
      caller,
      payload: { counterId: args.counterId, by: args.by },
    });
    return await publishOutcome(ctx, outcome);
  },
});

export const getCounter = internalQuery({
  args: { counterId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    ctx.runQuery(components.counters.handlers.getCounter, { counterId: args.counterId }),
});

export const getCommand = internalQuery({
  args: { commandId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) => commandBus.getCommand(ctx, args.commandId),
});

/** Commands of one correlation, oldest first. */
export const commandsOfCorrelation = internalQuery({
  args: { correlationId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    commandBus.getCommandsByCorrelationId(ctx, { correlationId: args.correlationId, limit: 100 }),
});
