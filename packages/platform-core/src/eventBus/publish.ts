import type { GenericDataModel, GenericMutationCtx } from "convex/server";
import type { EventBusConfig } from "./config.js";
import { eventBusError } from "./errors.js";
import { toPublishedEvent } from "./publishedEvent.js";
import { findPublication, writerOf } from "./storage.js";
import type { EventBusReadCtx } from "./storage.js";
import { byPriority, publicationIdOf, subscriptionMatches } from "./subscriptions.js";
import type { Subscription } from "./subscriptions.js";
import type { PublishedDelivery, PublishedEvent, PublishResult } from "./validators.js";

/** The running mutation: its database (the app's, with `eventBusTables`) and component calls. */
export type EventBusWriteCtx = EventBusReadCtx &
  Pick<GenericMutationCtx<GenericDataModel>, "runQuery" | "runMutation">;

async function enqueueDelivery(
  config: EventBusConfig,
  ctx: EventBusWriteCtx,
  subscription: Subscription,
  publicationId: string,
): Promise<string> {
  // resolveEventBusOptions refused subscriptions without a pool for their priority.
  const pool = config.pools[subscription.priority]!;
  return await pool.enqueueAction(
    ctx,
    config.functions.deliver,
    { publicationId },
    {
      retry: { ...subscription.retry },
      onComplete: config.functions.onDeliveryComplete as never,
      context: { publicationId },
    },
  );
}

/**
 * Publishes an event in the running mutation: one tracked publication per matching
 * subscription, each enqueued on its priority's Workpool. Everything commits or rolls back with
 * the mutation. An event already published to a subscriber is not enqueued again.
 */
export async function publishEvent(
  config: EventBusConfig,
  ctx: EventBusWriteCtx,
  event: PublishedEvent,
): Promise<PublishResult> {
  const published = toPublishedEvent(event);
  const matching = [...config.subscriptions.values()]
    .filter((subscription) => subscriptionMatches(subscription, published))
    .sort(byPriority);
  if (matching.length === 0) return { eventId: published.eventId, publications: [] };

  const db = writerOf(ctx);
  const now = config.now();
  const stored = await db
    .query("eventBusEvents")
    .withIndex("by_event_id", (q) => q.eq("eventId", published.eventId))
    .unique();
  if (stored === null) {
    await db.insert("eventBusEvents", {
      eventId: published.eventId,
      event: published,
      publishedAt: now,
    });
  } else if (
    stored.event.eventType !== published.eventType ||
    stored.event.boundedContext !== published.boundedContext ||
    stored.event.streamType !== published.streamType ||
    stored.event.streamId !== published.streamId
  ) {
    throw eventBusError({
      code: "INVALID_PUBLISHED_EVENT",
      message: `eventId "${published.eventId}" was published before for ${stored.event.eventType} of ${stored.event.streamType}/${stored.event.streamId} (${stored.event.boundedContext}); an eventId names one event: give this ${published.eventType} its own id`,
    });
  }

  const publications: PublishedDelivery[] = [];
  for (const subscription of matching) {
    const publicationId = publicationIdOf(subscription.name, published.eventId);
    const known = {
      publicationId,
      subscription: subscription.name,
      targetContext: subscription.targetContext,
      priority: subscription.priority,
    };
    const existing = await findPublication(db, publicationId);
    if (existing !== null) {
      publications.push({ ...known, enqueued: false, status: existing.status });
      continue;
    }
    const workId = await enqueueDelivery(config, ctx, subscription, publicationId);
    await db.insert("eventBusPublications", {
      ...known,
      eventId: published.eventId,
      eventType: published.eventType,
      sourceContext: published.boundedContext,
      correlationId: published.metadata.correlationId,
      status: "pending",
      attempts: 0,
      maxAttempts: subscription.retry.maxAttempts,
      workId,
      manualRetries: 0,
      createdAt: now,
      updatedAt: now,
    });
    publications.push({ ...known, enqueued: true, status: "pending" });
  }
  return { eventId: published.eventId, publications };
}

export { enqueueDelivery };
