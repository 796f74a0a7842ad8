import type { Workpool } from "@convex-dev/workpool";
import { vEventEnvelope } from "@convex-es/platform-store";
import type { EventEnvelope, EventStore } from "@convex-es/platform-store";
import type {
  FunctionReference,
  FunctionVisibility,
  GenericActionCtx,
  GenericDataModel,
  GenericMutationCtx,
  GenericQueryCtx,
} from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { fail } from "../errors/coreError.js";
import { vWorkpoolOnCompleteArgs } from "./completionArgs.js";
import type { WorkResult } from "./completionArgs.js";
import { durabilityError } from "./errors.js";
import { findPublication } from "./publicationDeadLetters.js";
import { checkRetryBehavior, requireOption } from "./retryBehavior.js";
import type { RetryBehavior } from "./retryBehavior.js";
import { writerOf } from "./tables.js";

/** The args a target context's receiving mutation takes: spread into its `args`. */
export const vPublishedEventArgs = { event: vEventEnvelope };

export const vDeliveryArgs = v.object({
  publicationId: v.string(),
  eventId: v.string(),
  tenantId: v.optional(v.string()),
  targetContext: v.string(),
});
export type DeliveryArgs = Infer<typeof vDeliveryArgs>;

export const vPublicationContext = v.object({ publicationId: v.string() });
export type PublicationContext = Infer<typeof vPublicationContext>;

/** A receiving mutation of a target context. It must be idempotent: delivery is at least once. */
export type PublicationTarget = FunctionReference<
  "mutation",
  FunctionVisibility,
  { event: EventEnvelope },
  unknown
>;

export interface EventPublisherOptions {
  readonly eventStore: EventStore;
  /** The app's publication pool: `new Workpool(components.publicationPool, { maxParallelism })`. */
  readonly workpool: Workpool;
  /** Target context name -> its receiving mutation. */
  readonly targets: Readonly<Record<string, PublicationTarget>>;
  /** Called lazily: `() => internal.publication` (its `deliver` and `onComplete`). */
  readonly functions: () => {
    readonly deliver: FunctionReference<"action", FunctionVisibility, DeliveryArgs, null>;
    readonly onComplete: FunctionReference<
      "mutation",
      FunctionVisibility,
      { workId: string; context: PublicationContext; result: WorkResult },
      null
    >;
  };
  /** Attempts and backoff of one delivery; default `DEFAULT_DURABLE_RETRY`. */
  readonly retry?: RetryBehavior;
}

/** The event to publish: a stored event (as read or just appended). */
export type PublishedEventRef = Pick<
  EventEnvelope,
  "eventId" | "eventType" | "boundedContext" | "tenantId"
>;

type MutationCtx = GenericMutationCtx<GenericDataModel>;

/**
 * Publishes events to other bounded contexts through a Workpool: one tracked publication per
 * event and target context (`eventPublications`), delivered by a job that reads the event from
 * the store and runs the target's receiving mutation, retried with backoff and jitter. The
 * Workpool `onComplete` marks it `delivered`, or `dead_letter` with the last error once the
 * attempts are spent; operators list, retry and ignore dead letters (`publicationDeadLetters`).
 * Publishing the same event to the same target twice tracks and delivers it once.
 *
 * @example
 * export const publisher: EventPublisher = new EventPublisher({
 *   eventStore,
 *   workpool: new Workpool(components.publicationPool, { maxParallelism: 10 }),
 *   targets: { shipping: internal.shipping.onOrderEvent, analytics: internal.analytics.onOrderEvent },
 *   functions: () => internal.publication,
 * });
 * export const deliver = internalAction(publisher.definitions.deliver);
 * export const onComplete = internalMutation(publisher.definitions.onComplete);
 * // in the mutation that appended the event:
 * await publisher.publish(ctx, event, ["shipping", "analytics"]);
 */
export class EventPublisher {
  readonly retry: RetryBehavior;

  constructor(private readonly options: EventPublisherOptions) {
    requireOption("EventPublisher", "eventStore", options?.eventStore, "an EventStore");
    requireOption("EventPublisher", "workpool", options.workpool, "a Workpool");
    requireOption("EventPublisher", "targets", options.targets, "an object of target mutations");
    requireOption("EventPublisher", "functions", options.functions, "a function");
    if (Object.keys(options.targets).length === 0) {
      fail("INVALID_DURABILITY_CONFIG", "EventPublisher: targets must name at least one context");
    }
    this.retry = checkRetryBehavior("EventPublisher", options.retry);
  }

  /** The configured target contexts. */
  get targetContexts(): string[] {
    return Object.keys(this.options.targets);
  }

  private targetOf(targetContext: string): PublicationTarget {
    const target = Object.hasOwn(this.options.targets, targetContext)
      ? this.options.targets[targetContext]
      : undefined;
    if (target === undefined) {
      throw durabilityError(
        "UNKNOWN_PUBLICATION_TARGET",
        `no publication target is configured as ${JSON.stringify(targetContext)}; expected one of ${JSON.stringify(this.targetContexts)}`,
        { targetContext },
      );
    }
    return target;
  }

  /**
   * Tracks and enqueues one delivery per target context, in the caller's transaction. A target
   * that already has a publication of this event keeps it (`already_tracked`).
   */
  async publish(
    ctx: MutationCtx,
    event: PublishedEventRef,
    targetContexts: readonly string[],
  ): Promise<{ targetContext: string; publicationId: string; tracked: "new" | "already" }[]> {
    for (const targetContext of targetContexts) this.targetOf(targetContext);
    const db = writerOf(ctx);
    const now = Date.now();
    const published = [];
    for (const targetContext of new Set(targetContexts)) {
      const existing = await db
        .query("eventPublications")
        .withIndex("by_event_and_target", (q) =>
          q.eq("eventId", event.eventId).eq("targetContext", targetContext),
        )
        .unique();
      if (existing !== null) {
        published.push({
          targetContext,
          publicationId: existing._id as string,
          tracked: "already" as const,
        });
        continue;
      }
      const id = await db.insert("eventPublications", {
        eventId: event.eventId,
        eventType: event.eventType,
        ...(event.tenantId === undefined ? {} : { tenantId: event.tenantId }),
        sourceContext: event.boundedContext,
        targetContext,
        status: "pending",
        runs: 0,
        createdAt: now,
        updatedAt: now,
      });
      await this.enqueue(ctx, {
        publicationId: id,
        eventId: event.eventId,
        ...(event.tenantId === undefined ? {} : { tenantId: event.tenantId }),
        targetContext,
      });
      published.push({ targetContext, publicationId: id as string, tracked: "new" as const });
    }
    return published;
  }

  /** Enqueues one delivery run of a tracked publication. */
  async enqueue(ctx: MutationCtx, delivery: DeliveryArgs): Promise<string> {
    const functions = this.options.functions();
    return await this.options.workpool.enqueueAction(ctx, functions.deliver, delivery, {
      retry: this.retry,
      onComplete: functions.onComplete,
      context: { publicationId: delivery.publicationId },
    });
  }

  /** The delivery job (internalAction) and its Workpool onComplete (internalMutation). */
  get definitions() {
    return {
      deliver: {
        args: vDeliveryArgs.fields,
        returns: v.null(),
        handler: async (
          ctx: Pick<GenericActionCtx<GenericDataModel>, "runQuery" | "runMutation">,
          args: DeliveryArgs,
        ): Promise<null> => {
          const target = this.targetOf(args.targetContext);
          // An action's runQuery runs the same reference; convex's types differ only in options.
          const reader = ctx as unknown as Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;
          const event = await this.options.eventStore.getEventById(reader, args.eventId, {
            ...(args.tenantId === undefined ? {} : { tenantId: args.tenantId }),
          });
          if (event === null) {
            throw durabilityError(
              "PUBLICATION_NOT_FOUND",
              `the event ${args.eventId} of publication ${args.publicationId} is not in the store; expected a stored event`,
              { eventId: args.eventId, publicationId: args.publicationId },
            );
          }
          await ctx.runMutation(target, { event });
          return null;
        },
      },
      onComplete: {
        args: vWorkpoolOnCompleteArgs(vPublicationContext),
        returns: v.null(),
        handler: async (
          ctx: MutationCtx,
          args: { workId: string; context: PublicationContext; result: WorkResult },
        ): Promise<null> => {
          const db = writerOf(ctx);
          const publication = await findPublication(db, args.context.publicationId);
          const { result } = args;
          await db.patch("eventPublications", publication._id, {
            status: result.kind === "success" ? "delivered" : "dead_letter",
            runs: publication.runs + 1,
            updatedAt: Date.now(),
            ...(result.kind === "failed" ? { lastError: result.error } : {}),
            ...(result.kind === "canceled" ? { lastError: "the delivery was canceled" } : {}),
          });
          return null;
        },
      },
    };
  }
}
