// Catch-up jobs that Workpool gave up on, recorded by the job's onComplete (which commits even
// though the job rolled back). Handler errors never land here: they are poison events.
import { v } from "convex/values";
import { pageSize, requireText } from "../shared/limits.js";
import { vFailedJob, vPartitionRef, vRecordJobFailureArgs } from "../shared/validators.js";
import type { FailedJob } from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import { mutation, query } from "./_generated/server.js";

function toFailedJob(row: Doc<"failedJobs">): FailedJob {
  const { _id, _creationTime, ...job } = row;
  return job;
}

/** Records (or counts again) a failed catch-up job of a partition; it is `open` until resolved. */
export const recordJobFailure = mutation({
  args: vRecordJobFailureArgs,
  returns: vFailedJob,
  handler: async (ctx, args) => {
    const projection = requireText("projection", args.projection);
    const partitionKey = requireText("partitionKey", args.partitionKey);
    const now = Date.now();
    const existing = await ctx.db
      .query("failedJobs")
      .withIndex("by_partition", (q) =>
        q.eq("projection", projection).eq("partitionKey", partitionKey),
      )
      .unique();
    const job: FailedJob = {
      projection,
      partitionKey,
      error: args.error,
      failures: (existing?.failures ?? 0) + 1,
      status: "open",
      lastFailedAt: now,
    };
    if (existing === null) await ctx.db.insert("failedJobs", job);
    else await ctx.db.patch("failedJobs", existing._id, job);
    return job;
  },
});

/** Failed catch-up jobs with a status (default `open`), most recent first. */
export const listFailedJobs = query({
  args: {
    status: v.optional(v.union(v.literal("open"), v.literal("retried"), v.literal("ignored"))),
    limit: v.number(),
  },
  returns: v.array(vFailedJob),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("failedJobs")
      .withIndex("by_status_and_failed_at", (q) => q.eq("status", args.status ?? "open"))
      .order("desc")
      .take(pageSize("limit", args.limit));
    return rows.map(toFailedJob);
  },
});

/** Marks a failed job `retried` (a new catch-up job was enqueued) or `ignored`. */
export const resolveFailedJob = mutation({
  args: {
    ...vPartitionRef.fields,
    resolution: v.union(v.literal("retried"), v.literal("ignored")),
  },
  returns: v.union(v.null(), vFailedJob),
  handler: async (ctx, { projection, partitionKey, resolution }) => {
    const row = await ctx.db
      .query("failedJobs")
      .withIndex("by_partition", (q) =>
        q.eq("projection", projection).eq("partitionKey", partitionKey),
      )
      .unique();
    if (row === null || row.status !== "open") return null;
    await ctx.db.patch("failedJobs", row._id, { status: resolution });
    return { ...toFailedJob(row), status: resolution };
  },
});
