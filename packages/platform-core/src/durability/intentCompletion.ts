import { vStreamRef } from "@convex-es/platform-store";
import type { EventStore, StreamRef } from "@convex-es/platform-store";
import type {
  FunctionReference,
  FunctionVisibility,
  GenericDataModel,
  GenericMutationCtx,
  GenericQueryCtx,
} from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { fail } from "../errors/coreError.js";
import { describeValue, isNonEmptyString, isObject } from "../internal/describe.js";
import { durabilityError } from "./errors.js";
import { idempotentAppend, vIdempotentEvent } from "./idempotentAppend.js";
import type { IdempotentAppendResult, IdempotentEvent } from "./idempotentAppend.js";
import { requireOption } from "./retryBehavior.js";

/**
 * A long-running operation: the intent event that opens it, the events that may close it, and
 * the event recorded when none did within `timeoutMs`.
 */
export interface BracketedOperation {
  readonly intentEventType: string;
  readonly completionEventTypes: readonly string[];
  readonly abandonedEventType: string;
  readonly timeoutMs: number;
}

export const vTimeoutCheckArgs = v.object({
  operationType: v.string(),
  operationId: v.string(),
  stream: vStreamRef,
  intentEventId: v.string(),
  metadata: vIdempotentEvent.fields.metadata,
});
export type TimeoutCheckArgs = Infer<typeof vTimeoutCheckArgs>;

/** What a timeout check found: a completion, or no completion (and it recorded the abandonment). */
export const vTimeoutCheckResult = v.object({
  status: v.union(v.literal("completed"), v.literal("abandoned")),
  eventId: v.string(),
  eventType: v.string(),
});
export type TimeoutCheckResult = Infer<typeof vTimeoutCheckResult>;

/** Where an operation stands, read from the event store alone. */
export type OperationStatus =
  | { readonly status: "none" }
  | { readonly status: "pending"; readonly intentEventId: string }
  | {
      readonly status: "completed" | "abandoned";
      readonly eventId: string;
      readonly eventType: string;
    };

export interface IntentCompletionOptions {
  readonly eventStore: EventStore;
  /** Keyed by operation type, e.g. `OrderSubmission`. */
  readonly operations: Readonly<Record<string, BracketedOperation>>;
  /** Called lazily: `() => ({ checkTimeout: internal.orders.checkSubmissionTimeout })`. */
  readonly functions: () => {
    readonly checkTimeout: FunctionReference<
      "mutation",
      FunctionVisibility,
      TimeoutCheckArgs,
      TimeoutCheckResult
    >;
  };
}

/** One operation instance: its type, its id, the stream its bracket events go to. */
export interface OperationRef {
  readonly operationType: string;
  readonly operationId: string;
  readonly stream: StreamRef;
  readonly metadata: IdempotentEvent["metadata"];
}

type MutationCtx = GenericMutationCtx<GenericDataModel>;
type QueryCtx = Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;

function checkOperation(operationType: string, operation: unknown): BracketedOperation {
  const problem = (what: string) =>
    fail("INVALID_DURABILITY_CONFIG", `IntentCompletion: operation ${operationType} ${what}`);
  if (operationType.includes(":")) problem("must have a type without ':'");
  if (!isObject(operation)) return problem(`must be an object (got ${describeValue(operation)})`);
  const { intentEventType, completionEventTypes, abandonedEventType, timeoutMs } = operation;
  if (!isNonEmptyString(intentEventType) || !isNonEmptyString(abandonedEventType)) {
    problem("needs intentEventType and abandonedEventType (non-empty strings)");
  }
  if (
    !Array.isArray(completionEventTypes) ||
    completionEventTypes.length === 0 ||
    !completionEventTypes.every(isNonEmptyString) ||
    completionEventTypes.includes(abandonedEventType as string)
  ) {
    problem(
      "needs completionEventTypes: a non-empty list of event types, without abandonedEventType",
    );
  }
  if (!Number.isSafeInteger(timeoutMs) || (timeoutMs as number) <= 0) {
    problem(`needs timeoutMs: an integer > 0 (got ${describeValue(timeoutMs)})`);
  }
  return operation as unknown as BracketedOperation;
}

/**
 * Brackets long-running operations with an intent event at the start and exactly one outcome at
 * the end: a completion event, or, when none came within the operation's timeout, an abandonment
 * recorded by a check scheduled with the intent (`scheduler.runAfter(timeoutMs)`). The outcome
 * events share one idempotency key per operation (`{operationType}:{operationId}:outcome`), so
 * the store holds at most one: a check that runs twice records one abandonment, a check after
 * a completion records nothing, and a completion after an abandonment is refused
 * (`idempotency_conflict`, audited by the store).
 *
 * @example
 * export const submissions: IntentCompletion = new IntentCompletion({
 *   eventStore,
 *   operations: {
 *     OrderSubmission: {
 *       intentEventType: "OrderSubmissionStarted",
 *       completionEventTypes: ["OrderSubmitted", "OrderSubmissionFailed"],
 *       abandonedEventType: "OrderSubmissionAbandoned",
 *       timeoutMs: 5 * 60_000,
 *     },
 *   },
 *   functions: () => ({ checkTimeout: internal.orders.checkSubmissionTimeout }),
 * });
 * export const checkSubmissionTimeout = internalMutation(submissions.definitions.checkTimeout);
 */
export class IntentCompletion {
  private readonly operations: ReadonlyMap<string, BracketedOperation>;

  constructor(private readonly options: IntentCompletionOptions) {
    requireOption("IntentCompletion", "eventStore", options?.eventStore, "an EventStore");
    requireOption("IntentCompletion", "operations", options.operations, "an object of operations");
    requireOption("IntentCompletion", "functions", options.functions, "a function");
    this.operations = new Map(
      Object.entries(options.operations).map(([type, op]) => [type, checkOperation(type, op)]),
    );
  }

  private operationOf(operationType: string): BracketedOperation {
    const operation = this.operations.get(operationType);
    if (operation === undefined) {
      throw durabilityError(
        "UNKNOWN_OPERATION",
        `no bracketed operation is configured as ${JSON.stringify(operationType)}; expected one of ${JSON.stringify([...this.operations.keys()])}`,
        { operationType },
      );
    }
    return operation;
  }

  /** The idempotency keys of an operation's intent and of its one outcome. */
  keysOf(operationType: string, operationId: string): { intent: string; outcome: string } {
    this.operationOf(operationType);
    if (!isNonEmptyString(operationId)) {
      throw durabilityError(
        "INVALID_IDEMPOTENCY_KEY",
        `operationId is ${describeValue(operationId)}; expected a non-empty string`,
        { operationType },
      );
    }
    const base = `${operationType}:${operationId}`;
    return { intent: `${base}:intent`, outcome: `${base}:outcome` };
  }

  /**
   * Records the intent event and schedules the timeout check, in the caller's mutation. A
   * repeated start finds the stored intent (`duplicate`) and schedules nothing more.
   */
  async recordIntent(
    ctx: MutationCtx,
    operation: OperationRef & { readonly payload: Record<string, unknown> },
  ): Promise<IdempotentAppendResult> {
    const config = this.operationOf(operation.operationType);
    const keys = this.keysOf(operation.operationType, operation.operationId);
    const result = await idempotentAppend(this.options.eventStore, ctx, {
      stream: operation.stream,
      event: {
        eventType: config.intentEventType,
        payload: operation.payload,
        metadata: operation.metadata,
        idempotencyKey: keys.intent,
      },
    });
    if (result.status === "appended") {
      await ctx.scheduler.runAfter(config.timeoutMs, this.options.functions().checkTimeout, {
        operationType: operation.operationType,
        operationId: operation.operationId,
        stream: operation.stream,
        intentEventId: result.eventId,
        metadata: operation.metadata,
      });
    }
    return result;
  }

  /**
   * Records the operation's outcome, one of its completion event types. A second, different
   * outcome (or one after the abandonment) is refused as `idempotency_conflict`.
   */
  async recordCompletion(
    ctx: Pick<MutationCtx, "runMutation">,
    operation: OperationRef & {
      readonly eventType: string;
      readonly payload: Record<string, unknown>;
    },
  ): Promise<IdempotentAppendResult> {
    const config = this.operationOf(operation.operationType);
    if (!config.completionEventTypes.includes(operation.eventType)) {
      throw durabilityError(
        "UNKNOWN_COMPLETION_EVENT",
        `${JSON.stringify(operation.eventType)} does not complete ${operation.operationType}; expected one of ${JSON.stringify(config.completionEventTypes)}`,
        { operationType: operation.operationType, eventType: operation.eventType },
      );
    }
    return await idempotentAppend(this.options.eventStore, ctx, {
      stream: operation.stream,
      event: {
        eventType: operation.eventType,
        payload: operation.payload,
        metadata: operation.metadata,
        idempotencyKey: this.keysOf(operation.operationType, operation.operationId).outcome,
      },
    });
  }

  /** Whether the operation was started, completed or abandoned (two key lookups). */
  async status(
    ctx: QueryCtx,
    args: { operationType: string; operationId: string; tenantId?: string },
  ): Promise<OperationStatus> {
    const config = this.operationOf(args.operationType);
    const keys = this.keysOf(args.operationType, args.operationId);
    const tenant = args.tenantId === undefined ? {} : { tenantId: args.tenantId };
    const store = this.options.eventStore;
    const outcome = await store.getEventByIdempotencyKey(ctx, {
      idempotencyKey: keys.outcome,
      ...tenant,
    });
    if (outcome !== null) {
      return {
        status: outcome.eventType === config.abandonedEventType ? "abandoned" : "completed",
        eventId: outcome.eventId,
        eventType: outcome.eventType,
      };
    }
    const intent = await store.getEventByIdempotencyKey(ctx, {
      idempotencyKey: keys.intent,
      ...tenant,
    });
    return intent === null
      ? { status: "none" }
      : { status: "pending", intentEventId: intent.eventId };
  }

  /** The scheduled timeout check (internalMutation), idempotent: one abandonment at most. */
  get definitions() {
    return {
      checkTimeout: {
        args: vTimeoutCheckArgs.fields,
        returns: vTimeoutCheckResult,
        handler: async (ctx: MutationCtx, args: TimeoutCheckArgs): Promise<TimeoutCheckResult> =>
          await this.checkTimeout(ctx, args),
      },
    };
  }

  private async checkTimeout(
    ctx: MutationCtx,
    args: TimeoutCheckArgs,
  ): Promise<TimeoutCheckResult> {
    const config = this.operationOf(args.operationType);
    const status = await this.status(ctx, {
      operationType: args.operationType,
      operationId: args.operationId,
      ...(args.stream.tenantId === undefined ? {} : { tenantId: args.stream.tenantId }),
    });
    if (status.status === "completed" || status.status === "abandoned") {
      return { status: status.status, eventId: status.eventId, eventType: status.eventType };
    }
    const result = await idempotentAppend(this.options.eventStore, ctx, {
      stream: args.stream,
      event: {
        eventType: config.abandonedEventType,
        // Only what the intent fixed: a second check writes the same content, a duplicate.
        payload: {
          operationType: args.operationType,
          operationId: args.operationId,
          intentEventId: args.intentEventId,
          timeoutMs: config.timeoutMs,
        },
        metadata: { ...args.metadata, causationId: args.intentEventId },
        idempotencyKey: this.keysOf(args.operationType, args.operationId).outcome,
      },
    });
    if (result.status !== "appended" && result.status !== "duplicate") {
      // The outcome key was free a moment ago in this transaction and the version is "any".
      throw durabilityError(
        "UNEXPECTED_APPEND_RESULT",
        `recording the abandonment of ${args.operationType} ${args.operationId} was refused (${result.status}); expected the free outcome key to take it`,
        { operationType: args.operationType, operationId: args.operationId },
      );
    }
    return { status: "abandoned", eventId: result.eventId, eventType: config.abandonedEventType };
  }
}
