// The event bus's validators in one place; its types are derived from them.
import { vEventMetadata } from "@convex-es/platform-store";
import { v } from "convex/values";
import type { Infer } from "convex/values";

/** Subscription priorities, most urgent first: each has its own Workpool. */
export const SUBSCRIPTION_PRIORITIES = ["high", "normal", "low"] as const;
export type SubscriptionPriority = (typeof SUBSCRIPTION_PRIORITIES)[number];
export const vSubscriptionPriority = v.union(
  v.literal("high"),
  v.literal("normal"),
  v.literal("low"),
);

/**
 * Where one publication (an event for one subscriber) stands:
 * `pending` (enqueued, not yet run), `delivered` (the handler's effect committed),
 * `failed` (an attempt failed, Workpool retries it), `dead_lettered` (every attempt failed; an
 * operator retries or ignores it) or `ignored` (an operator gave it up).
 */
export const PUBLICATION_STATUSES = [
  "pending",
  "delivered",
  "failed",
  "dead_lettered",
  "ignored",
] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const vPublicationStatus = v.union(
  v.literal("pending"),
  v.literal("delivered"),
  v.literal("failed"),
  v.literal("dead_lettered"),
  v.literal("ignored"),
);

/**
 * An event as the bus carries it: a stored event of the eventStore (its envelope fits) or an
 * integration event built by the publisher. `eventId` names it for idempotency: publishing the
 * same id twice delivers nothing new. `boundedContext` is the context it comes from; the
 * metadata carries the correlation chain to every subscriber.
 */
export const vPublishedEvent = v.object({
  eventId: v.string(),
  eventType: v.string(),
  boundedContext: v.string(),
  streamType: v.string(),
  streamId: v.string(),
  version: v.optional(v.number()),
  globalPosition: v.optional(v.number()),
  tenantId: v.optional(v.string()),
  category: v.optional(v.string()),
  schemaVersion: v.optional(v.number()),
  payload: v.any(),
  metadata: vEventMetadata,
});
export type PublishedEvent = Infer<typeof vPublishedEvent>;

/** What a subscriber learns about the delivery it is running in. */
export const vDeliveryInfo = v.object({
  publicationId: v.string(),
  subscription: v.string(),
  targetContext: v.string(),
  /** 1 for the first attempt; counts across operator retries. */
  attempt: v.number(),
});
export type DeliveryInfo = Infer<typeof vDeliveryInfo>;

/**
 * The arguments of every subscriber handler mutation. `delivery` is absent when the handler is
 * called outside the bus (a replay, a test).
 *
 * @example
 * export const onOrderPlaced = internalMutation({
 *   args: vSubscriberArgs,
 *   returns: v.null(),
 *   handler: async (ctx, { event, delivery }) => { ... },
 * });
 */
export const vSubscriberArgs = {
  event: vPublishedEvent,
  delivery: v.optional(vDeliveryInfo),
};
export type SubscriberArgs = { event: PublishedEvent; delivery?: DeliveryInfo };

/** One publication as the bus's operations return it. */
export const vPublicationRecord = v.object({
  publicationId: v.string(),
  eventId: v.string(),
  eventType: v.string(),
  sourceContext: v.string(),
  correlationId: v.string(),
  subscription: v.string(),
  targetContext: v.string(),
  priority: vSubscriptionPriority,
  status: vPublicationStatus,
  attempts: v.number(),
  maxAttempts: v.number(),
  lastError: v.optional(v.string()),
  workId: v.string(),
  manualRetries: v.number(),
  ignoredReason: v.optional(v.string()),
  createdAt: v.number(),
  updatedAt: v.number(),
  deliveredAt: v.optional(v.number()),
  deadLetteredAt: v.optional(v.number()),
});
export type PublicationRecord = Infer<typeof vPublicationRecord>;

/** What one delivery attempt answers to the delivery action. */
export const vDeliveryAttemptResult = v.union(
  v.object({ status: v.literal("delivered"), attempt: v.number() }),
  /** The publication was delivered or ignored before: the handler did not run. */
  v.object({ status: v.literal("skipped"), publicationStatus: vPublicationStatus }),
  v.object({ status: v.literal("failed"), attempt: v.number(), error: v.string() }),
);
export type DeliveryAttemptResult = Infer<typeof vDeliveryAttemptResult>;

/** The arguments of the delivery action and of the attempt mutation. */
export const vDeliveryArgs = { publicationId: v.string() };

/** Workpool's onComplete arguments for a delivery job (its `RunResult`, our context). */
export const vDeliveryCompleteArgs = {
  workId: v.string(),
  context: v.object({ publicationId: v.string() }),
  result: v.union(
    v.object({ kind: v.literal("success"), returnValue: v.optional(v.any()) }),
    v.object({ kind: v.literal("failed"), error: v.string() }),
    v.object({ kind: v.literal("canceled") }),
  ),
};

/** One bucket of `publicationStats`. */
export const vPublicationStat = v.object({
  targetContext: v.string(),
  status: vPublicationStatus,
  count: v.number(),
  /** False when the bucket holds more than the cap: count it with `countPublications`. */
  exact: v.boolean(),
});

/** One page of `countPublications`. */
export const vPublicationCountPage = v.object({
  count: v.number(),
  isDone: v.boolean(),
  continueCursor: v.string(),
});

/** One subscriber's publication as `publish` left it. */
export const vPublishedDelivery = v.object({
  publicationId: v.string(),
  subscription: v.string(),
  targetContext: v.string(),
  priority: vSubscriptionPriority,
  /** False when the event was published to this subscriber before: nothing new was enqueued. */
  enqueued: v.boolean(),
  status: vPublicationStatus,
});
export type PublishedDelivery = Infer<typeof vPublishedDelivery>;

/** What `publish` answers: the publications in the order they were enqueued (most urgent first). */
export const vPublishResult = v.object({
  eventId: v.string(),
  /** Empty when no subscription takes the event. */
  publications: v.array(vPublishedDelivery),
});
export type PublishResult = Infer<typeof vPublishResult>;
