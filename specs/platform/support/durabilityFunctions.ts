// The Convex functions of the durability spec app, one object per module, built from
// platform-core's helpers as an application registers them. Functions name each other through
// references made from their names (the app's generated `internal` in a real app).
import { ActionRetrier } from "@convex-dev/action-retrier";
import type { RunId } from "@convex-dev/action-retrier";
import { Workpool } from "@convex-dev/workpool";
import type { WorkpoolComponent } from "@convex-dev/workpool";
import {
  ActionOutbox,
  DurableAppend,
  defineSubscription,
  EventBus,
  idempotencyKeys,
  idempotentAppend,
  IntentCompletion,
  isStoredOnce,
  listDurableAppendDeadLetters,
  vIdempotentAppendInput,
  vIdempotentAppendResult,
  vSubscriberArgs,
} from "@convex-es/platform-core";
import { EventStore } from "@convex-es/platform-store";
import type { EventStoreComponent } from "@convex-es/platform-store";
import { componentsGeneric, makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { internalAction, internalMutation, internalQuery } from "./durabilitySchema.js";
import { assertUp } from "./faults.js";

const components = componentsGeneric();
/** A function of this app, as the generated `internal.<module>.<name>` names it. */
const ref = {
  mutation: (name: string) => makeFunctionReference<"mutation">(name),
  action: (name: string) => makeFunctionReference<"action">(name),
};
export const store = new EventStore(components.eventStore as unknown as EventStoreComponent);
const pool = (name: string) =>
  new Workpool(components[name] as unknown as WorkpoolComponent, { maxParallelism: 5 });
const order = (orderId: string) => ({
  streamType: "Order",
  streamId: orderId,
  boundedContext: "orders",
});

export const durableAppend = new DurableAppend({
  eventStore: store,
  workpool: pool("durableAppendPool"),
  functions: () => ({
    append: ref.mutation("durability:append"),
    job: ref.action("durability:job"),
    onComplete: ref.mutation("durability:onComplete"),
  }),
  retry: { maxAttempts: 4, initialBackoffMs: 1000, base: 2 },
});
const appendDefs = durableAppend.definitions;

export const durability = {
  append: internalMutation({
    args: appendDefs.append.args,
    returns: appendDefs.append.returns,
    handler: async (ctx, args) => {
      await assertUp(ctx, "eventStore");
      return await appendDefs.append.handler(ctx, args);
    },
  }),
  job: internalAction({
    args: appendDefs.job.args,
    returns: appendDefs.job.returns,
    handler: async (ctx, args) => {
      if (await ctx.runMutation(ref.mutation("faults:tick"), { target: "appendJob" })) {
        throw new Error("the append attempt failed (injected fault)");
      }
      return await appendDefs.job.handler(ctx, args);
    },
  }),
  onComplete: internalMutation(appendDefs.onComplete),
  enqueue: internalMutation({
    args: vIdempotentAppendInput.fields,
    returns: v.null(),
    handler: async (ctx, args) => {
      await durableAppend.enqueue(ctx, args);
      return null;
    },
  }),
  appendNow: internalMutation({
    args: { orderId: v.string(), eventType: v.string(), key: v.string() },
    returns: vIdempotentAppendResult,
    handler: async (ctx, { orderId, eventType, key }) =>
      await idempotentAppend(store, ctx, {
        stream: order(orderId),
        event: {
          eventType,
          payload: { orderId },
          metadata: { correlationId: orderId },
          idempotencyKey: key,
        },
      }),
  }),
  openDeadLetters: internalQuery({
    args: {},
    returns: v.array(v.object({ deadLetterId: v.string(), idempotencyKey: v.string() })),
    handler: async (ctx) =>
      (await listDurableAppendDeadLetters(ctx, { limit: 50 })).map(
        ({ deadLetterId, idempotencyKey }) => ({
          deadLetterId,
          idempotencyKey,
        }),
      ),
  }),
  retryDeadLetter: internalMutation({
    args: { deadLetterId: v.string() },
    returns: v.null(),
    handler: async (ctx, { deadLetterId }) => {
      await durableAppend.retryDeadLetter(ctx, deadLetterId);
      return null;
    },
  }),
  eventTypes: internalQuery({
    args: { streamType: v.string(), streamId: v.string() },
    returns: v.array(v.string()),
    handler: async (ctx, args) =>
      (await store.readStream(ctx, { ...args, limit: 100 })).events.map((e) => e.eventType),
  }),
  conflicts: internalQuery({
    args: { idempotencyKey: v.string() },
    returns: v.array(v.string()),
    handler: async (ctx, { idempotencyKey }) =>
      (await store.readIdempotencyConflicts(ctx, { idempotencyKey, limit: 10 })).map(
        (c) => c.attemptedEventType,
      ),
  }),
};

export const outbox = new ActionOutbox({
  eventStore: store,
  retrier: new ActionRetrier(components.actionRetrier as never, {
    initialBackoffMs: 1000,
    maxFailures: 4,
  }),
  durableAppend,
  actions: {
    payment: {
      onSuccess: (charge, run) => ({
        eventType: "PaymentCompleted",
        payload: { orderId: run.entityId, charge },
      }),
      onFailure: (error, run) => ({
        eventType: "PaymentFailed",
        payload: { orderId: run.entityId, error },
      }),
    },
  },
  functions: () => ({ onComplete: ref.mutation("payments:onComplete") }),
});

export const payments = {
  charge: internalAction({
    args: { orderId: v.string() },
    returns: v.object({ chargeId: v.string() }),
    handler: async (ctx, { orderId }) => {
      if (await ctx.runMutation(ref.mutation("faults:tick"), { target: "paymentGateway" })) {
        throw new Error("the payment gateway timed out (injected fault)");
      }
      return { chargeId: `ch-${orderId}` };
    },
  }),
  start: internalMutation({
    args: { orderId: v.string() },
    returns: v.string(),
    handler: async (ctx, { orderId }) =>
      (
        await outbox.run(
          ctx,
          ref.action("payments:charge"),
          { orderId },
          {
            actionType: "payment",
            entityId: orderId,
            stream: order(orderId),
            metadata: { correlationId: orderId },
          },
        )
      ).runId as RunId,
  }),
  onComplete: internalMutation(outbox.definitions.onComplete),
};

export const SUBMISSION = "OrderSubmission";
const submission = (orderId: string) => ({
  operationType: SUBMISSION,
  operationId: orderId,
  stream: { streamType: SUBMISSION, streamId: orderId, boundedContext: "orders" },
  metadata: { correlationId: orderId },
});
export const brackets = new IntentCompletion({
  eventStore: store,
  operations: {
    [SUBMISSION]: {
      intentEventType: "OrderSubmissionStarted",
      completionEventTypes: ["OrderSubmitted", "OrderSubmissionFailed"],
      abandonedEventType: "OrderSubmissionAbandoned",
      timeoutMs: 5 * 60_000,
    },
  },
  functions: () => ({ checkTimeout: ref.mutation("submissions:checkTimeout") }),
});

export const submissions = {
  start: internalMutation({
    args: { orderId: v.string() },
    returns: vIdempotentAppendResult,
    handler: async (ctx, { orderId }) =>
      await brackets.recordIntent(ctx, { ...submission(orderId), payload: { orderId } }),
  }),
  complete: internalMutation({
    args: { orderId: v.string(), eventType: v.string() },
    returns: vIdempotentAppendResult,
    handler: async (ctx, { orderId, eventType }) =>
      await brackets.recordCompletion(ctx, {
        ...submission(orderId),
        eventType,
        payload: { orderId },
      }),
  }),
  checkTimeout: internalMutation(brackets.definitions.checkTimeout),
  recheck: internalMutation({
    args: { orderId: v.string(), intentEventId: v.string() },
    returns: v.string(),
    handler: async (ctx, { orderId, intentEventId }) =>
      (
        await brackets.definitions.checkTimeout.handler(ctx, {
          ...submission(orderId),
          intentEventId,
        })
      ).status,
  }),
};

// Cross-context publication is the event bus's: two other contexts subscribe to OrderPlaced.
const subscriber = (targetContext: string) =>
  internalMutation({
    args: vSubscriberArgs,
    returns: v.null(),
    handler: async (ctx, { event }) => {
      await assertUp(ctx, targetContext);
      const seen = await ctx.db
        .query("received")
        .withIndex("by_target_and_event", (q) =>
          q.eq("targetContext", targetContext).eq("eventId", event.eventId),
        )
        .unique();
      if (seen === null) await ctx.db.insert("received", { targetContext, eventId: event.eventId });
      return null;
    },
  });
const subscription = (targetContext: string) =>
  defineSubscription({
    name: `${targetContext}.orders`,
    eventTypes: ["OrderPlaced"],
    sourceContexts: ["orders"],
    targetContext,
    handler: ref.mutation(`publication:${targetContext}`),
    retry: { maxAttempts: 3, initialBackoffMs: 1000, base: 2 },
  });
/** The contexts the bus delivers OrderPlaced to. */
export const eventBusTargets = ["shipping", "analytics"];
export const eventBus = new EventBus({
  pools: { normal: pool("publicationPool") },
  subscriptions: eventBusTargets.map(subscription),
  functions: {
    deliver: ref.action("publication:deliver"),
    deliverAttempt: ref.mutation("publication:deliverAttempt"),
    onDeliveryComplete: ref.mutation("publication:onDeliveryComplete"),
  },
});
const vPublication = v.object({
  publicationId: v.string(),
  targetContext: v.string(),
  status: v.string(),
  attempts: v.number(),
});
const publicationOf = (record: {
  publicationId: string;
  targetContext: string;
  status: string;
  attempts: number;
}) => ({
  publicationId: record.publicationId,
  targetContext: record.targetContext,
  status: record.status,
  attempts: record.attempts,
});

export const publication = {
  deliver: internalAction(eventBus.deliveryAction()),
  deliverAttempt: internalMutation(eventBus.deliveryAttemptMutation()),
  onDeliveryComplete: internalMutation(eventBus.deliveryCompleteMutation()),
  shipping: subscriber("shipping"),
  analytics: subscriber("analytics"),
  /** Appends OrderPlaced once (command result key) and publishes it, in one transaction. */
  placeOrder: internalMutation({
    args: { orderId: v.string() },
    returns: v.string(),
    handler: async (ctx, { orderId }) => {
      const appended = await idempotentAppend(store, ctx, {
        stream: order(orderId),
        event: {
          eventType: "OrderPlaced",
          payload: { orderId },
          metadata: { correlationId: orderId },
          idempotencyKey: idempotencyKeys.commandResult("PlaceOrder", orderId, `cmd-${orderId}`),
        },
      });
      if (!isStoredOnce(appended))
        throw new Error(`OrderPlaced for ${orderId}: ${appended.status}`);
      const event = await store.getEventById(ctx, appended.eventId);
      if (event === null) throw new Error(`OrderPlaced ${appended.eventId} is not in the store`);
      await eventBus.publish(ctx, event);
      return appended.eventId;
    },
  }),
  ofEvent: internalQuery({
    args: { eventId: v.string() },
    returns: v.array(vPublication),
    handler: async (ctx, { eventId }) =>
      (await eventBus.publicationsOfEvent(ctx, eventId)).map(publicationOf),
  }),
  deadLetters: internalQuery({
    args: { targetContext: v.string() },
    returns: v.array(vPublication),
    handler: async (ctx, { targetContext }) =>
      (
        await eventBus.listDeadLetters(ctx, {
          targetContext,
          paginationOpts: { numItems: 50, cursor: null },
        })
      ).page.map(publicationOf),
  }),
  retry: internalMutation({
    args: { publicationId: v.string() },
    returns: v.null(),
    handler: async (ctx, { publicationId }) => {
      await eventBus.retryDeadLetter(ctx, { publicationId });
      return null;
    },
  }),
  ignore: internalMutation({
    args: { publicationId: v.string(), reason: v.string() },
    returns: v.null(),
    handler: async (ctx, { publicationId, reason }) => {
      await eventBus.ignoreDeadLetter(ctx, { publicationId, reason });
      return null;
    },
  }),
  stats: internalQuery({
    args: {},
    returns: v.array(v.string()),
    handler: async (ctx) =>
      (await eventBus.publicationStats(ctx, {})).map(
        (c) => `${c.targetContext}:${c.status}:${c.count}`,
      ),
  }),
  received: internalQuery({
    args: { targetContext: v.string() },
    returns: v.array(v.string()),
    handler: async (ctx, { targetContext }) =>
      (
        await ctx.db
          .query("received")
          .withIndex("by_target_and_event", (q) => q.eq("targetContext", targetContext))
          .take(100)
      ).map((row) => row.eventId),
  }),
};
