// The three app functions a delivery is made of. Workpool retries only actions, so the job is
// an action; the subscriber's effect and the delivered mark commit together in one mutation;
// and the dead letter is written by Workpool's onComplete, a mutation of its own that commits
// whatever the failure was.
import type { RunResult } from "@convex-dev/workpool";
import type { GenericActionCtx, GenericDataModel, GenericMutationCtx } from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import type { DeliveryCompleteArgs, EventBusConfig } from "./config.js";
import { eventBusError } from "./errors.js";
import { errorText, findPublication, writerOf } from "./storage.js";
import type { EventBusReadCtx, PublicationDoc } from "./storage.js";
import { vDeliveryArgs, vDeliveryAttemptResult, vDeliveryCompleteArgs } from "./validators.js";
import type { DeliveryAttemptResult } from "./validators.js";

// Every RunResult Workpool sends must pass our validator: a drift fails to compile here.
const _runResult = {} as RunResult<unknown> satisfies Infer<typeof vDeliveryCompleteArgs.result>;

type ActionCtx = Pick<GenericActionCtx<GenericDataModel>, "runMutation">;
type AttemptCtx = EventBusReadCtx & Pick<GenericMutationCtx<GenericDataModel>, "runMutation">;

/** `internalAction(eventBus.deliveryAction())`: the Workpool job of one publication. */
export function deliveryActionDefinition(config: EventBusConfig) {
  return {
    args: vDeliveryArgs,
    returns: v.null(),
    handler: async (ctx: ActionCtx, args: { publicationId: string }): Promise<null> => {
      const result: DeliveryAttemptResult = await ctx.runMutation(
        config.functions.deliverAttempt,
        args,
      );
      if (result.status === "failed") {
        // Thrown so Workpool retries (the attempt is already recorded by the mutation).
        throw eventBusError({
          code: "DELIVERY_FAILED",
          message: `publication ${args.publicationId} failed on attempt ${result.attempt}: ${result.error}`,
          publicationId: args.publicationId,
        });
      }
      return null;
    },
  };
}

async function recordFailure(
  config: EventBusConfig,
  ctx: AttemptCtx,
  row: PublicationDoc,
  attempt: number,
  error: string,
): Promise<DeliveryAttemptResult> {
  const now = config.now();
  await writerOf(ctx).patch("eventBusPublications", row._id, {
    status: "failed",
    attempts: attempt,
    lastError: error,
    updatedAt: now,
  });
  config.logger?.warn("delivery attempt failed", {
    publicationId: row.publicationId,
    subscription: row.subscription,
    attempt,
    error,
  });
  return { status: "failed", attempt, error };
}

/**
 * `internalMutation(eventBus.deliveryAttemptMutation())`: one attempt. A publication already
 * delivered or ignored is skipped, so a delivery that runs twice changes nothing. Otherwise the
 * subscriber runs as a nested mutation: its effect and the delivered mark commit together, and
 * when it throws its writes roll back while the failed attempt (count, error) is recorded.
 */
export function deliveryAttemptDefinition(config: EventBusConfig) {
  return {
    args: vDeliveryArgs,
    returns: vDeliveryAttemptResult,
    handler: async (
      ctx: AttemptCtx,
      { publicationId }: { publicationId: string },
    ): Promise<DeliveryAttemptResult> => {
      const db = writerOf(ctx);
      const row = await findPublication(db, publicationId);
      if (row === null) {
        throw eventBusError({
          code: "PUBLICATION_NOT_FOUND",
          message: `no publication "${publicationId}" is tracked; publications are created by eventBus.publish`,
          publicationId,
        });
      }
      // Delivered and ignored are final; a dead letter runs again only after an operator retry
      // has set it back to pending, so a stale job never delivers it.
      if (
        row.status === "delivered" ||
        row.status === "ignored" ||
        row.status === "dead_lettered"
      ) {
        return { status: "skipped", publicationStatus: row.status };
      }
      const attempt = row.attempts + 1;
      const subscription = config.subscriptions.get(row.subscription);
      if (subscription === undefined) {
        return await recordFailure(
          config,
          ctx,
          row,
          attempt,
          `SUBSCRIPTION_NOT_FOUND: no subscription "${row.subscription}" is registered on the event bus; register it again or ignore the publication`,
        );
      }
      const stored = await db
        .query("eventBusEvents")
        .withIndex("by_event_id", (q) => q.eq("eventId", row.eventId))
        .unique();
      if (stored === null) {
        return await recordFailure(
          config,
          ctx,
          row,
          attempt,
          `EVENT_NOT_FOUND: the event "${row.eventId}" of this publication is not stored; it was published with eventBus.publish, so it was deleted since`,
        );
      }
      try {
        await ctx.runMutation(subscription.handler, {
          event: stored.event,
          delivery: {
            publicationId,
            subscription: subscription.name,
            targetContext: subscription.targetContext,
            attempt,
          },
        });
      } catch (error) {
        return await recordFailure(config, ctx, row, attempt, errorText(error));
      }
      const now = config.now();
      await db.patch("eventBusPublications", row._id, {
        status: "delivered",
        attempts: attempt,
        deliveredAt: now,
        updatedAt: now,
      });
      return { status: "delivered", attempt };
    },
  };
}

/**
 * `internalMutation(eventBus.deliveryCompleteMutation())`: Workpool's onComplete. A job that
 * failed after its last attempt (or was canceled) dead-letters its publication, keeping the last
 * error. Successes were recorded by the attempt; a job replaced by an operator's retry is ignored.
 */
export function deliveryCompleteDefinition(config: EventBusConfig) {
  return {
    args: vDeliveryCompleteArgs,
    returns: v.null(),
    handler: async (ctx: EventBusReadCtx, args: DeliveryCompleteArgs): Promise<null> => {
      const db = writerOf(ctx);
      const row = await findPublication(db, args.context.publicationId);
      if (row === null || row.workId !== args.workId || args.result.kind === "success") return null;
      if (row.status !== "pending" && row.status !== "failed") return null;
      const lastError =
        row.status === "failed" && row.lastError !== undefined
          ? row.lastError
          : args.result.kind === "failed"
            ? args.result.error
            : "the delivery job was canceled before it delivered";
      const now = config.now();
      await db.patch("eventBusPublications", row._id, {
        status: "dead_lettered",
        lastError,
        deadLetteredAt: now,
        updatedAt: now,
      });
      config.logger?.error("publication dead-lettered", {
        publicationId: row.publicationId,
        subscription: row.subscription,
        targetContext: row.targetContext,
        attempts: row.attempts,
        lastError,
      });
      return null;
    },
  };
}
