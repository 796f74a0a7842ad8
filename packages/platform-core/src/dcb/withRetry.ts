import type { Workpool } from "@convex-dev/workpool";
import type {
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
  FunctionVisibility,
  GenericActionCtx,
  GenericDataModel,
  GenericMutationCtx,
  RegisteredMutation,
} from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { fail } from "../errors/coreError.js";
import { vWorkpoolOnCompleteArgs } from "../durability/completionArgs.js";
import type { WorkResult } from "../durability/completionArgs.js";
import { durabilityError } from "../durability/errors.js";
import { checkRetryBehavior, requireOption } from "../durability/retryBehavior.js";
import type { RetryBehavior } from "../durability/retryBehavior.js";
import { writerOf } from "../durability/tables.js";
import { describeValue, isObject } from "../internal/describe.js";
import { nextWaitingIn, retryRow, runningIn } from "./retryRecords.js";

/**
 * Spread into a scope operation's `args`: the scope version its caller decided on. The first
 * attempt passes it; retries leave it out, so the operation reads the scope again and decides
 * on the version it finds (decision 0005: a retried decision reads the scope again).
 */
export const vDcbOperationArgs = { expectedVersion: v.optional(v.number()) };

/** A scope operation: reads the virtual stream, decides, commits; `status: "conflict"` retries. */
export type DcbOperation = FunctionReference<
  "mutation",
  FunctionVisibility,
  Record<string, unknown>,
  { status: string }
>;

/**
 * The reference type of a registered scope operation. Type `operations` with it when they are
 * declared next to the DcbRetry: going through `internal` there makes the retry's type depend
 * on itself.
 *
 * @example
 * const operations: { reserveStock: DcbOperationOf<typeof reserveStock> } = {
 *   reserveStock: internal.warehouse.reserveStock,
 * };
 */
export type DcbOperationOf<Export> =
  Export extends RegisteredMutation<infer Visibility, infer Args, infer Returns>
    ? FunctionReference<"mutation", Visibility, Args, Awaited<Returns>>
    : never;

export const vDcbAttemptArgs = v.object({ retryId: v.string() });
/** What one retry attempt came to: a final result stored on the row, or another conflict. */
export const vDcbAttemptOutcome = v.object({
  status: v.union(v.literal("done"), v.literal("conflict"), v.literal("settled")),
});
export type DcbAttemptOutcome = Infer<typeof vDcbAttemptOutcome>;
export const vDcbRetryContext = v.object({ retryId: v.string(), scopeKey: v.string() });
export type DcbRetryContext = Infer<typeof vDcbRetryContext>;

export interface DcbRetryOptions<Operations extends Record<string, DcbOperation>> {
  /** The app's DCB retry pool: `new Workpool(components.dcbRetryPool, { maxParallelism })`. */
  readonly workpool: Workpool;
  /** Name -> the scope operation mutation; rows store the name. */
  readonly operations: Operations;
  /** Called lazily: `() => internal.dcbRetry` (its `job`, `attempt` and `onComplete`). */
  readonly functions: () => {
    readonly job: FunctionReference<
      "action",
      FunctionVisibility,
      { retryId: string },
      DcbAttemptOutcome
    >;
    readonly attempt: FunctionReference<
      "mutation",
      FunctionVisibility,
      { retryId: string },
      DcbAttemptOutcome
    >;
    readonly onComplete: FunctionReference<
      "mutation",
      FunctionVisibility,
      { workId: string; context: DcbRetryContext; result: WorkResult },
      null
    >;
  };
  /** Retries of one operation; default 5 attempts, 100 ms, doubling (Workpool adds jitter). */
  readonly retry?: RetryBehavior;
}

/** The outcome of `execute`: the operation's own result, or the deferred retry's id. */
export type DcbExecution<Result> =
  | { readonly status: "completed"; readonly result: Result }
  | {
      readonly status: "deferred";
      readonly retryId: string;
      /** The conflict the first attempt met. */
      readonly conflict: Result;
      /** True when another operation of the scope holds the lane: this one waits its turn. */
      readonly queued: boolean;
    };

type MutationCtx = GenericMutationCtx<GenericDataModel>;

const DEFAULT_DCB_RETRY: RetryBehavior = { maxAttempts: 5, initialBackoffMs: 100, base: 2 };

/**
 * Runs scope operations (DCB decisions) and retries their OCC conflicts for the caller: a
 * `conflict` result is deferred to a Workpool job that runs the operation again, without the
 * stale `expectedVersion`, with exponential backoff and jitter until it returns anything else or
 * the attempts are spent (recorded `failed` by the onComplete mutation). Retries are serialised
 * per scope: at most one deferred operation of a scope is `running` (holds the lane, from its
 * deferral to its job's onComplete); the others wait in order and start when it completes, so
 * conflicting retries never race each other. The final result is stored on the row atomically
 * with the operation's commit, so a job that runs twice commits once.
 *
 * @example
 * export const dcbRetry: DcbRetry<typeof operations> = new DcbRetry({
 *   workpool: new Workpool(components.dcbRetryPool, { maxParallelism: 10 }),
 *   operations: { reserveStock: internal.inventory.reserveStock },
 *   functions: () => internal.dcbRetry,
 * });
 * // in a mutation: no retry loop
 * const outcome = await dcbRetry.execute(ctx, { scopeKey, operation: "reserveStock", args, expectedVersion });
 */
export class DcbRetry<Operations extends Record<string, DcbOperation>> {
  readonly retry: RetryBehavior;

  constructor(private readonly options: DcbRetryOptions<Operations>) {
    requireOption("DcbRetry", "workpool", options?.workpool, "a Workpool");
    requireOption("DcbRetry", "operations", options.operations, "an object of scope operations");
    requireOption("DcbRetry", "functions", options.functions, "a function");
    if (Object.keys(options.operations).length === 0) {
      fail("INVALID_DURABILITY_CONFIG", "DcbRetry: operations must name at least one operation");
    }
    this.retry =
      options.retry === undefined
        ? DEFAULT_DCB_RETRY
        : checkRetryBehavior("DcbRetry", options.retry);
  }

  private operationOf(name: string): DcbOperation {
    const operation = Object.hasOwn(this.options.operations, name)
      ? this.options.operations[name]
      : undefined;
    if (operation === undefined) {
      throw durabilityError(
        "UNKNOWN_DCB_OPERATION",
        `no scope operation is configured as ${JSON.stringify(name)}; expected one of ${JSON.stringify(Object.keys(this.options.operations))}`,
        { operation: name },
      );
    }
    return operation;
  }

  private static checked(name: string, result: unknown): { status: string } {
    if (isObject(result) && typeof result.status === "string") return result as { status: string };
    throw durabilityError(
      "INVALID_DCB_RESULT",
      `scope operation ${name} returned ${describeValue(result)}; expected an object with a status ("conflict" to retry)`,
      { operation: name },
    );
  }

  /**
   * Runs the operation now, in a sub-transaction of the caller's mutation. A conflict is
   * deferred (a `dcbRetries` row, and a job unless the scope's lane is busy); anything else is
   * returned as the operation answered it.
   */
  async execute<Name extends keyof Operations & string>(
    ctx: MutationCtx,
    input: {
      scopeKey: string;
      operation: Name;
      args: Omit<FunctionArgs<Operations[Name]>, "expectedVersion">;
      expectedVersion?: number;
    },
  ): Promise<DcbExecution<FunctionReturnType<Operations[Name]>>> {
    const operation = this.operationOf(input.operation);
    const firstArgs = {
      ...input.args,
      ...(input.expectedVersion === undefined ? {} : { expectedVersion: input.expectedVersion }),
    };
    const result = DcbRetry.checked(input.operation, await ctx.runMutation(operation, firstArgs));
    type Result = FunctionReturnType<Operations[Name]>;
    if (result.status !== "conflict") return { status: "completed", result: result as Result };

    const db = writerOf(ctx);
    const queued = (await runningIn(db, input.scopeKey)) !== null;
    const retryId = await db.insert("dcbRetries", {
      scopeKey: input.scopeKey,
      operation: input.operation,
      args: input.args,
      status: queued ? "waiting" : "running",
      attempts: 0,
      enqueuedAt: Date.now(),
    });
    if (!queued) await this.startJob(ctx, retryId, input.scopeKey);
    return { status: "deferred", retryId, conflict: result as Result, queued };
  }

  private async startJob(ctx: MutationCtx, retryId: string, scopeKey: string): Promise<void> {
    const functions = this.options.functions();
    // The first retry waits too, with jitter, so callers that conflicted together spread out.
    const runAfter = this.retry.initialBackoffMs * (0.5 + Math.random());
    const workId = await this.options.workpool.enqueueAction(
      ctx,
      functions.job,
      { retryId },
      {
        retry: this.retry,
        onComplete: functions.onComplete,
        context: { retryId, scopeKey },
        runAfter,
      },
    );
    const db = writerOf(ctx);
    const id = db.normalizeId("dcbRetries", retryId);
    if (id !== null) await db.patch("dcbRetries", id, { workId });
  }

  /** The job (internalAction), one attempt (internalMutation) and the onComplete (internalMutation). */
  get definitions() {
    const functions = this.options.functions;
    return {
      job: {
        args: vDcbAttemptArgs.fields,
        returns: vDcbAttemptOutcome,
        handler: async (
          ctx: Pick<GenericActionCtx<GenericDataModel>, "runMutation">,
          args: { retryId: string },
        ): Promise<DcbAttemptOutcome> => {
          const outcome = await ctx.runMutation(functions().attempt, args);
          if (outcome.status === "conflict") {
            // Thrown so that Workpool retries the job with backoff and jitter.
            throw durabilityError(
              "DCB_SCOPE_CONFLICT",
              `deferred scope operation ${args.retryId} met another conflict; retrying`,
              { retryId: args.retryId },
            );
          }
          return outcome;
        },
      },
      attempt: {
        args: vDcbAttemptArgs.fields,
        returns: vDcbAttemptOutcome,
        handler: async (
          ctx: MutationCtx,
          args: { retryId: string },
        ): Promise<DcbAttemptOutcome> => {
          const db = writerOf(ctx);
          const row = await retryRow(db, args.retryId);
          // Settled by an earlier run of this job: nothing to do again.
          if (row === null || row.status !== "running" || row.result !== undefined) {
            return { status: "settled" };
          }
          const result = DcbRetry.checked(
            row.operation,
            await ctx.runMutation(this.operationOf(row.operation), row.args),
          );
          const attempts = row.attempts + 1;
          if (result.status === "conflict") {
            await db.patch("dcbRetries", row._id, { attempts });
            return { status: "conflict" };
          }
          // The row keeps the lane (`running`) until the onComplete hands it on.
          await db.patch("dcbRetries", row._id, { attempts, result, completedAt: Date.now() });
          return { status: "done" };
        },
      },
      onComplete: {
        args: vWorkpoolOnCompleteArgs(vDcbRetryContext),
        returns: v.null(),
        handler: async (
          ctx: MutationCtx,
          args: { workId: string; context: DcbRetryContext; result: WorkResult },
        ): Promise<null> => {
          const db = writerOf(ctx);
          const row = await retryRow(db, args.context.retryId);
          if (row !== null && row.status === "running") {
            await db.patch(
              "dcbRetries",
              row._id,
              row.result !== undefined
                ? { status: "done" }
                : {
                    status: "failed",
                    error:
                      args.result.kind === "failed"
                        ? args.result.error
                        : "the retry job was canceled",
                    completedAt: Date.now(),
                  },
            );
          }
          // The lane is free: the scope's next waiting operation starts.
          const next = await nextWaitingIn(db, args.context.scopeKey);
          if (next !== null) {
            await db.patch("dcbRetries", next._id, { status: "running" });
            await this.startJob(ctx, next._id, args.context.scopeKey);
          }
          return null;
        },
      },
    };
  }
}
