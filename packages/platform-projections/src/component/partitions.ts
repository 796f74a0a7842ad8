// The catch-up job's side: what a partition still has to process, and the checkpoint advance
// that commits with the read-model writes of the same transaction.
import { v } from "convex/values";
import { invalidArgument } from "../shared/errors.js";
import { MAX_PAGE_SIZE, count, pageSize, position, requireText } from "../shared/limits.js";
import {
  vAdvanceArgs,
  vCheckpoint,
  vCheckpointPage,
  vListCheckpointsArgs,
  vLoadPartitionArgs,
  vLoadPartitionResult,
  vPartitionRef,
} from "../shared/validators.js";
import type { AdvanceArgs, Checkpoint } from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import type { QueryCtx } from "./_generated/server.js";
import { mutation, query } from "./_generated/server.js";
import { findPoison, toPoisonRecord } from "./poisonRecords.js";

async function checkpointOf(ctx: QueryCtx, projection: string, partitionKey: string) {
  return await ctx.db
    .query("checkpoints")
    .withIndex("by_projection_and_partition", (q) =>
      q.eq("projection", projection).eq("partitionKey", partitionKey),
    )
    .unique();
}

function toCheckpoint(row: Doc<"checkpoints">): Checkpoint {
  const { _id, _creationTime, ...checkpoint } = row;
  return checkpoint;
}

/**
 * The partition's checkpoint and the routed events after it, oldest first, each with its
 * poison record when the projection's handler threw on it before.
 */
export const loadPartition = query({
  args: vLoadPartitionArgs,
  returns: vLoadPartitionResult,
  handler: async (ctx, args) => {
    const projection = requireText("projection", args.projection);
    const partitionKey = requireText("partitionKey", args.partitionKey);
    const limit = pageSize("limit", args.limit);
    const checkpoint = await checkpointOf(ctx, projection, partitionKey);
    const after = checkpoint?.lastPosition ?? -1;
    const rows = await ctx.db
      .query("routedEvents")
      .withIndex("by_partition_and_position", (q) =>
        q.eq("projection", projection).eq("partitionKey", partitionKey).gt("globalPosition", after),
      )
      .take(limit + 1);
    const pending = [];
    for (const row of rows.slice(0, limit)) {
      const poison = await findPoison(ctx, projection, row.eventId);
      pending.push({
        eventId: row.eventId,
        globalPosition: row.globalPosition,
        ...(row.tenantId !== undefined && { tenantId: row.tenantId }),
        poison: poison === null ? null : toPoisonRecord(poison),
      });
    }
    return {
      checkpoint: checkpoint === null ? null : toCheckpoint(checkpoint),
      pending,
      hasMore: rows.length > limit,
    };
  },
});

/**
 * Moves the partition's checkpoint to `throughPosition`, removes the routed events up to it and
 * marks the `retrying` poison records of `recoveredEventIds` recovered.
 * Called in the catch-up job's transaction, so the checkpoint commits with the read model or not
 * at all. Refuses to move backwards, and refuses an advance that would pass routed events it did
 * not count: `throughPosition` is one of the partition's routed events, and `applied + skipped`
 * counts every routed event from the checkpoint to it. Answers whether routed events remain.
 */
export const advance = mutation({
  args: vAdvanceArgs,
  returns: v.object({ checkpoint: vCheckpoint, hasMore: v.boolean() }),
  handler: async (ctx, args) => {
    const projection = requireText("projection", args.projection);
    const partitionKey = requireText("partitionKey", args.partitionKey);
    const through = position("throughPosition", args.throughPosition);
    const applied = count("applied", args.applied);
    const skipped = count("skipped", args.skipped);
    const partition = `${projection}/${partitionKey}`;
    const existing = await checkpointOf(ctx, projection, partitionKey);
    if (existing !== null && existing.lastPosition >= through) {
      throw invalidArgument(
        `the checkpoint of ${partition} is at ${existing.lastPosition}: advancing to ${through} would move it backwards or repeat it`,
      );
    }
    const passed = await ctx.db
      .query("routedEvents")
      .withIndex("by_partition_and_position", (q) =>
        q
          .eq("projection", projection)
          .eq("partitionKey", partitionKey)
          .gt("globalPosition", existing?.lastPosition ?? -1)
          .lte("globalPosition", through),
      )
      .take(MAX_PAGE_SIZE + 1);
    checkPassed(partition, passed, { ...args, applied, skipped });
    for (const row of passed) await ctx.db.delete("routedEvents", row._id);
    for (const eventId of args.recoveredEventIds ?? []) {
      const poison = await findPoison(ctx, projection, eventId);
      if (poison?.status === "retrying")
        await ctx.db.patch("poisonEvents", poison._id, { status: "recovered" });
    }
    const next = await ctx.db
      .query("routedEvents")
      .withIndex("by_partition_and_position", (q) =>
        q
          .eq("projection", projection)
          .eq("partitionKey", partitionKey)
          .gt("globalPosition", through),
      )
      .first();

    const checkpoint: Checkpoint = {
      projection,
      partitionKey,
      lastPosition: through,
      lastEventId: args.lastEventId,
      eventsApplied: (existing?.eventsApplied ?? 0) + applied,
      eventsSkipped: (existing?.eventsSkipped ?? 0) + skipped,
      updatedAt: Date.now(),
    };
    if (existing === null) await ctx.db.insert("checkpoints", checkpoint);
    else await ctx.db.patch("checkpoints", existing._id, checkpoint);
    return { checkpoint, hasMore: next !== null };
  },
});

/**
 * The routed events an advance passes must be exactly the ones its job processed: a routed
 * event passed without being counted would never be applied, and nothing would say so.
 */
function checkPassed(
  partition: string,
  passed: Doc<"routedEvents">[],
  args: AdvanceArgs & { applied: number; skipped: number },
): void {
  if (passed.length > MAX_PAGE_SIZE) {
    throw invalidArgument(
      `one advance passes at most ${MAX_PAGE_SIZE} routed events (${partition} has more up to position ${args.throughPosition}): advance a loaded page at a time`,
    );
  }
  const last = passed.at(-1);
  if (last?.globalPosition !== args.throughPosition || last.eventId !== args.lastEventId) {
    throw invalidArgument(
      `${partition} can only advance to one of its routed events: ${args.lastEventId} at position ${args.throughPosition} is not one`,
    );
  }
  const counted = args.applied + args.skipped;
  if (counted !== passed.length) {
    throw invalidArgument(
      `advancing ${partition} through position ${args.throughPosition} passes ${passed.length} routed events, but ${counted} were counted (applied + skipped): count each one`,
    );
  }
  const passedIds = new Set(passed.map((row) => row.eventId));
  const stray = (args.recoveredEventIds ?? []).find((eventId) => !passedIds.has(eventId));
  if (stray !== undefined) {
    throw invalidArgument(`recoveredEventIds must be events this advance passes: ${stray} is not`);
  }
}

/** The partition's checkpoint, or null before its first event. */
export const getCheckpoint = query({
  args: vPartitionRef,
  returns: v.union(v.null(), vCheckpoint),
  handler: async (ctx, { projection, partitionKey }) => {
    const row = await checkpointOf(ctx, projection, partitionKey);
    return row === null ? null : toCheckpoint(row);
  },
});

/** The projection's checkpoints in partition key order, a page at a time. */
export const listCheckpoints = query({
  args: vListCheckpointsArgs,
  returns: vCheckpointPage,
  handler: async (ctx, args) => {
    const limit = pageSize("limit", args.limit);
    const rows = await ctx.db
      .query("checkpoints")
      .withIndex("by_projection_and_partition", (q) =>
        args.after === undefined
          ? q.eq("projection", args.projection)
          : q.eq("projection", args.projection).gt("partitionKey", args.after),
      )
      .take(limit + 1);
    return { checkpoints: rows.slice(0, limit).map(toCheckpoint), isDone: rows.length <= limit };
  },
});
