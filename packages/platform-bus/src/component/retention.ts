// Bounded retention. A command is kept at least until its `expiresAt`; afterwards an app cron
// deletes it in batches. Pending commands are never deleted: a command still pending after its
// TTL is stuck, and deleting it would let the same commandId run again.
import { v } from "convex/values";
import { cleanupBatchSize, pageSize } from "../shared/limits.js";
import { vCleanupResult, vCommandPage } from "../shared/validators.js";
import type { FinalCommandStatus } from "../shared/types.js";
import type { Doc } from "./_generated/dataModel.js";
import { mutation, query } from "./_generated/server.js";
import { toRecord } from "./records.js";

const FINAL_STATUSES: readonly FinalCommandStatus[] = ["executed", "rejected", "failed"];

/**
 * Deletes at most `batchSize` (default 100, max 1000) commands with a final status whose
 * `expiresAt` has passed. `hasMore` says whether more are waiting: run it again (from a cron,
 * or rescheduling itself) until it is false.
 */
export const cleanupExpired = mutation({
  args: { batchSize: v.optional(v.number()) },
  returns: vCleanupResult,
  handler: async (ctx, args) => {
    const batchSize = cleanupBatchSize(args.batchSize);
    const now = Date.now();
    const expired: Doc<"commands">[] = [];
    // One more than the batch, to know whether another batch is needed.
    for (const status of FINAL_STATUSES) {
      const room = batchSize + 1 - expired.length;
      if (room <= 0) break;
      const rows = await ctx.db
        .query("commands")
        .withIndex("by_status_and_expires_at", (q) => q.eq("status", status).lte("expiresAt", now))
        .take(room);
      expired.push(...rows);
    }
    const batch = expired.slice(0, batchSize);
    for (const row of batch) await ctx.db.delete("commands", row._id);
    return { deleted: batch.length, hasMore: expired.length > batchSize };
  },
});

/**
 * Pending commands whose TTL has passed, oldest expiry first, at most `limit` (default 50,
 * max 100): commands whose execution never reported an outcome. Cleanup keeps them.
 */
export const listExpiredPending = query({
  args: { limit: v.optional(v.number()) },
  returns: vCommandPage,
  handler: async (ctx, { limit }) => {
    const size = pageSize(limit);
    const rows = await ctx.db
      .query("commands")
      .withIndex("by_status_and_expires_at", (q) =>
        q.eq("status", "pending").lte("expiresAt", Date.now()),
      )
      .take(size + 1);
    return { commands: rows.slice(0, size).map(toRecord), hasMore: rows.length > size };
  },
});
