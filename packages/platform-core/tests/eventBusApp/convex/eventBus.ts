// The app's event bus: its subscriptions, its delivery functions (the Workpool job, one attempt
// and onComplete) and the operator's functions on publications.
import { Workpool } from "@convex-dev/workpool";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import {
  defineSubscription,
  EventBus,
  vPublicationCountPage,
  vPublicationRecord,
  vPublicationStat,
  vPublicationStatus,
} from "../../../src/index.js";
import { components, internal } from "./_generated/api.js";
import { internalAction, internalMutation, internalQuery } from "./_generated/server.js";
import { orderTallyManager } from "./orderTally.js";

export const auditTrail = defineSubscription({
  name: "audit.trail",
  eventTypes: ["CounterCreated", "CounterIncremented"],
  sourceContexts: ["counters"],
  targetContext: "audit",
  handler: internal.subscribers.recordAudit,
  retry: { maxAttempts: 3, initialBackoffMs: 100, base: 2 },
});

export const counterNotifications = defineSubscription({
  name: "notifications.counterChanged",
  eventTypes: ["CounterIncremented"],
  targetContext: "notifications",
  priority: "high",
  handler: internal.subscribers.notify,
});

/** One Workpool per priority: high-priority deliveries never wait behind normal ones. */
export const highPool = new Workpool(components.eventBusHighPool, { maxParallelism: 4 });
export const normalPool = new Workpool(components.eventBusPool, { maxParallelism: 2 });

// Annotated: its options reference internal.eventBus, whose type includes this module.
export const eventBus: EventBus = new EventBus({
  pools: { high: highPool, normal: normalPool },
  subscriptions: [
    auditTrail,
    counterNotifications,
    orderTallyManager.subscription({ retry: { maxAttempts: 2, initialBackoffMs: 100, base: 2 } }),
  ],
  functions: internal.eventBus,
});

export const deliver = internalAction(eventBus.deliveryAction());
export const deliverAttempt = internalMutation(eventBus.deliveryAttemptMutation());
export const onDeliveryComplete = internalMutation(eventBus.deliveryCompleteMutation());

export const getPublication = internalQuery({
  args: { publicationId: v.string() },
  returns: v.union(v.null(), vPublicationRecord),
  handler: async (ctx, args) => eventBus.getPublication(ctx, args.publicationId),
});

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

export const countPublications = internalQuery({
  args: {
    targetContext: v.string(),
    status: vPublicationStatus,
    cursor: v.union(v.string(), v.null()),
    pageSize: v.optional(v.number()),
  },
  returns: vPublicationCountPage,
  handler: async (ctx, args) => eventBus.countPublications(ctx, args),
});
