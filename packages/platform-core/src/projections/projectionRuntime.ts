import { MAX_PAGE_SIZE } from "@convex-es/platform-projections";
import type {
  Checkpoint,
  FailedJob,
  PoisonRecord,
  PoisonStatus,
  ProjectionStore,
  ResolveDeadLetterResult,
} from "@convex-es/platform-projections";
import type { EventEnvelope, EventStore } from "@convex-es/platform-store";
import type { Workpool } from "@convex-dev/workpool";
import { ConvexError } from "convex/values";
import type {
  FunctionReference,
  FunctionVisibility,
  GenericDataModel,
  GenericMutationCtx,
  GenericQueryCtx,
} from "convex/server";
import { CoreError } from "../errors/coreError.js";
import type { Logger } from "../logging/createLogger.js";
import { catchUpPartition } from "./catchUpPartition.js";
import { dispatchProjection } from "./dispatchProjection.js";
import {
  ignoreDeadLetter,
  listDeadLetters,
  recordCatchUpCompletion,
  retryDeadLetter,
  retryFailedJob,
} from "./operations.js";
import type { CatchUpCompletion, DeadLetterRetry } from "./operations.js";
import type { ProjectionHandlers } from "./projectionHandlers.js";
import type { CatchUpReport, DispatchReport, PartitionJob } from "./validators.js";

type Mutation<Args extends Record<string, unknown>> = FunctionReference<
  "mutation",
  FunctionVisibility,
  Args
>;

/** What the runtime needs of a mutation's ctx; projection handlers get the app's whole ctx. */
export type ProjectionCtx = Pick<
  GenericMutationCtx<GenericDataModel>,
  "runQuery" | "runMutation" | "scheduler"
>;

/** What the runtime's read operations need: any query's or mutation's ctx. */
export type ProjectionQueryCtx = Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;

/** The app's functions made from a runtime's definitions, as `internal.<module>.*`. */
export interface ProjectionFunctionRefs {
  readonly dispatch: Mutation<{ projection?: string }>;
  readonly catchUp: Mutation<PartitionJob>;
  readonly applyEvent: Mutation<{ projection: string; event: Record<string, unknown> }>;
  readonly onCatchUpComplete: Mutation<{
    workId: string;
    context: PartitionJob;
    result:
      | { kind: "success"; returnValue: unknown }
      | { kind: "failed"; error: string }
      | {
          kind: "canceled";
        };
  }>;
}

export interface ProjectionRuntimeOptions<TCtx extends ProjectionCtx> {
  /** The projections component's client: `new ProjectionStore(components.projections)`. */
  readonly store: ProjectionStore;
  readonly eventStore: EventStore;
  /** The Workpool the catch-up jobs run in: `new Workpool(components.projectionPool, ...)`. */
  readonly pool: Workpool;
  readonly projections: readonly ProjectionHandlers<TCtx>[];
  /** The app's functions made from this runtime, e.g. `() => internal.projections`. */
  readonly functions: () => ProjectionFunctionRefs;
  /** Events one dispatch reads per projection, and one catch-up job applies; default 100. */
  readonly batchSize?: number;
  /** Handler failures after which an event is quarantined; default 3. */
  readonly maxAttempts?: number;
  /** First retry delay of a failing event, doubled per failure; default 1,000 ms. */
  readonly retryBaseMs?: number;
  /** Failed catch-up jobs of one partition retried automatically before waiting for an operator; default 3. */
  readonly maxJobFailures?: number;
  /** The event store's settle window for the dispatcher's reads; default the store's. */
  readonly settleMs?: number;
  readonly logger?: Logger;
}

/** The resolved settings the dispatcher and the catch-up jobs share. */
export interface RuntimeSettings<TCtx extends ProjectionCtx> {
  readonly store: ProjectionStore;
  readonly eventStore: EventStore;
  readonly pool: Workpool;
  readonly functions: () => ProjectionFunctionRefs;
  readonly batchSize: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly maxJobFailures: number;
  readonly settleMs: number | undefined;
  readonly logger: Logger | undefined;
  projection(name: string): ProjectionHandlers<TCtx>;
}

function checkedNumber(
  what: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CoreError([
      {
        code: "INVALID_PROJECTION_RUNTIME",
        message: `${what} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`} (got ${String(value)})`,
      },
    ]);
  }
  return value;
}

function indexByName<TCtx>(projections: readonly ProjectionHandlers<TCtx>[]) {
  const byName = new Map<string, ProjectionHandlers<TCtx>>();
  for (const projection of projections) {
    if (byName.has(projection.projectionName)) {
      throw new CoreError([
        {
          code: "DUPLICATE_PROJECTION",
          message: `projection "${projection.projectionName}" is registered twice with the runtime: expected each projection once`,
        },
      ]);
    }
    byName.set(projection.projectionName, projection);
  }
  return byName;
}

/**
 * Runs projections from the event log (docs/decisions/0012). A dispatcher reads each
 * projection's events after its cursor, below the store's high-water mark, routes them to their
 * partitions and enqueues one Workpool job per partition: "catch partition P of projection X up
 * from its checkpoint". A job applies the routed events after the checkpoint in position order,
 * each handler in a sub-transaction, and advances the checkpoint in the same transaction as the
 * read-model writes. Jobs that run twice, late or out of order find nothing left to do.
 *
 * A handler that throws has its attempt recorded (the job itself commits); the partition retries
 * that event with backoff, and after `maxAttempts` quarantines it as a dead letter and moves on.
 * The command path writes nothing for projections: the appended events are the trigger.
 *
 * @example
 * // convex/projectionRuntime.ts
 * export const projections = new ProjectionRuntime<MutationCtx>({
 *   store: new ProjectionStore(components.projections),
 *   eventStore: new EventStore(components.eventStore),
 *   pool: new Workpool(components.projectionPool, { maxParallelism: 10 }),
 *   projections: [orderSummaryHandlers],
 *   functions: () => internal.projections,
 * });
 * // convex/projections.ts
 * const fns = projectionFunctions(projections);
 * export const dispatch = internalMutation(fns.dispatch);
 * export const catchUp = internalMutation(fns.catchUp);
 * export const applyEvent = internalMutation(fns.applyEvent);
 * export const onCatchUpComplete = internalMutation(fns.onCatchUpComplete);
 * // convex/crons.ts
 * crons.interval("dispatch projections", { seconds: 1 }, internal.projections.dispatch, {});
 */
export class ProjectionRuntime<TCtx extends ProjectionCtx> {
  readonly settings: RuntimeSettings<TCtx>;
  private readonly byName: Map<string, ProjectionHandlers<TCtx>>;

  constructor(options: ProjectionRuntimeOptions<TCtx>) {
    this.byName = indexByName(options.projections);
    const byName = this.byName;
    this.settings = {
      store: options.store,
      eventStore: options.eventStore,
      pool: options.pool,
      functions: options.functions,
      batchSize: checkedNumber("batchSize", options.batchSize, 100, 1, MAX_PAGE_SIZE),
      maxAttempts: checkedNumber("maxAttempts", options.maxAttempts, 3, 1),
      retryBaseMs: checkedNumber("retryBaseMs", options.retryBaseMs, 1_000, 0),
      maxJobFailures: checkedNumber("maxJobFailures", options.maxJobFailures, 3, 1),
      settleMs: options.settleMs,
      logger: options.logger,
      projection(name: string): ProjectionHandlers<TCtx> {
        const found = byName.get(name);
        if (found === undefined) {
          // Raised inside Convex functions: a ConvexError keeps its code across the boundary.
          throw new ConvexError({
            code: "UNKNOWN_PROJECTION",
            message: `no projection "${name}" is registered with the runtime (registered: ${[...byName.keys()].join(", ") || "none"})`,
          });
        }
        return found;
      },
    };
  }

  /** The registered projections' names. */
  get projectionNames(): string[] {
    return [...this.byName.keys()];
  }

  /** Routes new events of one projection (or every one) and enqueues their partitions' jobs. */
  async dispatch(ctx: TCtx, projection?: string): Promise<DispatchReport[]> {
    const names =
      projection === undefined
        ? this.projectionNames
        : [this.settings.projection(projection).projectionName];
    const reports: DispatchReport[] = [];
    for (const name of names) reports.push(await dispatchProjection(ctx, this.settings, name));
    return reports;
  }

  /** Catches one partition up from its checkpoint (what a Workpool job runs). */
  async catchUp(ctx: TCtx, job: PartitionJob): Promise<CatchUpReport> {
    return await catchUpPartition(ctx, this.settings, job);
  }

  /** Runs the projection's handler for one event (the sub-transaction of a catch-up job). */
  async applyEvent(ctx: TCtx, args: { projection: string; event: EventEnvelope }): Promise<void> {
    await this.settings.projection(args.projection).apply(ctx, args.event);
  }

  /** Workpool's onComplete of catch-up jobs: records a failed job and retries it with backoff. */
  async onCatchUpComplete(ctx: TCtx, completion: CatchUpCompletion): Promise<FailedJob | null> {
    return await recordCatchUpCompletion(ctx, this.settings, completion);
  }

  /** The checkpoint of one partition, or null before it processed anything. */
  async getCheckpoint(ctx: ProjectionQueryCtx, job: PartitionJob): Promise<Checkpoint | null> {
    return await this.settings.store.getCheckpoint(ctx, job);
  }

  /** Quarantined events (or poison records of another status), newest failure first. */
  async listDeadLetters(
    ctx: ProjectionQueryCtx,
    args: { projection?: string; status?: PoisonStatus; limit: number },
  ): Promise<PoisonRecord[]> {
    return await listDeadLetters(ctx, this.settings, args);
  }

  /** Applies a quarantined event again; `replayed` on success, counted again on failure. */
  async retryDeadLetter(
    ctx: TCtx,
    args: { projection: string; eventId: string },
  ): Promise<DeadLetterRetry> {
    return await retryDeadLetter(ctx, this.settings, args);
  }

  /** Closes a dead letter without processing it. */
  async ignoreDeadLetter(
    ctx: TCtx,
    args: { projection: string; eventId: string },
  ): Promise<ResolveDeadLetterResult> {
    return await ignoreDeadLetter(ctx, this.settings, args);
  }

  /** Catch-up jobs Workpool gave up on (`open` by default), newest first. */
  async listFailedJobs(
    ctx: ProjectionQueryCtx,
    args: { status?: FailedJob["status"]; limit: number },
  ): Promise<FailedJob[]> {
    return await this.settings.store.listFailedJobs(ctx, args);
  }

  /** Enqueues a partition's catch-up job again and marks its failure `retried`. */
  async retryFailedJob(ctx: TCtx, job: PartitionJob): Promise<FailedJob | null> {
    return await retryFailedJob(ctx, this.settings, job);
  }
}
