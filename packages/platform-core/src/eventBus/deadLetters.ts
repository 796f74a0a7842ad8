// Operations on tracked publications: list, retry and ignore dead letters, count by target
// context and status. Reads go through indexes, with limits or pages.
import type { PaginationOptions, PaginationResult } from "convex/server";
import type { EventBusConfig } from "./config.js";
import { eventBusError } from "./errors.js";
import { enqueueDelivery } from "./publish.js";
import type { EventBusWriteCtx } from "./publish.js";
import { findPublication, readerOf, toPublicationRecord, writerOf } from "./storage.js";
import type { EventBusReadCtx, PublicationDoc } from "./storage.js";
import { PUBLICATION_STATUSES } from "./validators.js";
import type { PublicationRecord, PublicationStatus } from "./validators.js";

/** The most rows one listing, count page or stats bucket reads. */
export const MAX_PUBLICATION_PAGE = 1000;

function checkLimit(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PUBLICATION_PAGE) {
    throw eventBusError({
      code: "INVALID_ARGUMENT",
      message: `${field} must be an integer from 1 to ${MAX_PUBLICATION_PAGE} (got ${value})`,
    });
  }
  return value;
}

async function requireDeadLetter(
  ctx: EventBusReadCtx,
  publicationId: string,
): Promise<PublicationDoc> {
  const row = await findPublication(readerOf(ctx), publicationId);
  if (row === null) {
    throw eventBusError({
      code: "PUBLICATION_NOT_FOUND",
      message: `no publication "${publicationId}" is tracked; ids are "<subscription>:<eventId>"`,
      publicationId,
    });
  }
  if (row.status !== "dead_lettered") {
    throw eventBusError({
      code: "PUBLICATION_NOT_DEAD_LETTERED",
      message: `publication "${publicationId}" is ${row.status}; only a dead_lettered publication can be retried or ignored`,
      publicationId,
      status: row.status,
    });
  }
  return row;
}

/** Dead letters, newest first: of one target context, or of all. */
export async function listDeadLetters(
  ctx: EventBusReadCtx,
  args: { targetContext?: string; paginationOpts: PaginationOptions },
): Promise<PaginationResult<PublicationRecord>> {
  checkLimit("paginationOpts.numItems", args.paginationOpts.numItems);
  const db = readerOf(ctx);
  const { targetContext } = args;
  const query =
    targetContext === undefined
      ? db
          .query("eventBusPublications")
          .withIndex("by_status_and_updated_at", (q) => q.eq("status", "dead_lettered"))
      : db
          .query("eventBusPublications")
          .withIndex("by_target_context_and_status_and_updated_at", (q) =>
            q.eq("targetContext", targetContext).eq("status", "dead_lettered"),
          );
  const page = await query.order("desc").paginate(args.paginationOpts);
  return { ...page, page: page.page.map(toPublicationRecord) };
}

/** Sends a dead letter again through its priority's pool, with its subscription's retries. */
export async function retryDeadLetter(
  config: EventBusConfig,
  ctx: EventBusWriteCtx,
  publicationId: string,
): Promise<PublicationRecord> {
  const row = await requireDeadLetter(ctx, publicationId);
  const subscription = config.subscriptions.get(row.subscription);
  if (subscription === undefined) {
    throw eventBusError({
      code: "PUBLICATION_NOT_FOUND",
      message: `publication "${publicationId}" belongs to subscription "${row.subscription}", which the bus no longer has; ignore it instead`,
      publicationId,
    });
  }
  const workId = await enqueueDelivery(config, ctx, subscription, publicationId);
  const patch = {
    status: "pending" as const,
    workId,
    manualRetries: row.manualRetries + 1,
    maxAttempts: row.attempts + subscription.retry.maxAttempts,
    updatedAt: config.now(),
  };
  await writerOf(ctx).patch("eventBusPublications", row._id, patch);
  return toPublicationRecord({ ...row, ...patch });
}

/** Gives a dead letter up for good (an obsolete event, say), with the operator's reason. */
export async function ignoreDeadLetter(
  config: EventBusConfig,
  ctx: EventBusReadCtx,
  publicationId: string,
  reason: string,
): Promise<PublicationRecord> {
  if (reason.trim().length === 0) {
    throw eventBusError({
      code: "INVALID_ARGUMENT",
      message: "reason must say why the publication is ignored (got an empty string)",
    });
  }
  const row = await requireDeadLetter(ctx, publicationId);
  const patch = { status: "ignored" as const, ignoredReason: reason, updatedAt: config.now() };
  await writerOf(ctx).patch("eventBusPublications", row._id, patch);
  return toPublicationRecord({ ...row, ...patch });
}

/** One page of an exact count of a target context's publications in a status. */
export async function countPublications(
  ctx: EventBusReadCtx,
  args: {
    targetContext: string;
    status: PublicationStatus;
    cursor: string | null;
    pageSize?: number;
  },
): Promise<{ count: number; isDone: boolean; continueCursor: string }> {
  const pageSize = checkLimit("pageSize", args.pageSize ?? MAX_PUBLICATION_PAGE);
  const page = await readerOf(ctx)
    .query("eventBusPublications")
    .withIndex("by_target_context_and_status_and_updated_at", (q) =>
      q.eq("targetContext", args.targetContext).eq("status", args.status),
    )
    .paginate({ cursor: args.cursor, numItems: pageSize });
  return { count: page.page.length, isDone: page.isDone, continueCursor: page.continueCursor };
}

/** A count of one target context and status; `exact` is false when it reached the cap. */
export interface PublicationStat {
  readonly targetContext: string;
  readonly status: PublicationStatus;
  readonly count: number;
  readonly exact: boolean;
}

/**
 * Counts per target context (the subscriptions' unless given) and status (the failure ones
 * unless given), each up to `maxPerBucket` rows; a capped bucket is counted exactly, page by
 * page, with `countPublications`.
 */
export async function publicationStats(
  config: EventBusConfig,
  ctx: EventBusReadCtx,
  args: {
    targetContexts?: readonly string[];
    statuses?: readonly PublicationStatus[];
    maxPerBucket?: number;
  },
): Promise<PublicationStat[]> {
  const cap = checkLimit("maxPerBucket", args.maxPerBucket ?? 100);
  const contexts =
    args.targetContexts ??
    [...new Set([...config.subscriptions.values()].map((s) => s.targetContext))].sort();
  const statuses = args.statuses ?? (["failed", "dead_lettered", "ignored"] as const);
  for (const status of statuses) {
    if (!PUBLICATION_STATUSES.includes(status)) {
      throw eventBusError({
        code: "INVALID_ARGUMENT",
        message: `status "${String(status)}" is not one of ${PUBLICATION_STATUSES.join(", ")}`,
      });
    }
  }
  const db = readerOf(ctx);
  const stats: PublicationStat[] = [];
  for (const targetContext of contexts) {
    for (const status of statuses) {
      const rows = await db
        .query("eventBusPublications")
        .withIndex("by_target_context_and_status_and_updated_at", (q) =>
          q.eq("targetContext", targetContext).eq("status", status),
        )
        .take(cap + 1);
      stats.push({
        targetContext,
        status,
        count: Math.min(rows.length, cap),
        exact: rows.length <= cap,
      });
    }
  }
  return stats;
}

/** The publications of one event, one per subscriber it was published to. */
export async function publicationsOfEvent(
  ctx: EventBusReadCtx,
  eventId: string,
  limit: number,
): Promise<PublicationRecord[]> {
  checkLimit("limit", limit);
  const rows = await readerOf(ctx)
    .query("eventBusPublications")
    .withIndex("by_event_id", (q) => q.eq("eventId", eventId))
    .take(limit);
  return rows.map(toPublicationRecord);
}
