// The app's event bus (decision 0015): the fulfilment relay projection publishes the order
// events it reads from the log (decision 0021); the bus delivers them to the subscriber that
// starts the fulfilment saga and to the reservation-release process manager, tracked, retried
// and dead-lettered. The delivery functions and the operator's functions, all internal.
import {
  defineSubscription,
  EventBus,
  vPublicationRecord,
  vPublicationStat,
  vPublicationStatus,
} from "@convex-es/platform-core";
import { Workpool } from "@convex-dev/workpool";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { components, internal } from "../_generated/api.js";
import { internalAction, internalMutation, internalQuery } from "../_generated/server.js";
import { reservationRelease } from "./reservationRelease.js";

// Annotated: its options reference internal.fulfilment.eventBus, this module.
export const eventBus: EventBus = new EventBus({
  pools: {
    normal: new Workpool(components.eventBusPool, { maxParallelism: 5, logLevel: "ERROR" }),
  },
  subscriptions: [
    defineSubscription({
      name: "fulfilment.startSaga",
      eventTypes: ["OrderSubmitted"],
      sourceContexts: ["orders"],
      targetContext: "fulfilment",
      handler: internal.fulfilment.start.startFulfillment,
    }),
    reservationRelease.subscription(),
  ],
  functions: internal.fulfilment.eventBus,
});

export const deliver = internalAction(eventBus.deliveryAction());
export const deliverAttempt = internalMutation(eventBus.deliveryAttemptMutation());
export const onDeliveryComplete = internalMutation(eventBus.deliveryCompleteMutation());

/** The deliveries of one event, one per subscription that takes it. */
export const publicationsOfEvent = internalQuery({
  args: { eventId: v.string() },
  returns: v.array(vPublicationRecord),
  handler: async (ctx, args) => eventBus.publicationsOfEvent(ctx, args.eventId),
});

export const listDeadLetters = internalQuery({
  args: { targetContext: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vPublicationRecord),
  handler: async (ctx, args) => eventBus.listDeadLetters(ctx, args),
});

export const retryDeadLetter = internalMutation({
  args: { publicationId: v.string() },
  returns: vPublicationRecord,
  handler: async (ctx, args) => eventBus.retryDeadLetter(ctx, args),
});

export const ignoreDeadLetter = internalMutation({
  args: { publicationId: v.string(), reason: v.string() },
  returns: vPublicationRecord,
  handler: async (ctx, args) => eventBus.ignoreDeadLetter(ctx, args),
});

export const publicationStats = internalQuery({
  args: { statuses: v.optional(v.array(vPublicationStatus)), maxPerBucket: v.optional(v.number()) },
  returns: v.array(vPublicationStat),
  handler: async (ctx, args) => eventBus.publicationStats(ctx, args),
});
