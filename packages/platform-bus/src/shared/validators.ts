// The commandBus component's validators: the source of truth for its arguments, its stored
// records and its results. Types are derived with `Infer` in ./types.ts.
import { v } from "convex/values";

/** Where a command is in its lifecycle: `pending` until it ends in one of the final statuses. */
export const vCommandStatus = v.union(
  v.literal("pending"),
  v.literal("executed"),
  v.literal("rejected"),
  v.literal("failed"),
);

/** The statuses a command ends in; none of them changes again. */
export const vFinalCommandStatus = v.union(
  v.literal("executed"),
  v.literal("rejected"),
  v.literal("failed"),
);

/**
 * How a command ended: its final status, the result its caller gets back on a duplicate (any
 * Convex value; by convention `{ code, message, context? }` for `rejected` and `failed`), and the
 * ids of the events it produced (none for `rejected`).
 */
export const vCommandOutcome = v.object({
  status: vFinalCommandStatus,
  result: v.optional(v.any()),
  eventIds: v.optional(v.array(v.string())),
});

/**
 * One command as stored and as returned: the stored document minus Convex's system fields, so
 * no internal `Id` crosses the component boundary. `eventIds` is the forward correlation
 * (command -> events); `completedAt` is set when the status becomes final.
 */
export const vCommandRecord = v.object({
  commandId: v.string(),
  commandType: v.string(),
  boundedContext: v.string(),
  correlationId: v.string(),
  causationId: v.optional(v.string()),
  targetStreamId: v.optional(v.string()),
  payloadHash: v.optional(v.string()),
  status: vCommandStatus,
  result: v.optional(v.any()),
  eventIds: v.array(v.string()),
  createdAt: v.number(),
  completedAt: v.optional(v.number()),
  expiresAt: v.number(),
});

/** What identifies a command besides its id; a reused id must agree on all of them. */
export const vCommandIdentity = {
  commandId: v.string(),
  commandType: v.string(),
  boundedContext: v.string(),
  payloadHash: v.optional(v.string()),
};

/** Arguments of `recordCommand`. */
export const vRecordCommandArgs = v.object({
  ...vCommandIdentity,
  correlationId: v.string(),
  causationId: v.optional(v.string()),
  targetStreamId: v.optional(v.string()),
  ttlMs: v.optional(v.number()),
  status: v.optional(v.literal("pending")),
  outcome: v.optional(vCommandOutcome),
});

/** Arguments of `updateCommandResult`: the command and its outcome. */
export const vUpdateCommandResultArgs = v.object({
  commandId: v.string(),
  status: vFinalCommandStatus,
  result: v.optional(v.any()),
  eventIds: v.optional(v.array(v.string())),
});

/** A known commandId sent again for the same command: its stored status and result. */
export const vDuplicateCommand = v.object({
  isNew: v.literal(false),
  commandId: v.string(),
  status: vCommandStatus,
  result: v.optional(v.any()),
  eventIds: v.array(v.string()),
  createdAt: v.number(),
  completedAt: v.optional(v.number()),
});

/** Which part of a command differs from the one first recorded under its id. */
export const vCommandIdMismatch = v.union(
  v.literal("commandType"),
  v.literal("boundedContext"),
  v.literal("payloadHash"),
);

/**
 * A known commandId sent for a different command. Carries what was recorded under the id, never
 * that command's result.
 */
export const vCommandIdReused = v.object({
  isNew: v.literal(false),
  commandId: v.string(),
  conflict: v.literal("COMMAND_ID_REUSED"),
  message: v.string(),
  mismatch: v.array(vCommandIdMismatch),
  existing: v.object({
    commandType: v.string(),
    boundedContext: v.string(),
    payloadHash: v.optional(v.string()),
  }),
});

/** A command that was not known and is now recorded. */
export const vNewCommand = v.object({
  isNew: v.literal(true),
  commandId: v.string(),
  status: vCommandStatus,
  createdAt: v.number(),
  expiresAt: v.number(),
});

/** What `recordCommand` answers. */
export const vRecordCommandResult = v.union(vNewCommand, vDuplicateCommand, vCommandIdReused);

/** What `checkCommand` answers: like `recordCommand`, but a new command is not recorded. */
export const vCheckCommandResult = v.union(
  v.object({ isNew: v.literal(true), commandId: v.string() }),
  vDuplicateCommand,
  vCommandIdReused,
);

/** What `updateCommandResult` answers. Refusals are values, so the caller's writes still commit. */
export const vUpdateCommandResultResult = v.union(
  v.object({
    ok: v.literal(true),
    commandId: v.string(),
    status: vFinalCommandStatus,
    completedAt: v.number(),
  }),
  v.object({
    ok: v.literal(false),
    code: v.literal("INVALID_STATUS_TRANSITION"),
    message: v.string(),
    commandId: v.string(),
    currentStatus: vCommandStatus,
    requestedStatus: vFinalCommandStatus,
  }),
  v.object({
    ok: v.literal(false),
    code: v.literal("COMMAND_NOT_FOUND"),
    message: v.string(),
    commandId: v.string(),
  }),
);

/** The forward correlation of one command: the events it produced. */
export const vCommandEvents = v.object({
  commandId: v.string(),
  commandType: v.string(),
  boundedContext: v.string(),
  status: vCommandStatus,
  eventIds: v.array(v.string()),
});

/** A bounded page of commands; `hasMore` says whether the limit cut the list short. */
export const vCommandPage = v.object({
  commands: v.array(vCommandRecord),
  hasMore: v.boolean(),
});

/** What one `cleanupExpired` batch did. */
export const vCleanupResult = v.object({
  deleted: v.number(),
  hasMore: v.boolean(),
});
