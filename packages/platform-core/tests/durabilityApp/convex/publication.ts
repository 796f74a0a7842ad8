// Cross-context publication of order events to two target contexts, with dead letters.
import { Workpool } from "@convex-dev/workpool";
import { v } from "convex/values";
import {
  EventPublisher,
  getPublicationDeadLetterStats,
  idempotencyKeys,
  idempotentAppend,
  isStoredOnce,
  ignorePublicationDeadLetter,
  listPublicationDeadLetters,
  retryPublicationDeadLetter,
  vPublication,
  vPublicationCount,
} from "../../../src/index.js";
import type { EventPublisherOptions } from "../../../src/index.js";
import { components, internal } from "./_generated/api.js";
import { internalAction, internalMutation, internalQuery } from "./_generated/server.js";
import { eventStore } from "./durableAppends.js";

export const publisher: EventPublisher = new EventPublisher({
  eventStore,
  workpool: new Workpool(components.publicationPool, { maxParallelism: 5 }),
  targets: {
    shipping: internal.receivers.shipping,
    analytics: internal.receivers.analytics,
  },
  functions: (): ReturnType<EventPublisherOptions["functions"]> => internal.publication,
  // Three attempts, retried 1 s and 2 s apart (with Workpool's jitter).
  retry: { maxAttempts: 3, initialBackoffMs: 1000, base: 2 },
});

/** Each delivery run attempt is counted ("delivery:<target>") for the tests. */
export const deliver = internalAction({
  args: publisher.definitions.deliver.args,
  returns: publisher.definitions.deliver.returns,
  handler: async (ctx, args) => {
    await ctx.runMutation(internal.faults.tick, { target: `delivery:${args.targetContext}` });
    return await publisher.definitions.deliver.handler(ctx, args);
  },
});

export const onComplete = internalMutation(publisher.definitions.onComplete);

/** Appends OrderPlaced and publishes it to the targets, in one transaction. */
export const placeOrder = internalMutation({
  args: { orderId: v.string(), targets: v.array(v.string()) },
  returns: v.array(
    v.object({ targetContext: v.string(), publicationId: v.string(), tracked: v.string() }),
  ),
  handler: async (ctx, { orderId, targets }) => {
    const appended = await idempotentAppend(eventStore, ctx, {
      stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
      event: {
        eventType: "OrderPlaced",
        payload: { orderId },
        metadata: { correlationId: `corr-${orderId}` },
        idempotencyKey: idempotencyKeys.commandResult("PlaceOrder", orderId, `cmd-${orderId}`),
      },
    });
    if (!isStoredOnce(appended)) {
      throw new Error(`appending OrderPlaced for ${orderId} answered ${appended.status}`);
    }
    return await publisher.publish(
      ctx,
      { eventId: appended.eventId, eventType: "OrderPlaced", boundedContext: "orders" },
      targets,
    );
  },
});

const vStatus = v.union(
  v.literal("pending"),
  v.literal("delivered"),
  v.literal("dead_letter"),
  v.literal("ignored"),
);

export const list = internalQuery({
  args: { targetContext: v.string(), status: v.optional(vStatus), limit: v.number() },
  returns: v.array(vPublication),
  handler: async (ctx, args) => await listPublicationDeadLetters(ctx, args),
});

export const retry = internalMutation({
  args: { publicationId: v.string() },
  returns: v.string(),
  handler: async (ctx, { publicationId }) =>
    (await retryPublicationDeadLetter(ctx, publisher, publicationId)).workId,
});

export const ignore = internalMutation({
  args: { publicationId: v.string(), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { publicationId, reason }) => {
    await ignorePublicationDeadLetter(ctx, publicationId, reason);
    return null;
  },
});

export const stats = internalQuery({
  args: {},
  returns: v.array(vPublicationCount),
  handler: async (ctx) =>
    await getPublicationDeadLetterStats(ctx, { targetContexts: publisher.targetContexts }),
});
