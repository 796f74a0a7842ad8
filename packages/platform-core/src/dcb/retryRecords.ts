// The rows of deferred scope operations (`dcbRetries`): one lane per scope, in which at most one
// operation is `running` (has a Workpool job) and the others wait in creation order.
import type { GenericDatabaseReader, GenericDatabaseWriter, GenericDataModel } from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { checkLimit, durabilityError } from "../durability/errors.js";
import { readerOf, vDcbRetryStatus } from "../durability/tables.js";
import type { DbReaderCtx, DurabilityDataModel } from "../durability/tables.js";

/** A deferred scope operation as the queries return it; ids are plain strings. */
export const vDcbRetryRecord = v.object({
  retryId: v.string(),
  scopeKey: v.string(),
  operation: v.string(),
  args: v.any(),
  status: vDcbRetryStatus,
  attempts: v.number(),
  result: v.optional(v.any()),
  error: v.optional(v.string()),
  workId: v.optional(v.string()),
  enqueuedAt: v.number(),
  completedAt: v.optional(v.number()),
});
export type DcbRetryRecord = Infer<typeof vDcbRetryRecord>;

type Reader = GenericDatabaseReader<DurabilityDataModel>;
type Writer = GenericDatabaseWriter<DurabilityDataModel>;

/** The row, or null for an id that is not one. */
export async function retryRow(db: Reader, retryId: string) {
  const id = db.normalizeId("dcbRetries", retryId);
  return id === null ? null : await db.get("dcbRetries", id);
}

/** The scope's operation that holds the lane, if any. */
export async function runningIn(db: Reader, scopeKey: string) {
  return await db
    .query("dcbRetries")
    .withIndex("by_scope_and_status", (q) => q.eq("scopeKey", scopeKey).eq("status", "running"))
    .first();
}

/** The scope's oldest waiting operation, if any (index order within a status is creation order). */
export async function nextWaitingIn(db: Writer, scopeKey: string) {
  return await db
    .query("dcbRetries")
    .withIndex("by_scope_and_status", (q) => q.eq("scopeKey", scopeKey).eq("status", "waiting"))
    .first();
}

function toRecord(row: NonNullable<Awaited<ReturnType<typeof retryRow>>>): DcbRetryRecord {
  const { _id, _creationTime, ...fields } = row;
  return { retryId: _id as string, ...fields };
}

/** One deferred operation; DCB_RETRY_NOT_FOUND for an unknown id. */
export async function getDcbRetry<DataModel extends GenericDataModel>(
  ctx: DbReaderCtx<DataModel>,
  retryId: string,
): Promise<DcbRetryRecord> {
  const row = await retryRow(readerOf(ctx), retryId);
  if (row === null) {
    throw durabilityError(
      "DCB_RETRY_NOT_FOUND",
      `no deferred scope operation has the id ${JSON.stringify(retryId)}; expected a retryId from DcbRetry.execute`,
      { retryId },
    );
  }
  return toRecord(row);
}

/** The deferred operations of a scope in one status, oldest first, at most `limit` (1 to 500). */
export async function listDcbRetries<DataModel extends GenericDataModel>(
  ctx: DbReaderCtx<DataModel>,
  args: { scopeKey: string; status: DcbRetryRecord["status"]; limit: number },
): Promise<DcbRetryRecord[]> {
  checkLimit(args.limit, 500);
  const rows = await readerOf(ctx)
    .query("dcbRetries")
    .withIndex("by_scope_and_status", (q) =>
      q.eq("scopeKey", args.scopeKey).eq("status", args.status),
    )
    .take(args.limit);
  return rows.map(toRecord);
}
