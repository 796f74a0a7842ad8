// What the specs read back after a command: command records, streams, events and accounts,
// through the components' clients, and the accountBalances read model (internal: nothing here
// is part of the bank's public API).
import { vCommandRecord, vCommandStatus } from "@convex-es/platform-bus";
import { failureStreamTypeOf } from "@convex-es/platform-core";
import { v } from "convex/values";
import { ACCOUNT_STREAM_TYPE } from "../domain/messages.js";
import { components } from "./_generated/api.js";
import { internalQuery } from "./_generated/server.js";
import { commandBus, eventStore } from "./bank.js";

/** An event as the specs compare it. */
const vStoredEvent = v.object({
  eventId: v.string(),
  eventType: v.string(),
  streamType: v.string(),
  streamId: v.string(),
  version: v.number(),
  globalPosition: v.number(),
  payload: v.any(),
  metadata: v.any(),
});

function storedEvent(event: {
  eventId: string;
  eventType: string;
  streamType: string;
  streamId: string;
  version: number;
  globalPosition: number;
  payload: unknown;
  metadata: unknown;
}) {
  const { eventId, eventType, streamType, streamId, version, globalPosition, payload, metadata } =
    event;
  return { eventId, eventType, streamType, streamId, version, globalPosition, payload, metadata };
}

export const command = internalQuery({
  args: { commandId: v.string() },
  returns: v.union(v.null(), vCommandRecord),
  handler: async (ctx, args) => commandBus.getCommand(ctx, args.commandId),
});

export const eventsForCommand = internalQuery({
  args: { commandId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      commandId: v.string(),
      commandType: v.string(),
      boundedContext: v.string(),
      status: vCommandStatus,
      eventIds: v.array(v.string()),
    }),
  ),
  handler: async (ctx, args) => commandBus.getEventsForCommand(ctx, args.commandId),
});

export const commandsOfCorrelation = internalQuery({
  args: { correlationId: v.string() },
  returns: v.array(v.object({ commandId: v.string(), status: v.string() })),
  handler: async (ctx, args) => {
    const page = await commandBus.getCommandsByCorrelationId(ctx, { ...args, limit: 100 });
    return page.commands.map(({ commandId, status }) => ({ commandId, status }));
  },
});

/** The events of an account's stream, or of its failure stream. */
export const accountStream = internalQuery({
  args: { accountId: v.string(), failures: v.boolean() },
  returns: v.array(vStoredEvent),
  handler: async (ctx, args) => {
    const page = await eventStore.readStream(ctx, {
      streamType: args.failures ? failureStreamTypeOf(ACCOUNT_STREAM_TYPE) : ACCOUNT_STREAM_TYPE,
      streamId: args.accountId,
      limit: 100,
    });
    return page.events.map(storedEvent);
  },
});

export const event = internalQuery({
  args: { eventId: v.string() },
  returns: v.union(v.null(), vStoredEvent),
  handler: async (ctx, args) => {
    const found = await eventStore.getEventById(ctx, args.eventId);
    return found === null ? null : storedEvent(found);
  },
});

export const eventsOfCorrelation = internalQuery({
  args: { correlationId: v.string() },
  returns: v.array(vStoredEvent),
  handler: async (ctx, args) => {
    const page = await eventStore.readByCorrelationId(ctx, { ...args, limit: 100 });
    return page.events.map(storedEvent);
  },
});

/** The account's CMS row as its bounded context shows it. */
export const account = internalQuery({
  args: { accountId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      accountId: v.string(),
      owner: v.string(),
      status: v.string(),
      balance: v.number(),
      version: v.number(),
    }),
  ),
  handler: async (ctx, args) => ctx.runQuery(components.accounts.queries.getAccount, args),
});

/** The account's row of the accountBalances view, or null before its first event is projected. */
export const accountBalance = internalQuery({
  args: { accountId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      accountId: v.string(),
      balance: v.number(),
      lastEventId: v.string(),
      lastEventType: v.string(),
      lastPosition: v.number(),
      correlationId: v.string(),
      causationId: v.optional(v.string()),
      commandId: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("accountBalances")
      .withIndex("by_account_id", (q) => q.eq("accountId", args.accountId))
      .unique();
    if (row === null) return null;
    const { _id, _creationTime, ...balance } = row;
    return balance;
  },
});

/** The accountBalances projection's history of the account: its lines in the order applied. */
export const balanceHistory = internalQuery({
  args: { accountId: v.string() },
  returns: v.array(
    v.object({
      eventId: v.string(),
      eventType: v.string(),
      version: v.number(),
      globalPosition: v.number(),
      balance: v.number(),
    }),
  ),
  handler: async (ctx, args) => {
    // Lines of one account come back in insertion order: the order the handlers applied them.
    const lines = await ctx.db
      .query("balanceHistory")
      .withIndex("by_account_id", (q) => q.eq("accountId", args.accountId))
      .take(100);
    return lines.map(({ eventId, eventType, version, globalPosition, balance }) => ({
      eventId,
      eventType,
      version,
      globalPosition,
      balance,
    }));
  },
});
