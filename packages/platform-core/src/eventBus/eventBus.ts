import type { PaginationOptions, PaginationResult } from "convex/server";
import { resolveEventBusOptions } from "./config.js";
import type { EventBusConfig, EventBusOptions } from "./config.js";
import {
  countPublications,
  ignoreDeadLetter,
  listDeadLetters,
  publicationStats,
  publicationsOfEvent,
  retryDeadLetter,
} from "./deadLetters.js";
import type { PublicationStat } from "./deadLetters.js";
import {
  deliveryActionDefinition,
  deliveryAttemptDefinition,
  deliveryCompleteDefinition,
} from "./delivery.js";
import { publishEvent } from "./publish.js";
import type { EventBusWriteCtx } from "./publish.js";
import { findPublication, readerOf, toPublicationRecord } from "./storage.js";
import type { EventBusReadCtx } from "./storage.js";
import type { Subscription } from "./subscriptions.js";
import type {
  PublicationRecord,
  PublicationStatus,
  PublishedEvent,
  PublishResult,
} from "./validators.js";

/**
 * Durable publish/subscribe between bounded contexts over Workpool. `publish` runs in the
 * publishing mutation and tracks one publication per subscriber; each is delivered by a
 * Workpool action on its priority's pool, retried with backoff and dead-lettered by onComplete.
 *
 * @example
 * // convex/eventBus.ts
 * export const eventBus = new EventBus({
 *   pools: {
 *     high: new Workpool(components.eventBusHighPool, { maxParallelism: 10 }),
 *     normal: new Workpool(components.eventBusPool, { maxParallelism: 5 }),
 *   },
 *   subscriptions: [shipOnPayment, auditTrail],
 *   functions: internal.eventBus,
 * });
 * export const deliver = internalAction(eventBus.deliveryAction());
 * export const deliverAttempt = internalMutation(eventBus.deliveryAttemptMutation());
 * export const onDeliveryComplete = internalMutation(eventBus.deliveryCompleteMutation());
 * // in any mutation:
 * await eventBus.publish(ctx, storedEvent);
 */
export class EventBus {
  private readonly config: EventBusConfig;

  constructor(options: EventBusOptions) {
    this.config = resolveEventBusOptions(options);
  }

  /** The registered subscriptions, by name. */
  get subscriptions(): ReadonlyMap<string, Subscription> {
    return this.config.subscriptions;
  }

  /**
   * Publishes an event from the running mutation: a tracked, enqueued publication per matching
   * subscription, committed with the mutation. Publishing an eventId again enqueues nothing new.
   *
   * @example
   * const { publications } = await eventBus.publish(ctx, event); // [{ publicationId, enqueued, ... }]
   */
  async publish(ctx: EventBusWriteCtx, event: PublishedEvent): Promise<PublishResult> {
    return await publishEvent(this.config, ctx, event);
  }

  /** The Workpool job, for `internalAction(...)`; export it as `deliver`. */
  deliveryAction() {
    return deliveryActionDefinition(this.config);
  }

  /** One delivery attempt, for `internalMutation(...)`; export it as `deliverAttempt`. */
  deliveryAttemptMutation() {
    return deliveryAttemptDefinition(this.config);
  }

  /** Workpool's onComplete, for `internalMutation(...)`; export it as `onDeliveryComplete`. */
  deliveryCompleteMutation() {
    return deliveryCompleteDefinition(this.config);
  }

  /**
   * One publication, or null.
   *
   * @example
   * await eventBus.getPublication(ctx, "audit.trail:evt-1");
   */
  async getPublication(
    ctx: EventBusReadCtx,
    publicationId: string,
  ): Promise<PublicationRecord | null> {
    const row = await findPublication(readerOf(ctx), publicationId);
    return row === null ? null : toPublicationRecord(row);
  }

  /**
   * The publications of an event (one per subscriber), up to `limit` (default 100).
   *
   * @example
   * const deliveries = await eventBus.publicationsOfEvent(ctx, eventId);
   */
  async publicationsOfEvent(
    ctx: EventBusReadCtx,
    eventId: string,
    limit = 100,
  ): Promise<PublicationRecord[]> {
    return await publicationsOfEvent(ctx, eventId, limit);
  }

  /**
   * Dead letters, newest first, of one target context or of all, paged.
   *
   * @example
   * await eventBus.listDeadLetters(ctx, { targetContext: "shipping", paginationOpts });
   */
  async listDeadLetters(
    ctx: EventBusReadCtx,
    args: { targetContext?: string; paginationOpts: PaginationOptions },
  ): Promise<PaginationResult<PublicationRecord>> {
    return await listDeadLetters(ctx, args);
  }

  /**
   * Re-enqueues a dead letter on its priority's pool (status back to pending, a fresh series of
   * attempts). Anything but a dead letter is refused: `PUBLICATION_NOT_DEAD_LETTERED`.
   *
   * @example
   * await eventBus.retryDeadLetter(ctx, { publicationId });
   */
  async retryDeadLetter(
    ctx: EventBusWriteCtx,
    args: { publicationId: string },
  ): Promise<PublicationRecord> {
    return await retryDeadLetter(this.config, ctx, args.publicationId);
  }

  /**
   * Marks a dead letter ignored, with the reason; it is never delivered.
   *
   * @example
   * await eventBus.ignoreDeadLetter(ctx, { publicationId, reason: "order was deleted" });
   */
  async ignoreDeadLetter(
    ctx: EventBusReadCtx,
    args: { publicationId: string; reason: string },
  ): Promise<PublicationRecord> {
    return await ignoreDeadLetter(this.config, ctx, args.publicationId, args.reason);
  }

  /**
   * One page of an exact count of a target context's publications in one status.
   *
   * @example
   * let total = 0, cursor = null, done = false;
   * while (!done) ({ count, continueCursor: cursor, isDone: done } = await eventBus.countPublications(ctx, { targetContext, status, cursor }), total += count);
   */
  async countPublications(
    ctx: EventBusReadCtx,
    args: {
      targetContext: string;
      status: PublicationStatus;
      cursor: string | null;
      pageSize?: number;
    },
  ): Promise<{ count: number; isDone: boolean; continueCursor: string }> {
    return await countPublications(ctx, args);
  }

  /**
   * Counts by target context and status (default: every subscription's context; failed,
   * dead_lettered and ignored), each bucket up to `maxPerBucket` (default 100).
   *
   * @example
   * await eventBus.publicationStats(ctx, {}); // [{ targetContext, status, count, exact }, ...]
   */
  async publicationStats(
    ctx: EventBusReadCtx,
    args: {
      targetContexts?: readonly string[];
      statuses?: readonly PublicationStatus[];
      maxPerBucket?: number;
    } = {},
  ): Promise<PublicationStat[]> {
    return await publicationStats(this.config, ctx, args);
  }
}
