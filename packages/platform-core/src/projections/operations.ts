import type { FailedJob, PoisonRecord, PoisonStatus } from "@convex-es/platform-projections";
import type { EventEnvelope } from "@convex-es/platform-store";
import type { ProjectionCtx, ProjectionQueryCtx, RuntimeSettings } from "./projectionRuntime.js";
import { enqueueCatchUp } from "./enqueueCatchUp.js";
import { retryDelayMs } from "./retryDelay.js";
import type { Infer } from "convex/values";
import type { PartitionJob, vCatchUpCompletion } from "./validators.js";

/** The outcome of an operator's retry of a dead letter. */
export type DeadLetterRetry =
  | { readonly status: "replayed"; readonly record: PoisonRecord }
  | { readonly status: "failed"; readonly error: string; readonly attempts: number }
  | { readonly status: "not_found" }
  | { readonly status: "not_quarantined"; readonly record: PoisonRecord };

/** What Workpool hands the catch-up job's onComplete. */
export type CatchUpCompletion = Infer<typeof vCatchUpCompletion>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Records a catch-up job Workpool reports failed (the job rolled back, so this mutation is
 * where the failure survives) and retries it with backoff until `maxJobFailures`, after which it
 * waits as an open failed job for an operator.
 */
export async function recordCatchUpCompletion<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  completion: CatchUpCompletion,
): Promise<FailedJob | null> {
  if (completion.result.kind !== "failed") return null;
  const job = completion.context;
  const failed = await settings.store.recordJobFailure(ctx, {
    ...job,
    error: completion.result.error,
  });
  settings.logger?.error("projection catch-up job failed", {
    ...job,
    failures: failed.failures,
    error: completion.result.error,
  });
  if (failed.failures < settings.maxJobFailures) {
    await enqueueCatchUp(ctx, settings, job, retryDelayMs(failed.failures, settings.retryBaseMs));
  }
  return failed;
}

/** Dead letters (quarantined events by default) of one projection or all, newest first. */
export async function listDeadLetters<TCtx extends ProjectionCtx>(
  ctx: ProjectionQueryCtx,
  settings: RuntimeSettings<TCtx>,
  args: { projection?: string; status?: PoisonStatus; limit: number },
): Promise<PoisonRecord[]> {
  return await settings.store.listDeadLetters(ctx, args);
}

/**
 * Applies a quarantined event again, now, through the projection's handler. Success closes the
 * dead letter as `replayed`; another failure is counted and the event stays quarantined. The
 * partition already moved past it, so the handler sees it after later events of its partition.
 */
export async function retryDeadLetter<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  args: { projection: string; eventId: string },
): Promise<DeadLetterRetry> {
  settings.projection(args.projection);
  const record = await settings.store.getPoisonEvent(ctx, args);
  if (record === null) return { status: "not_found" };
  if (record.status !== "quarantined") return { status: "not_quarantined", record };
  try {
    const event: EventEnvelope | null = await settings.eventStore.getEventById(
      ctx,
      record.eventId,
      record.tenantId === undefined ? {} : { tenantId: record.tenantId },
    );
    if (event === null) throw new Error(`event ${record.eventId} is not in the event store`);
    await ctx.runMutation(settings.functions().applyEvent, {
      projection: args.projection,
      event,
    });
  } catch (error) {
    const failure = await settings.store.recordFailure(ctx, {
      projection: record.projection,
      partitionKey: record.partitionKey,
      eventId: record.eventId,
      globalPosition: record.globalPosition,
      ...(record.tenantId !== undefined && { tenantId: record.tenantId }),
      error: messageOf(error),
      maxAttempts: settings.maxAttempts,
    });
    return { status: "failed", error: messageOf(error), attempts: failure.attempts };
  }
  const resolved = await settings.store.resolveDeadLetter(ctx, {
    ...args,
    resolution: "replayed",
  });
  return resolved.status === "resolved"
    ? { status: "replayed", record: resolved.record }
    : resolved;
}

/** Closes a dead letter without processing it. */
export async function ignoreDeadLetter<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  args: { projection: string; eventId: string },
) {
  return await settings.store.resolveDeadLetter(ctx, { ...args, resolution: "ignored" });
}

/** Enqueues a new catch-up job for a partition whose job failed, and marks the failure retried. */
export async function retryFailedJob<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  job: PartitionJob,
): Promise<FailedJob | null> {
  settings.projection(job.projection);
  const resolved = await settings.store.resolveFailedJob(ctx, { ...job, resolution: "retried" });
  if (resolved === null) return null;
  await enqueueCatchUp(ctx, settings, job);
  return resolved;
}
