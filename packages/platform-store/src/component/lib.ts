// The public API of the eventStore component. Nothing here changes or deletes an event.
import { v } from "convex/values";
import {
  vAppendArgs,
  vAppendResult,
  vCommitScopeArgs,
  vCommitScopeResult,
  vEventByIdArgs,
  vEventByIdempotencyKeyArgs,
  vEventEnvelope,
  vEventPage,
  vIdempotencyConflictRecord,
  vPositionPage,
  vReadByCorrelationIdArgs,
  vReadFromPositionArgs,
  vReadStreamArgs,
  vReadVirtualStreamArgs,
  vScope,
  vStreamPage,
  vStreamVersionArgs,
  vVirtualStreamPage,
} from "../shared/validators.js";
import { checkReadLimit } from "../shared/limits.js";
import { mutation, query } from "./_generated/server.js";
import * as append from "./append.js";
import * as catchUp from "./catchUp.js";
import * as reads from "./reads.js";
import * as scopes from "./scopes.js";
import { checkTenantId } from "./tenants.js";

/** Appends a batch to one stream with optimistic concurrency; outcomes are values. */
export const appendToStream = mutation({
  args: vAppendArgs.fields,
  returns: vAppendResult,
  handler: append.appendToStream,
});

/** Events of one stream from `fromVersion` (default 1), at most `limit`; only by its tenant. */
export const readStream = query({
  args: vReadStreamArgs.fields,
  returns: vStreamPage,
  handler: reads.readStream,
});

/** The stream's version, 0 when it does not exist; only by its tenant. */
export const getStreamVersion = query({
  args: vStreamVersionArgs.fields,
  returns: v.number(),
  handler: reads.getStreamVersion,
});

/**
 * Catch-up read of all streams after a position, below the high-water mark: a tenant's events
 * with `tenantId`, tenant-less ones without, every tenant's with `allTenants: true`.
 */
export const readFromPosition = query({
  args: vReadFromPositionArgs.fields,
  returns: vPositionPage,
  handler: catchUp.readFromPosition,
});

/** Events sharing a correlation id, in position order; same tenancy as readFromPosition. */
export const readByCorrelationId = query({
  args: vReadByCorrelationIdArgs.fields,
  returns: vEventPage,
  handler: reads.readByCorrelationId,
});

/** One event by id, or null; only by its tenant. */
export const getEventById = query({
  args: vEventByIdArgs.fields,
  returns: v.union(v.null(), vEventEnvelope),
  handler: reads.getEventById,
});

/** The event stored under an idempotency key of a tenant (no tenant: events without tenant). */
export const getEventByIdempotencyKey = query({
  args: vEventByIdempotencyKeyArgs.fields,
  returns: v.union(v.null(), vEventEnvelope),
  handler: reads.getEventByIdempotencyKey,
});

/**
 * Audit records of appends that reused an idempotency key of the caller's tenant (no tenant:
 * of appends without tenant) with other content, oldest first.
 */
export const readIdempotencyConflicts = query({
  args: { idempotencyKey: v.string(), tenantId: v.optional(v.string()), limit: v.number() },
  returns: v.array(vIdempotencyConflictRecord),
  handler: async (ctx, { idempotencyKey, tenantId, limit }) => {
    checkReadLimit(limit);
    checkTenantId(tenantId);
    const rows = await ctx.db
      .query("idempotencyConflicts")
      .withIndex("by_tenant_and_idempotency_key_and_time", (q) =>
        q.eq("tenantId", tenantId).eq("idempotencyKey", idempotencyKey),
      )
      .take(limit);
    return rows.map(({ _id, _creationTime, ...record }) => record);
  },
});

/** Commits one decision's events to the streams of a scope under the scope's OCC. */
export const commitScope = mutation({
  args: vCommitScopeArgs.fields,
  returns: vCommitScopeResult,
  handler: scopes.commitScope,
});

/** The events of a scope across its streams, in position order, with the scope's version. */
export const readVirtualStream = query({
  args: vReadVirtualStreamArgs.fields,
  returns: vVirtualStreamPage,
  handler: scopes.readVirtualStream,
});

/** The scope's record, or null before its first commit. */
export const getScope = query({
  args: { scopeKey: v.string(), tenantId: v.string() },
  returns: v.union(v.null(), vScope),
  handler: scopes.getScope,
});
