// The public API of the eventStore component. Nothing here changes or deletes an event.
import { v } from "convex/values";
import {
  vAppendArgs,
  vAppendResult,
  vCommitScopeArgs,
  vCommitScopeResult,
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
  vVirtualStreamPage,
} from "../shared/validators.js";
import { checkReadLimit } from "../shared/limits.js";
import { mutation, query } from "./_generated/server.js";
import * as append from "./append.js";
import * as reads from "./reads.js";
import * as scopes from "./scopes.js";

/** Appends a batch to one stream with optimistic concurrency; outcomes are values. */
export const appendToStream = mutation({
  args: vAppendArgs.fields,
  returns: vAppendResult,
  handler: append.appendToStream,
});

/** Events of one stream from `fromVersion` (default 1), at most `limit`. */
export const readStream = query({
  args: vReadStreamArgs.fields,
  returns: vStreamPage,
  handler: reads.readStream,
});

/** The stream's version, 0 when it does not exist. */
export const getStreamVersion = query({
  args: { streamType: v.string(), streamId: v.string() },
  returns: v.number(),
  handler: reads.getStreamVersion,
});

/** Catch-up read of all streams after a position, below the high-water mark. */
export const readFromPosition = query({
  args: vReadFromPositionArgs.fields,
  returns: vPositionPage,
  handler: reads.readFromPosition,
});

/** Events sharing a correlation id, in position order. */
export const readByCorrelationId = query({
  args: vReadByCorrelationIdArgs.fields,
  returns: vEventPage,
  handler: reads.readByCorrelationId,
});

/** One event by id, or null. */
export const getEventById = query({
  args: { eventId: v.string() },
  returns: v.union(v.null(), vEventEnvelope),
  handler: (ctx, { eventId }) => reads.getEventById(ctx, eventId),
});

/** The event stored under an idempotency key of a tenant (no tenant: events without tenant). */
export const getEventByIdempotencyKey = query({
  args: { idempotencyKey: v.string(), tenantId: v.optional(v.string()) },
  returns: v.union(v.null(), vEventEnvelope),
  handler: reads.getEventByIdempotencyKey,
});

/** Audit records of appends that reused an idempotency key with other content, oldest first. */
export const readIdempotencyConflicts = query({
  args: { idempotencyKey: v.string(), tenantId: v.optional(v.string()), limit: v.number() },
  returns: v.array(vIdempotencyConflictRecord),
  handler: async (ctx, { idempotencyKey, tenantId, limit }) => {
    checkReadLimit(limit);
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
