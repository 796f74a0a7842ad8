import { v } from "convex/values";
import type { Infer } from "convex/values";

/** What one dispatch did for one projection. */
export const vDispatchReport = v.object({
  projection: v.string(),
  /** Events read from the log and routed to partitions. */
  routed: v.number(),
  /** Events whose partition key could not be computed: quarantined as dead letters. */
  unroutable: v.number(),
  /** Partitions that got a catch-up job. */
  partitions: v.number(),
  /** The projection's cursor after the dispatch. */
  position: v.number(),
  /** True when the log had more settled events: another dispatch was scheduled. */
  continued: v.boolean(),
});

/** What one catch-up job did for one partition. */
export const vCatchUpReport = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  applied: v.number(),
  /** Quarantined events passed over. */
  skipped: v.number(),
  /** The checkpoint after the job; null when the partition has processed nothing yet. */
  checkpoint: v.union(v.null(), v.number()),
  /** Set when a handler threw and the partition waits to retry that event. */
  retryingEventId: v.optional(v.string()),
});

/** The arguments of a catch-up job, and the context of its onComplete. */
export const vPartitionJob = v.object({ projection: v.string(), partitionKey: v.string() });

/**
 * What Workpool passes a catch-up job's onComplete. Written here, not imported from
 * @convex-dev/workpool, so that importing platform-core needs no optional peer at run time.
 */
export const vCatchUpCompletion = v.object({
  workId: v.string(),
  context: vPartitionJob,
  result: v.union(
    v.object({ kind: v.literal("success"), returnValue: v.any() }),
    v.object({ kind: v.literal("failed"), error: v.string() }),
    v.object({ kind: v.literal("canceled") }),
  ),
});

export type DispatchReport = Infer<typeof vDispatchReport>;
export type CatchUpReport = Infer<typeof vCatchUpReport>;
export type PartitionJob = Infer<typeof vPartitionJob>;
