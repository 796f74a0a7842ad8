// Publications that could not be delivered: listed, retried, ignored and counted per target
// context by operators (from admin functions behind an authorization check).
import type { GenericDatabaseReader, GenericDataModel, GenericMutationCtx } from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { checkLimit, durabilityError } from "./errors.js";
import type { EventPublisher } from "./publication.js";
import { readerOf, vPublicationStatus, writerOf } from "./tables.js";
import type { DbReaderCtx, DurabilityDataModel } from "./tables.js";

/** A publication as the queries return it; ids are plain strings. */
export const vPublication = v.object({
  publicationId: v.string(),
  eventId: v.string(),
  eventType: v.string(),
  tenantId: v.optional(v.string()),
  sourceContext: v.string(),
  targetContext: v.string(),
  status: vPublicationStatus,
  runs: v.number(),
  lastError: v.optional(v.string()),
  ignoredReason: v.optional(v.string()),
  createdAt: v.number(),
  updatedAt: v.number(),
});
export type Publication = Infer<typeof vPublication>;
export type PublicationStatus = Publication["status"];

/** One count of `getPublicationDeadLetterStats`; `capped` when there are more than `limit`. */
export const vPublicationCount = v.object({
  targetContext: v.string(),
  status: vPublicationStatus,
  count: v.number(),
  capped: v.boolean(),
});
export type PublicationCount = Infer<typeof vPublicationCount>;

/** The most rows one page or one count reads. */
export const MAX_PUBLICATION_PAGE = 1000;

/** The statuses the stats count: the ones an operator acts on (delivered ones only grow). */
export const COUNTED_PUBLICATION_STATUSES = ["pending", "dead_letter", "ignored"] as const;

/** The publication with this id, or PUBLICATION_NOT_FOUND. */
export async function findPublication(
  db: GenericDatabaseReader<DurabilityDataModel>,
  publicationId: string,
) {
  const id = db.normalizeId("eventPublications", publicationId);
  const publication = id === null ? null : await db.get("eventPublications", id);
  if (publication === null) {
    throw durabilityError(
      "PUBLICATION_NOT_FOUND",
      `no publication has the id ${JSON.stringify(publicationId)}; expected an id from listPublicationDeadLetters`,
      { publicationId },
    );
  }
  return publication;
}

function expectStatus(
  publication: { _id: string; status: PublicationStatus },
  expected: PublicationStatus,
): void {
  if (publication.status !== expected) {
    throw durabilityError(
      "INVALID_PUBLICATION_STATUS",
      `publication ${publication._id} is ${publication.status}; expected it ${expected}`,
      { publicationId: publication._id, status: publication.status },
    );
  }
}

/**
 * Publications of one target context in one status (default `dead_letter`), least recently
 * updated first, at most `limit` (1 to 1000).
 */
export async function listPublicationDeadLetters<DataModel extends GenericDataModel>(
  ctx: DbReaderCtx<DataModel>,
  args: { targetContext: string; status?: PublicationStatus; limit: number },
): Promise<Publication[]> {
  checkLimit(args.limit, MAX_PUBLICATION_PAGE);
  const rows = await readerOf(ctx)
    .query("eventPublications")
    .withIndex("by_target_and_status", (q) =>
      q.eq("targetContext", args.targetContext).eq("status", args.status ?? "dead_letter"),
    )
    .take(args.limit);
  return rows.map(({ _id, _creationTime, ...row }) => ({ publicationId: _id as string, ...row }));
}

/** Re-enqueues a dead letter's delivery through the publication pool (status back to `pending`). */
export async function retryPublicationDeadLetter<DataModel extends GenericDataModel>(
  ctx: GenericMutationCtx<DataModel>,
  publisher: EventPublisher,
  publicationId: string,
): Promise<{ workId: string }> {
  const db = writerOf(ctx);
  const publication = await findPublication(db, publicationId);
  expectStatus(publication, "dead_letter");
  await db.patch("eventPublications", publication._id, {
    status: "pending",
    updatedAt: Date.now(),
  });
  const workId = await publisher.enqueue(ctx as unknown as GenericMutationCtx<GenericDataModel>, {
    publicationId: publication._id,
    eventId: publication.eventId,
    ...(publication.tenantId === undefined ? {} : { tenantId: publication.tenantId }),
    targetContext: publication.targetContext,
  });
  return { workId };
}

/** Marks a dead letter `ignored` with the reason (an obsolete event, a retired consumer...). */
export async function ignorePublicationDeadLetter<DataModel extends GenericDataModel>(
  ctx: GenericMutationCtx<DataModel>,
  publicationId: string,
  reason: string,
): Promise<void> {
  const db = writerOf(ctx);
  const publication = await findPublication(db, publicationId);
  expectStatus(publication, "dead_letter");
  await db.patch("eventPublications", publication._id, {
    status: "ignored",
    ignoredReason: reason,
    updatedAt: Date.now(),
  });
}

/**
 * Counts per target context and status (pending, dead_letter, ignored), each read through its
 * index range and stopped after `limit` (default and most 1000): `capped` says there are more.
 */
export async function getPublicationDeadLetterStats<DataModel extends GenericDataModel>(
  ctx: DbReaderCtx<DataModel>,
  args: { targetContexts: readonly string[]; limit?: number },
): Promise<PublicationCount[]> {
  const limit = args.limit ?? MAX_PUBLICATION_PAGE;
  checkLimit(limit, MAX_PUBLICATION_PAGE);
  const db = readerOf(ctx);
  const counts: PublicationCount[] = [];
  for (const targetContext of args.targetContexts) {
    for (const status of COUNTED_PUBLICATION_STATUSES) {
      const rows = await db
        .query("eventPublications")
        .withIndex("by_target_and_status", (q) =>
          q.eq("targetContext", targetContext).eq("status", status),
        )
        .take(limit + 1);
      counts.push({
        targetContext,
        status,
        count: Math.min(rows.length, limit),
        capped: rows.length > limit,
      });
    }
  }
  return counts;
}
