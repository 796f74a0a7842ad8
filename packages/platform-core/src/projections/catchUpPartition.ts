import type { PendingEvent } from "@convex-es/platform-projections";
import type { EventEnvelope } from "@convex-es/platform-store";
import type { ProjectionCtx, RuntimeSettings } from "./projectionRuntime.js";
import { enqueueCatchUp } from "./enqueueCatchUp.js";
import { retryDelayMs } from "./retryDelay.js";
import type { CatchUpReport, PartitionJob } from "./validators.js";

/** Poison statuses whose event the partition passes over. */
const PASSED_OVER = new Set(["quarantined", "replayed", "ignored"]);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Catches one partition of one projection up from its checkpoint: applies the routed events
 * after it in position order, each through the app's `applyEvent` mutation as a sub-transaction,
 * and advances the checkpoint in this transaction, so read model and checkpoint commit together.
 *
 * A handler that throws rolls back only its own writes; its failure is counted in the same
 * transaction as the events applied before it, and the partition stops there. Below
 * `maxAttempts` a retry job is enqueued with backoff; at `maxAttempts` the event is quarantined
 * and passed over. Nothing here trusts the order jobs run in: a job that finds nothing after the
 * checkpoint does nothing.
 */
export async function catchUpPartition<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  job: PartitionJob,
): Promise<CatchUpReport> {
  const { projection, partitionKey } = job;
  settings.projection(projection);
  const refs = settings.functions();
  const loaded = await settings.store.loadPartition(ctx, {
    projection,
    partitionKey,
    limit: settings.batchSize,
  });
  let through: PendingEvent | undefined;
  let applied = 0;
  let skipped = 0;
  const recoveredEventIds: string[] = [];
  let retry: { eventId: string; delayMs: number } | undefined;

  for (const pending of loaded.pending) {
    if (pending.poison !== null && PASSED_OVER.has(pending.poison.status)) {
      skipped += 1;
      through = pending;
      continue;
    }
    try {
      const event = await loadEvent(ctx, settings, pending);
      await ctx.runMutation(refs.applyEvent, { projection, event });
      applied += 1;
      through = pending;
      if (pending.poison?.status === "retrying") recoveredEventIds.push(pending.eventId);
    } catch (error) {
      const failure = await settings.store.recordFailure(ctx, {
        projection,
        partitionKey,
        eventId: pending.eventId,
        globalPosition: pending.globalPosition,
        ...(pending.tenantId !== undefined && { tenantId: pending.tenantId }),
        error: messageOf(error),
        maxAttempts: settings.maxAttempts,
      });
      settings.logger?.warn("projection handler failed", {
        projection,
        partitionKey,
        eventId: pending.eventId,
        attempts: failure.attempts,
        status: failure.status,
        error: messageOf(error),
      });
      if (failure.status === "quarantined") {
        skipped += 1;
        through = pending;
        continue;
      }
      retry = {
        eventId: pending.eventId,
        delayMs: retryDelayMs(failure.attempts, settings.retryBaseMs),
      };
      break;
    }
  }

  let checkpoint = loaded.checkpoint?.lastPosition ?? null;
  let hasMore = loaded.hasMore;
  if (through !== undefined) {
    const advanced = await settings.store.advance(ctx, {
      projection,
      partitionKey,
      throughPosition: through.globalPosition,
      lastEventId: through.eventId,
      applied,
      skipped,
      ...(recoveredEventIds.length > 0 && { recoveredEventIds }),
    });
    checkpoint = advanced.checkpoint.lastPosition;
    hasMore = advanced.hasMore;
  }
  if (retry !== undefined || hasMore) {
    await enqueueCatchUp(ctx, settings, job, retry?.delayMs);
  }
  return {
    projection,
    partitionKey,
    applied,
    skipped,
    checkpoint,
    ...(retry !== undefined && { retryingEventId: retry.eventId }),
  };
}

/** The routed event from the store, read with its own tenant (routing kept it). */
async function loadEvent<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  pending: PendingEvent,
): Promise<EventEnvelope> {
  const event = await settings.eventStore.getEventById(
    ctx,
    pending.eventId,
    pending.tenantId === undefined ? {} : { tenantId: pending.tenantId },
  );
  if (event === null) {
    throw new Error(
      `event ${pending.eventId} routed at position ${pending.globalPosition} is not in the event store`,
    );
  }
  return event;
}
