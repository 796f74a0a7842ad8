import type { GenericDataModel, GenericMutationCtx, GenericQueryCtx } from "convex/server";
import type { ComponentApi } from "../component/_generated/component.js";
import { COMMAND_ID_REUSED } from "../shared/errors.js";
import type {
  CheckCommandResult,
  CleanupResult,
  CommandEvents,
  CommandIdReused,
  CommandPage,
  CommandRecord,
  DuplicateCommand,
  NewCommand,
  RecordCommandArgs,
  RecordCommandResult,
  UpdateCommandResultArgs,
  UpdateCommandResultResult,
} from "../shared/types.js";

export {
  COMMAND_ID_REUSED,
  COMMAND_NOT_FOUND,
  INVALID_ARGUMENT,
  INVALID_STATUS_TRANSITION,
  isCommandBusError,
} from "../shared/errors.js";
export type { CommandBusErrorCode, CommandBusErrorData } from "../shared/errors.js";
export { commandLifecycle, isFinalStatus } from "../shared/lifecycle.js";
export {
  DEFAULT_CLEANUP_BATCH_SIZE,
  DEFAULT_PAGE_SIZE,
  DEFAULT_TTL_MS,
  MAX_CLEANUP_BATCH_SIZE,
  MAX_EVENT_IDS,
  MAX_PAGE_SIZE,
} from "../shared/limits.js";
export {
  vCommandOutcome,
  vCommandRecord,
  vCommandStatus,
  vFinalCommandStatus,
} from "../shared/validators.js";
export type * from "../shared/types.js";

/** The commandBus component as the app sees it: `components.commandBus`. */
export type CommandBusComponent = ComponentApi;

/** A context that can run component queries: any query, mutation or action ctx. */
export type RunQueryCtx = Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;
/** A context that can run component mutations: any mutation or action ctx. */
export type RunMutationCtx = Pick<GenericMutationCtx<GenericDataModel>, "runMutation">;

/** The request of `checkCommand`: what identifies a command besides its id. */
export type CheckCommandArgs = Pick<
  RecordCommandArgs,
  "commandId" | "commandType" | "boundedContext" | "payloadHash"
>;

export type CommandBusOptions = {
  /** TTL of records whose `recordCommand` call gives none. Default: the component's 7 days. */
  defaultTtlMs?: number;
};

/**
 * The typed client of the commandBus component. It runs inside the caller's query, mutation or
 * action, so what it writes commits (or rolls back) with the caller's own writes.
 *
 * @example
 * import { components } from "./_generated/api";
 * export const commandBus = new CommandBus(components.commandBus);
 */
export class CommandBus {
  constructor(
    public readonly component: CommandBusComponent,
    private readonly options: CommandBusOptions = {},
  ) {}

  /**
   * Records a command once; see the README for the result shapes. A new commandId costs one
   * write, a known one none.
   *
   * @example
   * // Asynchronous path: record as pending, execute later.
   * const recorded = await commandBus.recordCommand(ctx, {
   *   commandId, commandType: "SubmitOrder", boundedContext: "orders", correlationId,
   * });
   * if (!recorded.isNew) return recorded; // a duplicate's stored result, or a conflict
   *
   * // Synchronous path: the command already executed in this transaction, record it final.
   * await commandBus.recordCommand(ctx, {
   *   commandId, commandType: "SubmitOrder", boundedContext: "orders", correlationId,
   *   outcome: { status: "executed", result: { version: 3 }, eventIds },
   * });
   */
  async recordCommand(ctx: RunMutationCtx, args: RecordCommandArgs): Promise<RecordCommandResult> {
    const ttlMs = args.ttlMs ?? this.options.defaultTtlMs;
    return await ctx.runMutation(
      this.component.lib.recordCommand,
      ttlMs === undefined ? args : { ...args, ttlMs },
    );
  }

  /**
   * The idempotency check without a write: `{ isNew: true }` for an unknown commandId, else what
   * `recordCommand` would answer (the stored result, or a COMMAND_ID_REUSED conflict). Takes the
   * command's identity, or the whole `recordCommand` request.
   *
   * @example
   * const check = await commandBus.checkCommand(ctx, {
   *   commandId, commandType: "SubmitOrder", boundedContext: "orders",
   * });
   * if (!check.isNew) return check;
   */
  async checkCommand(ctx: RunQueryCtx, args: CheckCommandArgs): Promise<CheckCommandResult> {
    // Only the identity is compared, so a whole recordCommand request may be passed.
    const { commandId, commandType, boundedContext, payloadHash } = args;
    return await ctx.runQuery(this.component.lib.checkCommand, {
      commandId,
      commandType,
      boundedContext,
      ...(payloadHash === undefined ? {} : { payloadHash }),
    });
  }

  /**
   * Gives a pending command its final status, result and event ids, in one write. Refusals are
   * values (`ok: false` with INVALID_STATUS_TRANSITION or COMMAND_NOT_FOUND), so the caller's
   * transaction, and a `failed` status it records, still commits.
   *
   * @example
   * const updated = await commandBus.updateCommandResult(ctx, {
   *   commandId, status: "failed", result: { code: "HANDLER_FAILED", message: String(error) },
   * });
   * if (!updated.ok) console.warn(updated.message);
   */
  async updateCommandResult(
    ctx: RunMutationCtx,
    args: UpdateCommandResultArgs,
  ): Promise<UpdateCommandResultResult> {
    return await ctx.runMutation(this.component.lib.updateCommandResult, args);
  }

  /**
   * The command recorded under `commandId`, or null.
   *
   * @example
   * const command = await commandBus.getCommand(ctx, "cmd-1");
   * if (command?.status === "failed") console.warn(command.result);
   */
  async getCommand(ctx: RunQueryCtx, commandId: string): Promise<CommandRecord | null> {
    return await ctx.runQuery(this.component.lib.getCommand, { commandId });
  }

  /**
   * The ids of the events a command produced (the forward correlation), or null if unknown.
   *
   * @example
   * const produced = await commandBus.getEventsForCommand(ctx, "cmd-1");
   * const eventIds = produced?.eventIds ?? [];
   */
  async getEventsForCommand(ctx: RunQueryCtx, commandId: string): Promise<CommandEvents | null> {
    return await ctx.runQuery(this.component.lib.getEventsForCommand, { commandId });
  }

  /**
   * The commands of one correlation, oldest first, at most `limit` (default 50, max 100);
   * `hasMore` says the limit cut the list short.
   *
   * @example
   * const { commands, hasMore } = await commandBus.getCommandsByCorrelationId(ctx, {
   *   correlationId: "corr-1", limit: 20,
   * });
   */
  async getCommandsByCorrelationId(
    ctx: RunQueryCtx,
    args: { correlationId: string; limit?: number },
  ): Promise<CommandPage> {
    return await ctx.runQuery(this.component.lib.getCommandsByCorrelationId, args);
  }

  /**
   * Pending commands past their TTL (their execution never reported an outcome), oldest expiry
   * first, at most `limit` (default 50, max 100). Cleanup never deletes them.
   *
   * @example
   * const { commands } = await commandBus.listExpiredPending(ctx, { limit: 10 });
   */
  async listExpiredPending(ctx: RunQueryCtx, args: { limit?: number } = {}): Promise<CommandPage> {
    return await ctx.runQuery(this.component.retention.listExpiredPending, args);
  }

  /**
   * Deletes at most `batchSize` (default 100, max 1000) expired commands with a final status.
   * Run it from a cron; while `hasMore` is true, schedule the next batch.
   *
   * @example
   * const { hasMore } = await commandBus.cleanupExpired(ctx, { batchSize: 500 });
   * if (hasMore) await ctx.scheduler.runAfter(0, internal.commands.cleanup, {});
   */
  async cleanupExpired(
    ctx: RunMutationCtx,
    args: { batchSize?: number } = {},
  ): Promise<CleanupResult> {
    return await ctx.runMutation(this.component.retention.cleanupExpired, args);
  }
}

/** True when `recordCommand` inserted the command. */
export function isNewCommand(
  result: RecordCommandResult | CheckCommandResult,
): result is NewCommand | { isNew: true; commandId: string } {
  return result.isNew;
}

/** True when the commandId was known for this same command: its stored status and result. */
export function isDuplicateCommand(
  result: RecordCommandResult | CheckCommandResult,
): result is DuplicateCommand {
  return !result.isNew && !("conflict" in result);
}

/**
 * True when the commandId was already used for a different command.
 *
 * @example
 * const recorded = await commandBus.recordCommand(ctx, command);
 * if (isCommandIdReused(recorded)) throw new ConvexError({ code: recorded.conflict, message: recorded.message });
 */
export function isCommandIdReused(
  result: RecordCommandResult | CheckCommandResult,
): result is CommandIdReused {
  return !result.isNew && "conflict" in result && result.conflict === COMMAND_ID_REUSED;
}
