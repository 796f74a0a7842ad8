import type { Workpool } from "@convex-dev/workpool";
import type { EventStore } from "@convex-es/platform-store";
import type {
  FunctionReference,
  FunctionVisibility,
  GenericActionCtx,
  GenericDataModel,
  GenericMutationCtx,
} from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { vWorkpoolOnCompleteArgs } from "./completionArgs.js";
import type { WorkResult } from "./completionArgs.js";
import { findDeadLetter, recordDeadLetter, resolveDeadLetter } from "./deadLetters.js";
import {
  idempotentAppend,
  isStoredOnce,
  vIdempotentAppendInput,
  vIdempotentAppendResult,
} from "./idempotentAppend.js";
import type {
  AppendCtx,
  IdempotentAppendInput,
  IdempotentAppendResult,
} from "./idempotentAppend.js";
import { checkRetryBehavior, requireOption } from "./retryBehavior.js";
import type { RetryBehavior } from "./retryBehavior.js";
import { writerOf } from "./tables.js";

/** What Workpool hands back to `onComplete`: the append to record if it failed for good. */
export const vDurableAppendContext = v.object({ input: vIdempotentAppendInput });
export type DurableAppendContext = Infer<typeof vDurableAppendContext>;

/** The app's functions registered from `definitions` (they live in its generated `internal`). */
export interface DurableAppendFunctions {
  readonly append: FunctionReference<
    "mutation",
    FunctionVisibility,
    IdempotentAppendInput,
    IdempotentAppendResult
  >;
  readonly job: FunctionReference<
    "action",
    FunctionVisibility,
    IdempotentAppendInput,
    IdempotentAppendResult
  >;
  readonly onComplete: FunctionReference<
    "mutation",
    FunctionVisibility,
    { workId: string; context: DurableAppendContext; result: WorkResult },
    null
  >;
}

export interface DurableAppendOptions {
  readonly eventStore: EventStore;
  /** A Workpool of the app (`new Workpool(components.durableAppendPool, { maxParallelism })`). */
  readonly workpool: Workpool;
  /** Called lazily, so it may name the app's own functions: `() => ({ append: internal.x.append, ... })`. */
  readonly functions: () => DurableAppendFunctions;
  /** Attempts and backoff of one append job; default `DEFAULT_DURABLE_RETRY`. */
  readonly retry?: RetryBehavior;
}

type RunCtx = Pick<GenericMutationCtx<GenericDataModel>, "runQuery" | "runMutation">;
type JobCtx = Pick<GenericActionCtx<GenericDataModel>, "runMutation">;

type Refusal = Exclude<IdempotentAppendResult, { status: "appended" | "duplicate" }>;

function refusal(result: Refusal): { reason: Refusal["status"]; error: string } {
  return result.status === "idempotency_conflict"
    ? {
        reason: "idempotency_conflict",
        error: `the key ${result.idempotencyKey} already holds event ${result.existingEventId} with other content; expected a retry of the same event`,
      }
    : {
        reason: "conflict",
        error: `the stream is at version ${result.currentVersion}, not ${JSON.stringify(result.expectedVersion)}`,
      };
}

/**
 * Appends events from places where no command transaction holds them (scheduled jobs, saga
 * steps, action callbacks): the idempotent append runs in a Workpool action, retried with
 * exponential backoff and jitter until it succeeds. Because the append is idempotent, a retry
 * after a lost acknowledgement finds the stored event instead of adding a second one. An append
 * that still fails after the last attempt, or that the store refuses (a key reused with other
 * content), becomes a dead letter, written by the Workpool `onComplete` mutation so it survives
 * the failure; operators list and retry dead letters.
 *
 * @example
 * export const durableAppend = new DurableAppend({
 *   eventStore,
 *   workpool: new Workpool(components.durableAppendPool, { maxParallelism: 5 }),
 *   functions: () => internal.durability,
 * });
 * export const append = internalMutation(durableAppend.definitions.append);
 * export const job = internalAction(durableAppend.definitions.job);
 * export const onComplete = internalMutation(durableAppend.definitions.onComplete);
 * // in a scheduled job:
 * await durableAppend.enqueue(ctx, {
 *   stream, event: { ..., idempotencyKey: idempotencyKeys.scheduledJob("expireReservations", jobId, runAt) },
 * });
 */
export class DurableAppend {
  readonly retry: RetryBehavior;

  constructor(private readonly options: DurableAppendOptions) {
    requireOption("DurableAppend", "eventStore", options?.eventStore, "an EventStore");
    requireOption("DurableAppend", "workpool", options.workpool, "a Workpool");
    requireOption("DurableAppend", "functions", options.functions, "a function");
    this.retry = checkRetryBehavior("DurableAppend", options.retry);
  }

  /**
   * Enqueues the append; returns the Workpool job id. Runs in a mutation (atomically with what
   * decided the event) or in an action.
   */
  async enqueue(ctx: RunCtx, input: IdempotentAppendInput): Promise<{ workId: string }> {
    const functions = this.options.functions();
    const workId = await this.options.workpool.enqueueAction(ctx, functions.job, input, {
      retry: this.retry,
      onComplete: functions.onComplete,
      context: { input },
    });
    return { workId };
  }

  /**
   * Appends at once in a sub-transaction (the registered `append` mutation); if that throws,
   * its writes roll back and the append is enqueued instead, so the caller's transaction still
   * commits and the event is not lost. For an `onComplete` mutation, where a throw would drop
   * the outcome it records.
   *
   * @example
   * const result = await durableAppend.appendOrEnqueue(ctx, input);
   * if (result.status === "enqueued") ... // the Workpool job will append it
   */
  async appendOrEnqueue(
    ctx: RunCtx,
    input: IdempotentAppendInput,
  ): Promise<IdempotentAppendResult | { status: "enqueued"; workId: string }> {
    try {
      return await ctx.runMutation(this.options.functions().append, input);
    } catch (_error) {
      // The failure is the Workpool's to retry; its onComplete records it if it persists.
      return { status: "enqueued", ...(await this.enqueue(ctx, input)) };
    }
  }

  /** The three functions to register in the app, as `{ args, returns, handler }`. */
  get definitions() {
    const { eventStore } = this.options;
    const functions = this.options.functions;
    return {
      /** The idempotent append itself (internalMutation). */
      append: {
        args: vIdempotentAppendInput.fields,
        returns: vIdempotentAppendResult,
        handler: async (ctx: AppendCtx, args: IdempotentAppendInput) =>
          await idempotentAppend(eventStore, ctx, args),
      },
      /** The Workpool job (internalAction): Workpool retries actions, not mutations. */
      job: {
        args: vIdempotentAppendInput.fields,
        returns: vIdempotentAppendResult,
        handler: async (
          ctx: JobCtx,
          args: IdempotentAppendInput,
        ): Promise<IdempotentAppendResult> => await ctx.runMutation(functions().append, args),
      },
      /** Records the end of an append job (internalMutation): a dead letter, or its resolution. */
      onComplete: {
        args: vWorkpoolOnCompleteArgs(vDurableAppendContext),
        returns: v.null(),
        handler: async (
          ctx: GenericMutationCtx<GenericDataModel>,
          args: { workId: string; context: DurableAppendContext; result: WorkResult },
        ): Promise<null> => {
          const db = writerOf(ctx);
          const { input } = args.context;
          const { result } = args;
          if (result.kind === "success") {
            const appended = result.returnValue as IdempotentAppendResult;
            if (isStoredOnce(appended)) {
              await resolveDeadLetter(db, input, appended.eventId);
              return null;
            }
            await recordDeadLetter(db, input, refusal(appended));
            return null;
          }
          await recordDeadLetter(
            db,
            input,
            result.kind === "failed"
              ? { reason: "failed", error: result.error }
              : { reason: "canceled", error: "the append job was canceled" },
          );
          return null;
        },
      },
    };
  }

  /**
   * Sends an open dead letter through the Workpool again (status `retrying`); its onComplete
   * resolves it, or opens it again with one more failure. Call it from an admin mutation behind
   * an authorization check. DEAD_LETTER_NOT_FOUND / DEAD_LETTER_NOT_RETRYABLE otherwise.
   *
   * @example
   * await durableAppend.retryDeadLetter(ctx, deadLetterId);
   */
  async retryDeadLetter<DataModel extends GenericDataModel>(
    ctx: GenericMutationCtx<DataModel>,
    deadLetterId: string,
  ): Promise<{ workId: string }> {
    const db = writerOf(ctx);
    const letter = await findDeadLetter(db, deadLetterId, "open");
    await db.patch("durableAppendDeadLetters", letter._id, {
      status: "retrying",
      retriedAt: Date.now(),
    });
    return await this.enqueue(ctx, letter.input);
  }
}
