// The accountBalances view: one row per account with its balance and the correlation chain of
// the last event applied, and a history line per event applied, built from the account streams
// by the projection runtime.
import { defineProjection } from "@convex-es/platform-bc";
import { byStream, defineProjectionHandlers } from "@convex-es/platform-core";
import type { EventEnvelope } from "@convex-es/platform-store";
import { z } from "zod";
import type { MutationCtx } from "./_generated/server.js";

export const accountBalances = defineProjection({
  projectionName: "accountBalances",
  description: "Current balance of every account, with the command behind its last change",
  targetTable: "accountBalances",
  // Only the events that move a balance: a failed command's audit event changes nothing here.
  eventSubscriptions: ["AccountOpened", "MoneyDeposited", "MoneyWithdrawn"],
  category: "view",
  context: "accounts",
});

const balanceChange = z.object({ balanceAfter: z.number() });

/** The balance an event leaves, refusing a payload without one (the event becomes poison). */
function balanceAfter(event: EventEnvelope): number {
  const parsed = balanceChange.safeParse(event.payload);
  if (!parsed.success) {
    throw new Error(
      `${event.eventType} ${event.eventId} of account ${event.streamId} has no numeric balanceAfter in its payload: expected { balanceAfter: number }`,
    );
  }
  return parsed.data.balanceAfter;
}

async function writeBalance(ctx: MutationCtx, event: EventEnvelope, balance: number) {
  const accountId = event.streamId;
  const { correlationId, causationId, commandId } = event.metadata;
  const row = {
    accountId,
    balance,
    lastEventId: event.eventId,
    lastEventType: event.eventType,
    lastPosition: event.globalPosition,
    correlationId,
    ...(causationId !== undefined && { causationId }),
    ...(commandId !== undefined && { commandId }),
  };
  const existing = await ctx.db
    .query("accountBalances")
    .withIndex("by_account_id", (q) => q.eq("accountId", accountId))
    .unique();
  if (existing === null) {
    if (event.eventType !== "AccountOpened") {
      // Stream partitions apply events in stream order, so an account's first event opens it.
      throw new Error(
        `${event.eventType} ${event.eventId} reached the balance of account ${accountId} before its AccountOpened`,
      );
    }
    await ctx.db.insert("accountBalances", row);
  } else {
    // replace, not patch: a chain field the new event lacks must not survive from the old one.
    await ctx.db.replace("accountBalances", existing._id, row);
  }
  await ctx.db.insert("balanceHistory", {
    accountId,
    eventId: event.eventId,
    eventType: event.eventType,
    version: event.version,
    globalPosition: event.globalPosition,
    balance,
  });
  const fault = await ctx.db
    .query("projectionFaults")
    .withIndex("by_account_id", (q) => q.eq("accountId", accountId))
    .first();
  // Thrown after writing, so the specs also see a failed handler's writes rolled back.
  if (fault !== null) throw new Error(fault.message);
}

/** The handler of each subscribed event: the balance it leaves, written to the view. */
export const accountBalancesEventHandlers = {
  AccountOpened: async (ctx: MutationCtx, event: EventEnvelope) => writeBalance(ctx, event, 0),
  MoneyDeposited: async (ctx: MutationCtx, event: EventEnvelope) =>
    writeBalance(ctx, event, balanceAfter(event)),
  MoneyWithdrawn: async (ctx: MutationCtx, event: EventEnvelope) =>
    writeBalance(ctx, event, balanceAfter(event)),
};

export const accountBalancesHandlers = defineProjectionHandlers(accountBalances, {
  // Each account's events in stream order; accounts proceed in parallel.
  partition: (event) => byStream(event.streamId),
  handlers: accountBalancesEventHandlers,
});
