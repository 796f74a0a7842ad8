// Poison events: a projection handler that throws on an event gets its attempts counted here,
// by a mutation of the catch-up job that commits (the handler's own writes were rolled back in
// its sub-transaction). After maxAttempts the event is quarantined: its partition skips it, and
// it waits in the dead letters until an operator replays or ignores it.
import { v } from "convex/values";
import { maxAttemptsOf, pageSize, requireText } from "../shared/limits.js";
import {
  vDeadLetterRef,
  vListDeadLettersArgs,
  vPoisonRecord,
  vRecordFailureArgs,
  vRecordFailureResult,
  vResolveDeadLetterArgs,
  vResolveDeadLetterResult,
} from "../shared/validators.js";
import { mutation, query } from "./_generated/server.js";
import { findPoison, toPoisonRecord } from "./poisonRecords.js";

/**
 * Counts one failure of the projection's handler on the event. Answers `retrying` while the
 * attempts are below maxAttempts (default 3), `quarantined` from then on. A quarantined event
 * an operator retried stays quarantined when it fails again.
 */
export const recordFailure = mutation({
  args: vRecordFailureArgs,
  returns: vRecordFailureResult,
  handler: async (ctx, args) => {
    const projection = requireText("projection", args.projection);
    const maxAttempts = maxAttemptsOf(args.maxAttempts);
    const now = Date.now();
    const existing = await findPoison(ctx, projection, args.eventId);
    if (existing === null) {
      const status = maxAttempts <= 1 ? ("quarantined" as const) : ("retrying" as const);
      await ctx.db.insert("poisonEvents", {
        projection,
        partitionKey: requireText("partitionKey", args.partitionKey),
        eventId: args.eventId,
        globalPosition: args.globalPosition,
        ...(args.tenantId !== undefined && { tenantId: args.tenantId }),
        attempts: 1,
        lastError: args.error,
        status,
        firstFailedAt: now,
        lastFailedAt: now,
      });
      return { attempts: 1, status };
    }
    const attempts = existing.attempts + 1;
    const status =
      existing.status === "retrying" && attempts < maxAttempts
        ? ("retrying" as const)
        : ("quarantined" as const);
    await ctx.db.patch("poisonEvents", existing._id, {
      attempts,
      lastError: args.error,
      status,
      lastFailedAt: now,
    });
    return { attempts, status };
  },
});

/** The poison record of an event for a projection, or null when its handler never threw. */
export const getPoisonEvent = query({
  args: vDeadLetterRef,
  returns: v.union(v.null(), vPoisonRecord),
  handler: async (ctx, { projection, eventId }) => {
    const row = await findPoison(ctx, projection, eventId);
    return row === null ? null : toPoisonRecord(row);
  },
});

/**
 * Poison records with a status (default `quarantined`: the dead letters), most recent failure
 * first, for one projection or all of them.
 */
export const listDeadLetters = query({
  args: vListDeadLettersArgs,
  returns: v.array(vPoisonRecord),
  handler: async (ctx, args) => {
    const limit = pageSize("limit", args.limit);
    const status = args.status ?? "quarantined";
    const { projection } = args;
    const rows =
      projection === undefined
        ? await ctx.db
            .query("poisonEvents")
            .withIndex("by_status_and_failed_at", (q) => q.eq("status", status))
            .order("desc")
            .take(limit)
        : await ctx.db
            .query("poisonEvents")
            .withIndex("by_projection_status_and_failed_at", (q) =>
              q.eq("projection", projection).eq("status", status),
            )
            .order("desc")
            .take(limit);
    return rows.map(toPoisonRecord);
  },
});

/**
 * Closes a dead letter: `replayed` once an operator's retry applied it, `ignored` when it needs
 * no processing. Only quarantined events can be closed.
 */
export const resolveDeadLetter = mutation({
  args: vResolveDeadLetterArgs,
  returns: vResolveDeadLetterResult,
  handler: async (ctx, { projection, eventId, resolution }) => {
    const row = await findPoison(ctx, projection, eventId);
    if (row === null) return { status: "not_found" as const };
    if (row.status !== "quarantined") {
      return { status: "not_quarantined" as const, record: toPoisonRecord(row) };
    }
    await ctx.db.patch("poisonEvents", row._id, { status: resolution });
    return { status: "resolved" as const, record: { ...toPoisonRecord(row), status: resolution } };
  },
});
