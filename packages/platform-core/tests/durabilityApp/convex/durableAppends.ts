// Durable appends from async contexts, with dead letters an operator lists and retries.
import { Workpool } from "@convex-dev/workpool";
import { EventStore } from "@convex-es/platform-store";
import { v } from "convex/values";
import type { DurableAppendFunctions } from "../../../src/index.js";
import {
  DurableAppend,
  idempotentAppend,
  listDurableAppendDeadLetters,
  vDurableAppendDeadLetter,
  vIdempotentAppendInput,
  vIdempotentAppendResult,
} from "../../../src/index.js";
import { components, internal } from "./_generated/api.js";
import { internalAction, internalMutation, internalQuery } from "./_generated/server.js";
import { assertUp } from "./faults.js";

export const eventStore = new EventStore(components.eventStore);

// The annotations break the type cycle through `internal`, which names this module.
export const durableAppend: DurableAppend = new DurableAppend({
  eventStore,
  workpool: new Workpool(components.durableAppendPool, { maxParallelism: 5 }),
  functions: (): DurableAppendFunctions => internal.durableAppends,
  // Four attempts, retried 1 s, 2 s and 4 s apart (with Workpool's jitter).
  retry: { maxAttempts: 4, initialBackoffMs: 1000, base: 2 },
});

const definitions = durableAppend.definitions;

/** The idempotent append, behind the tests' switch for an event store outage ("eventStore"). */
export const append = internalMutation({
  args: definitions.append.args,
  returns: definitions.append.returns,
  handler: async (ctx, args) => {
    await assertUp(ctx, "eventStore");
    return await definitions.append.handler(ctx, args);
  },
});

/**
 * The Workpool job, behind two counted faults: "appendJob" fails an attempt before it appends
 * (an outage), "appendAck" after (the event is stored but the attempt reports a failure, as
 * when its acknowledgement is lost). Every attempt is counted under "appendJob".
 */
export const job = internalAction({
  args: definitions.job.args,
  returns: definitions.job.returns,
  handler: async (ctx, args) => {
    if (await ctx.runMutation(internal.faults.tick, { target: "appendJob" })) {
      throw new Error("the append attempt failed (injected fault)");
    }
    const result = await definitions.job.handler(ctx, args);
    if (await ctx.runMutation(internal.faults.tick, { target: "appendAck" })) {
      throw new Error("the append's acknowledgement was lost (injected fault)");
    }
    return result;
  },
});

export const onComplete = internalMutation(definitions.onComplete);

/** An append made in the caller's own transaction, under the event's idempotency key. */
export const appendNow = internalMutation({
  args: vIdempotentAppendInput.fields,
  returns: vIdempotentAppendResult,
  handler: async (ctx, args) => await idempotentAppend(eventStore, ctx, args),
});

/** What a scheduled job or saga step does: hand its event to the durable append. */
export const enqueue = internalMutation({
  args: vIdempotentAppendInput.fields,
  returns: v.string(),
  handler: async (ctx, args) => (await durableAppend.enqueue(ctx, args)).workId,
});

export const listDeadLetters = internalQuery({
  args: {
    status: v.optional(v.union(v.literal("open"), v.literal("retrying"), v.literal("resolved"))),
    limit: v.number(),
  },
  returns: v.array(vDurableAppendDeadLetter),
  handler: async (ctx, args) => await listDurableAppendDeadLetters(ctx, args),
});

export const retryDeadLetter = internalMutation({
  args: { deadLetterId: v.string() },
  returns: v.string(),
  handler: async (ctx, { deadLetterId }) =>
    (await durableAppend.retryDeadLetter(ctx, deadLetterId)).workId,
});

/** The store's audit records of a key reused with other content. */
export const idempotencyConflicts = internalQuery({
  args: { idempotencyKey: v.string() },
  returns: v.array(v.object({ existingEventId: v.string(), attemptedEventType: v.string() })),
  handler: async (ctx, { idempotencyKey }) =>
    (await eventStore.readIdempotencyConflicts(ctx, { idempotencyKey, limit: 10 })).map(
      ({ existingEventId, attemptedEventType }) => ({ existingEventId, attemptedEventType }),
    ),
});

/** The events of a stream, for the tests' counts. */
export const readStream = internalQuery({
  args: { streamType: v.string(), streamId: v.string(), tenantId: v.optional(v.string()) },
  returns: v.array(
    v.object({
      eventId: v.string(),
      eventType: v.string(),
      idempotencyKey: v.optional(v.string()),
      payload: v.any(),
    }),
  ),
  handler: async (ctx, args) => {
    const page = await eventStore.readStream(ctx, { ...args, limit: 100 });
    return page.events.map(({ eventId, eventType, idempotencyKey, payload }) => ({
      eventId,
      eventType,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      payload,
    }));
  },
});
