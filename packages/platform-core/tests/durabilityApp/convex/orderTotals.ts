// A projection guarded against poison events: an event its handler keeps failing on is
// quarantined after three attempts and skipped, and the alert goes to `alerts`.
import { v } from "convex/values";
import {
  createLogger,
  PoisonEventGuard,
  vPoisonOutcome,
  vPoisonRecord,
} from "../../../src/index.js";
import type { PoisonOutcome } from "../../../src/index.js";
import { createMemorySink } from "../../../src/testing/index.js";
import { internal } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { eventStore } from "./durableAppends.js";

export const PROJECTION = "orderTotals";

/** Where the quarantine alerts go; the tests read it. */
export const alerts = createMemorySink();

export const guard = new PoisonEventGuard({
  maxAttempts: 3,
  initialBackoffMs: 1000,
  logger: createLogger("orders", { sink: alerts, now: () => 0 }),
});

/**
 * The projection's handler: throws on an event without a numeric amount (a malformed event), or
 * when told to by the tests' "orderTotals" fault (a transient failure).
 */
export const apply = internalMutation({
  args: { orderId: v.string(), amount: v.any(), injectFailure: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { orderId, amount, injectFailure }) => {
    if (injectFailure) throw new Error("the read model is unavailable (injected fault)");
    if (typeof amount !== "number") {
      throw new Error(`OrderTotalChanged for ${orderId} has no numeric amount`);
    }
    const row = await ctx.db
      .query("orderTotals")
      .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
      .unique();
    if (row === null) await ctx.db.insert("orderTotals", { orderId, total: amount });
    else await ctx.db.patch("orderTotals", row._id, { total: row.total + amount });
    return null;
  },
});

/**
 * Processes one stored event through the guard. A failure is returned (so its record commits)
 * and the event is tried again after the proposed backoff.
 */
export const processEvent = internalMutation({
  args: { eventId: v.string() },
  returns: vPoisonOutcome,
  handler: async (ctx, { eventId }): Promise<PoisonOutcome> => {
    const event = await eventStore.getEventById(ctx, eventId);
    if (event === null) throw new Error(`no event ${eventId}`);
    const payload = event.payload as { orderId: string; amount: unknown };
    // Asked here, in the mutation that commits, so a counted fault is used up.
    const injectFailure = await ctx.runMutation(internal.faults.tick, { target: "orderTotals" });
    const outcome = await guard.process(ctx, {
      projection: PROJECTION,
      event,
      handler: internal.orderTotals.apply,
      args: { orderId: payload.orderId, amount: payload.amount, injectFailure },
    });
    if (outcome.status === "failed") {
      await ctx.scheduler.runAfter(outcome.retryAfterMs, internal.orderTotals.processEvent, {
        eventId,
      });
    }
    return outcome;
  },
});

/** Appends OrderTotalChanged (amount may be malformed) and schedules its processing. */
export const changeTotal = internalMutation({
  args: { orderId: v.string(), amount: v.any() },
  returns: v.string(),
  handler: async (ctx, { orderId, amount }) => {
    const appended = await eventStore.appendToStream(ctx, {
      stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
      expectedVersion: "any",
      events: [
        {
          eventType: "OrderTotalChanged",
          payload: { orderId, amount },
          metadata: { correlationId: `corr-${orderId}` },
        },
      ],
    });
    if (appended.status !== "success") throw new Error(`append answered ${appended.status}`);
    const eventId = appended.events[0]!.eventId;
    await ctx.scheduler.runAfter(0, internal.orderTotals.processEvent, { eventId });
    return eventId;
  },
});

/** Every poison record of the projection, whatever its status. */
export const poisonRecords = internalQuery({
  args: {},
  returns: v.array(vPoisonRecord),
  handler: async (ctx) =>
    (
      await ctx.db
        .query("poisonEvents")
        .withIndex("by_projection_and_event_id", (q) => q.eq("projection", PROJECTION))
        .take(50)
    ).map(({ _id, _creationTime, ...record }) => record),
});

export const quarantined = internalQuery({
  args: {},
  returns: v.array(vPoisonRecord),
  handler: async (ctx) => await guard.listQuarantined(ctx, { projection: PROJECTION, limit: 50 }),
});

export const release = internalMutation({
  args: { eventId: v.string() },
  returns: v.null(),
  handler: async (ctx, { eventId }) => {
    await guard.release(ctx, { projection: PROJECTION, eventId });
    return null;
  },
});

export const totals = internalQuery({
  args: {},
  returns: v.array(v.object({ orderId: v.string(), total: v.number() })),
  handler: async (ctx) =>
    (await ctx.db.query("orderTotals").withIndex("by_order_id").take(100)).map(
      ({ orderId, total }) => ({ orderId, total }),
    ),
});
