// The commandBus API. Every function validates its arguments and its result; refusals the caller
// must handle are returned as values (so the caller's other writes still commit), and arguments
// the validators cannot check throw an INVALID_ARGUMENT ConvexError.
import { v } from "convex/values";
import { classifyKnownCommand } from "../shared/classify.js";
import {
  checkIdentity,
  checkOutcome,
  checkRecordCommandArgs,
  pageSize,
  requireText,
} from "../shared/limits.js";
import { commandNotFound, transitionRefusal } from "../shared/transitions.js";
import {
  vCheckCommandResult,
  vCommandEvents,
  vCommandIdentity,
  vCommandPage,
  vCommandRecord,
  vRecordCommandArgs,
  vRecordCommandResult,
  vUpdateCommandResultArgs,
  vUpdateCommandResultResult,
} from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import { mutation, query } from "./_generated/server.js";
import { findCommand, toRecord } from "./records.js";

/**
 * Records a command once. A new commandId is inserted (one write): `pending`, or directly with
 * its final `outcome` when it already executed in the caller's transaction. A known commandId
 * writes nothing and answers with the stored status and result, or with a COMMAND_ID_REUSED
 * conflict when the id was used for a different command.
 */
export const recordCommand = mutation({
  args: vRecordCommandArgs,
  returns: vRecordCommandResult,
  handler: async (ctx, args) => {
    const ttlMs = checkRecordCommandArgs(args);
    const existing = await findCommand(ctx, args.commandId);
    if (existing !== null) return classifyKnownCommand(toRecord(existing), args);

    const now = Date.now();
    const { outcome, ttlMs: _ttl, status: _pending, ...command } = args;
    const record: Omit<Doc<"commands">, "_id" | "_creationTime"> = {
      ...command,
      status: outcome?.status ?? "pending",
      ...(outcome?.result === undefined ? {} : { result: outcome.result }),
      eventIds: outcome?.eventIds ?? [],
      createdAt: now,
      ...(outcome === undefined ? {} : { completedAt: now }),
      expiresAt: now + ttlMs,
    };
    await ctx.db.insert("commands", record);
    return {
      isNew: true as const,
      commandId: record.commandId,
      status: record.status,
      createdAt: now,
      expiresAt: record.expiresAt,
    };
  },
});

/**
 * The idempotency check without a write: what `recordCommand` would answer for this request,
 * except that a new commandId is reported (`isNew: true`) and not recorded.
 */
export const checkCommand = query({
  args: vCommandIdentity,
  returns: vCheckCommandResult,
  handler: async (ctx, args) => {
    checkIdentity(args);
    const existing = await findCommand(ctx, args.commandId);
    if (existing === null) return { isNew: true as const, commandId: args.commandId };
    return classifyKnownCommand(toRecord(existing), args);
  },
});

/**
 * Moves a pending command to its final status, with its result and event ids, in one write.
 * A final status never changes: that is refused with INVALID_STATUS_TRANSITION, an unknown id
 * with COMMAND_NOT_FOUND, both as values and without a write.
 */
export const updateCommandResult = mutation({
  args: vUpdateCommandResultArgs,
  returns: vUpdateCommandResultResult,
  handler: async (ctx, { commandId, ...outcome }) => {
    requireText("commandId", commandId);
    checkOutcome(outcome);
    const existing = await findCommand(ctx, commandId);
    if (existing === null) return commandNotFound(commandId);
    const refusal = transitionRefusal(commandId, existing.status, outcome.status);
    if (refusal !== null) return refusal;

    const completedAt = Date.now();
    await ctx.db.patch("commands", existing._id, {
      status: outcome.status,
      result: outcome.result,
      eventIds: outcome.eventIds ?? [],
      completedAt,
    });
    return { ok: true as const, commandId, status: outcome.status, completedAt };
  },
});

/** The command recorded under `commandId`, or null. */
export const getCommand = query({
  args: { commandId: v.string() },
  returns: v.union(vCommandRecord, v.null()),
  handler: async (ctx, { commandId }) => {
    const existing = await findCommand(ctx, commandId);
    return existing === null ? null : toRecord(existing);
  },
});

/** The forward correlation: the ids of the events a command produced, or null if unknown. */
export const getEventsForCommand = query({
  args: { commandId: v.string() },
  returns: v.union(vCommandEvents, v.null()),
  handler: async (ctx, { commandId }) => {
    const existing = await findCommand(ctx, commandId);
    if (existing === null) return null;
    const { commandType, boundedContext, status, eventIds } = existing;
    return { commandId, commandType, boundedContext, status, eventIds };
  },
});

/** The commands sharing a correlationId, oldest first, at most `limit` (default 50, max 100). */
export const getCommandsByCorrelationId = query({
  args: { correlationId: v.string(), limit: v.optional(v.number()) },
  returns: vCommandPage,
  handler: async (ctx, { correlationId, limit }) => {
    const size = pageSize(limit);
    const rows = await ctx.db
      .query("commands")
      .withIndex("by_correlation_id_and_created_at", (q) => q.eq("correlationId", correlationId))
      .take(size + 1);
    return { commands: rows.slice(0, size).map(toRecord), hasMore: rows.length > size };
  },
});
