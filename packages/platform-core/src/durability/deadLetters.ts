// Dead letters of durable appends: written by the Workpool onComplete (a mutation that commits),
// listed and retried by operators.
import { vStreamRef } from "@convex-es/platform-store";
import type { GenericDatabaseReader, GenericDatabaseWriter, GenericDataModel } from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { checkLimit, durabilityError } from "./errors.js";
import type { IdempotentAppendInput } from "./idempotentAppend.js";
import { readerOf, vDeadLetterReason, vDeadLetterStatus } from "./tables.js";
import type { DbReaderCtx, DurabilityDataModel } from "./tables.js";

type Db = GenericDatabaseWriter<DurabilityDataModel>;

/** A dead letter as the queries return it; ids are plain strings. */
export const vDurableAppendDeadLetter = v.object({
  deadLetterId: v.string(),
  idempotencyKey: v.string(),
  tenantId: v.optional(v.string()),
  stream: vStreamRef,
  eventType: v.string(),
  status: vDeadLetterStatus,
  reason: vDeadLetterReason,
  error: v.string(),
  failures: v.number(),
  failedAt: v.number(),
  retriedAt: v.optional(v.number()),
  resolvedAt: v.optional(v.number()),
  eventId: v.optional(v.string()),
});
export type DurableAppendDeadLetter = Infer<typeof vDurableAppendDeadLetter>;

/** The most dead letters one page returns. */
export const MAX_DEAD_LETTER_PAGE = 500;

async function byKey(db: GenericDatabaseReader<DurabilityDataModel>, input: IdempotentAppendInput) {
  return await db
    .query("durableAppendDeadLetters")
    .withIndex("by_tenant_and_idempotency_key", (q) =>
      q.eq("tenantId", input.stream.tenantId).eq("idempotencyKey", input.event.idempotencyKey),
    )
    .unique();
}

/** Opens the dead letter of this append (one per tenant and key), counting one more failure. */
export async function recordDeadLetter(
  db: Db,
  input: IdempotentAppendInput,
  failure: { reason: DurableAppendDeadLetter["reason"]; error: string },
): Promise<void> {
  const now = Date.now();
  const existing = await byKey(db, input);
  if (existing === null) {
    await db.insert("durableAppendDeadLetters", {
      idempotencyKey: input.event.idempotencyKey,
      ...(input.stream.tenantId === undefined ? {} : { tenantId: input.stream.tenantId }),
      input,
      status: "open",
      ...failure,
      failures: 1,
      failedAt: now,
    });
    return;
  }
  await db.patch("durableAppendDeadLetters", existing._id, {
    input,
    status: "open",
    ...failure,
    failures: existing.failures + 1,
    failedAt: now,
  });
}

/** Marks this append's dead letter, if any, resolved by the stored event. */
export async function resolveDeadLetter(
  db: Db,
  input: IdempotentAppendInput,
  eventId: string,
): Promise<void> {
  const existing = await byKey(db, input);
  if (existing === null || existing.status === "resolved") return;
  await db.patch("durableAppendDeadLetters", existing._id, {
    status: "resolved",
    resolvedAt: Date.now(),
    eventId,
  });
}

/** The dead letter with this id in the expected status; a ConvexError otherwise. */
export async function findDeadLetter(
  db: Db,
  deadLetterId: string,
  expected: DurableAppendDeadLetter["status"],
) {
  const id = db.normalizeId("durableAppendDeadLetters", deadLetterId);
  const letter = id === null ? null : await db.get("durableAppendDeadLetters", id);
  if (letter === null) {
    throw durabilityError(
      "DEAD_LETTER_NOT_FOUND",
      `no durable append dead letter has the id ${JSON.stringify(deadLetterId)}; expected an id from listDurableAppendDeadLetters`,
      { deadLetterId },
    );
  }
  if (letter.status !== expected) {
    throw durabilityError(
      "DEAD_LETTER_NOT_RETRYABLE",
      `the dead letter ${deadLetterId} is ${letter.status}; expected it ${expected}`,
      { deadLetterId, status: letter.status },
    );
  }
  return letter;
}

/**
 * Dead letters of durable appends in one status (default `open`), oldest failure first, at most
 * `limit` (1 to 500). Read them from an admin query behind an authorization check.
 *
 * @example
 * const open = await listDurableAppendDeadLetters(ctx, { limit: 50 });
 */
export async function listDurableAppendDeadLetters<DataModel extends GenericDataModel>(
  ctx: DbReaderCtx<DataModel>,
  args: { status?: DurableAppendDeadLetter["status"]; limit: number },
): Promise<DurableAppendDeadLetter[]> {
  checkLimit(args.limit, MAX_DEAD_LETTER_PAGE);
  const rows = await readerOf(ctx)
    .query("durableAppendDeadLetters")
    .withIndex("by_status_and_failed_at", (q) => q.eq("status", args.status ?? "open"))
    .take(args.limit);
  return rows.map((row) => ({
    deadLetterId: row._id as string,
    idempotencyKey: row.idempotencyKey,
    ...(row.tenantId === undefined ? {} : { tenantId: row.tenantId }),
    stream: row.input.stream,
    eventType: row.input.event.eventType,
    status: row.status,
    reason: row.reason,
    error: row.error,
    failures: row.failures,
    failedAt: row.failedAt,
    ...(row.retriedAt === undefined ? {} : { retriedAt: row.retriedAt }),
    ...(row.resolvedAt === undefined ? {} : { resolvedAt: row.resolvedAt }),
    ...(row.eventId === undefined ? {} : { eventId: row.eventId }),
  }));
}
