import type { ActionRetrier } from "@convex-dev/action-retrier";
import type { EventStore, StreamRef } from "@convex-es/platform-store";
import type {
  FunctionArgs,
  FunctionReference,
  FunctionVisibility,
  GenericDataModel,
  GenericMutationCtx,
} from "convex/server";
import { vRetrierOnCompleteArgs } from "./completionArgs.js";
import type { RetrierOnCompleteArgs, RetrierResult } from "./completionArgs.js";
import type { DurableAppend } from "./durableAppend.js";
import { durabilityError } from "./errors.js";
import { idempotencyKeys } from "./idempotencyKeys.js";
import { isStoredOnce } from "./idempotentAppend.js";
import type { IdempotentEvent } from "./idempotentAppend.js";
import { requireOption } from "./retryBehavior.js";
import { readerOf, vOutboxStatus, vRunOutcome, writerOf } from "./tables.js";
import type { DbReaderCtx } from "./tables.js";
import { v } from "convex/values";
import type { Infer } from "convex/values";

/** An outbox run as `getRun` returns it. */
export const vOutboxRunRecord = v.object({
  runId: v.string(),
  actionType: v.string(),
  entityId: v.string(),
  idempotencyKey: v.string(),
  status: vOutboxStatus,
  outcome: v.optional(vRunOutcome),
  eventId: v.optional(v.string()),
  workId: v.optional(v.string()),
  refusal: v.optional(v.string()),
  startedAt: v.number(),
  completedAt: v.optional(v.number()),
});
export type OutboxRunRecord = Infer<typeof vOutboxRunRecord>;

/** The run an outcome belongs to, as the event builders see it. */
export interface OutboxRun {
  readonly runId: string;
  readonly actionType: string;
  readonly entityId: string;
}

/** The type and payload of the event that records an outcome; the outbox adds the rest. */
export interface OutcomeEvent {
  readonly eventType: string;
  readonly payload: Record<string, unknown>;
}

/** How the outcomes of one kind of external call become events. */
export interface OutboxActionConfig {
  readonly onSuccess: (returnValue: unknown, run: OutboxRun) => OutcomeEvent;
  /** A run that failed after all its retries, or that was canceled (`error` says so). */
  readonly onFailure: (error: string, run: OutboxRun) => OutcomeEvent;
}

export interface ActionOutboxOptions {
  readonly eventStore: EventStore;
  /** The app's retrier: `new ActionRetrier(components.actionRetrier, { maxFailures, ... })`. */
  readonly retrier: ActionRetrier;
  /** Takes over an outcome whose append fails in `onComplete`, so no outcome is lost. */
  readonly durableAppend: DurableAppend;
  /** One entry per `actionType`. */
  readonly actions: Readonly<Record<string, OutboxActionConfig>>;
  /** Called lazily: `() => ({ onComplete: internal.payments.onComplete })`. */
  readonly functions: () => {
    readonly onComplete: FunctionReference<
      "mutation",
      FunctionVisibility,
      RetrierOnCompleteArgs,
      null
    >;
  };
}

/** Where the outcome of one run goes. */
export interface OutboxRunInput {
  readonly actionType: string;
  /** The entity the call is about; with the action type it names the outcome's event. */
  readonly entityId: string;
  readonly stream: StreamRef;
  readonly metadata: IdempotentEvent["metadata"];
  /** Default `idempotencyKeys.actionResult(actionType, entityId)`: one outcome per entity. */
  readonly idempotencyKey?: string;
}

type RunCtx = GenericMutationCtx<GenericDataModel>;

/**
 * The outbox for external calls: the action runs through @convex-dev/action-retrier (retried with
 * backoff), and its `onComplete` mutation, which the retrier calls once when the run is over,
 * records the outcome, success or failure, as a domain event. Only the final outcome becomes an
 * event: an action that fails twice and then succeeds records one success. The event's
 * idempotency key is the action result's (`{actionType}:{entityId}`), and the run's row makes
 * the callback idempotent by run id. An append that fails in the callback is handed to
 * `DurableAppend`, whose retries and dead letters keep it.
 *
 * @example
 * export const outbox: ActionOutbox = new ActionOutbox({
 *   eventStore, retrier, durableAppend,
 *   actions: {
 *     payment: {
 *       onSuccess: (charge, run) => ({ eventType: "PaymentCompleted", payload: { orderId: run.entityId, charge } }),
 *       onFailure: (error, run) => ({ eventType: "PaymentFailed", payload: { orderId: run.entityId, error } }),
 *     },
 *   },
 *   functions: () => ({ onComplete: internal.payments.onComplete }),
 * });
 * export const onComplete = internalMutation(outbox.definitions.onComplete);
 * // in the mutation that decides to charge:
 * await outbox.run(ctx, internal.payments.charge, { orderId }, { actionType: "payment", entityId: orderId, stream, metadata });
 */
export class ActionOutbox {
  constructor(private readonly options: ActionOutboxOptions) {
    requireOption("ActionOutbox", "eventStore", options?.eventStore, "an EventStore");
    requireOption("ActionOutbox", "retrier", options.retrier, "an ActionRetrier");
    requireOption("ActionOutbox", "durableAppend", options.durableAppend, "a DurableAppend");
    requireOption("ActionOutbox", "actions", options.actions, "an object of action configs");
    requireOption("ActionOutbox", "functions", options.functions, "a function");
  }

  private configOf(actionType: string): OutboxActionConfig {
    const config = Object.hasOwn(this.options.actions, actionType)
      ? this.options.actions[actionType]
      : undefined;
    if (config === undefined) {
      throw durabilityError(
        "UNKNOWN_OUTBOX_ACTION",
        `no outbox action is configured as ${JSON.stringify(actionType)}; expected one of ${JSON.stringify(Object.keys(this.options.actions))}`,
        { actionType },
      );
    }
    return config;
  }

  /**
   * Starts the action through the retrier and remembers where its outcome goes, in the caller's
   * transaction: if that transaction rolls back, neither the run nor its row exists.
   */
  async run<Action extends FunctionReference<"action", FunctionVisibility>>(
    ctx: RunCtx,
    action: Action,
    args: FunctionArgs<Action>,
    input: OutboxRunInput,
  ): Promise<{ runId: string }> {
    this.configOf(input.actionType);
    const idempotencyKey =
      input.idempotencyKey ?? idempotencyKeys.actionResult(input.actionType, input.entityId);
    const runId: string = await this.options.retrier.run(ctx, action, args, {
      onComplete: this.options.functions().onComplete,
    });
    await writerOf(ctx).insert("outboxRuns", {
      runId,
      actionType: input.actionType,
      entityId: input.entityId,
      stream: input.stream,
      metadata: input.metadata,
      idempotencyKey,
      status: "running",
      startedAt: Date.now(),
    });
    return { runId };
  }

  /**
   * Where a run stands: `running`, `recorded` (its outcome event is stored), `handed_over` (the
   * append is with DurableAppend) or `refused` (the key holds another outcome); null if unknown.
   */
  async getRun<DataModel extends GenericDataModel>(
    ctx: DbReaderCtx<DataModel>,
    runId: string,
  ): Promise<OutboxRunRecord | null> {
    const row = await readerOf(ctx)
      .query("outboxRuns")
      .withIndex("by_run_id", (q) => q.eq("runId", runId))
      .unique();
    if (row === null) return null;
    const { _id, _creationTime, stream: _stream, metadata: _metadata, ...record } = row;
    return record;
  }

  /** The retrier's `onComplete` (internalMutation): records the outcome as one event. */
  get definitions() {
    return {
      onComplete: {
        args: vRetrierOnCompleteArgs,
        returns: v.null(),
        handler: async (ctx: RunCtx, args: RetrierOnCompleteArgs): Promise<null> =>
          await this.record(ctx, args.runId, args.result),
      },
    };
  }

  private async record(ctx: RunCtx, runId: string, result: RetrierResult): Promise<null> {
    const db = writerOf(ctx);
    const run = await db
      .query("outboxRuns")
      .withIndex("by_run_id", (q) => q.eq("runId", runId))
      .unique();
    if (run === null) {
      throw durabilityError(
        "OUTBOX_RUN_NOT_FOUND",
        `no outbox run has the id ${runId}; expected a run started with ActionOutbox.run`,
        { runId },
      );
    }
    // A second callback for the same run changes nothing.
    if (run.status !== "running") return null;
    const config = this.configOf(run.actionType);
    const info: OutboxRun = { runId, actionType: run.actionType, entityId: run.entityId };
    const outcome = result.type;
    const { eventType, payload } =
      result.type === "success"
        ? config.onSuccess(result.returnValue, info)
        : config.onFailure(
            result.type === "failed" ? result.error : "the action run was canceled",
            info,
          );
    const appended = await this.options.durableAppend.appendOrEnqueue(ctx, {
      stream: run.stream,
      event: {
        eventType,
        payload: { ...payload, runId },
        metadata: run.metadata,
        idempotencyKey: run.idempotencyKey,
      },
    });
    const completedAt = Date.now();
    if (appended.status === "enqueued") {
      await db.patch("outboxRuns", run._id, {
        status: "handed_over",
        outcome,
        workId: appended.workId,
        completedAt,
      });
    } else if (isStoredOnce(appended)) {
      await db.patch("outboxRuns", run._id, {
        status: "recorded",
        outcome,
        eventId: appended.eventId,
        completedAt,
      });
    } else {
      await db.patch("outboxRuns", run._id, {
        status: "refused",
        outcome,
        refusal:
          appended.status === "idempotency_conflict"
            ? `the key ${appended.idempotencyKey} already holds event ${appended.existingEventId}`
            : `the stream is at version ${appended.currentVersion}`,
        completedAt,
      });
    }
    return null;
  }
}
