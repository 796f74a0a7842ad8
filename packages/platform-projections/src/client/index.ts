import type { GenericDataModel, GenericMutationCtx, GenericQueryCtx } from "convex/server";
import type { ComponentApi } from "../component/_generated/component.js";
import type {
  AdvanceArgs,
  Checkpoint,
  CheckpointPage,
  DeadLetterRef,
  FailedJob,
  ListCheckpointsArgs,
  ListDeadLettersArgs,
  LoadPartitionArgs,
  LoadPartitionResult,
  PartitionRef,
  PoisonRecord,
  RecordFailureArgs,
  RecordFailureResult,
  RecordJobFailureArgs,
  ResolveDeadLetterArgs,
  ResolveDeadLetterResult,
  RouteEventsArgs,
  RouteEventsResult,
} from "../shared/validators.js";

export { INVALID_ARGUMENT, isProjectionsError } from "../shared/errors.js";
export type { ProjectionsErrorCode, ProjectionsErrorData } from "../shared/errors.js";
export { DEFAULT_MAX_ATTEMPTS, MAX_PAGE_SIZE } from "../shared/limits.js";
export { UNROUTABLE_PARTITION } from "../component/routing.js";
export {
  vCheckpoint,
  vFailedJob,
  vPoisonRecord,
  vPoisonStatus,
  vResolveDeadLetterResult,
} from "../shared/validators.js";
export type * from "../shared/validators.js";
export type { ComponentApi } from "../component/_generated/component.js";

/** The component's API as the app's `components.projections` exposes it. */
export type ProjectionsComponent = ComponentApi;
export type RunQueryCtx = Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;
export type RunMutationCtx = Pick<GenericMutationCtx<GenericDataModel>, "runMutation">;

/**
 * The typed client of the projections component: cursors and routing for the dispatcher,
 * partition loads and checkpoint advances for catch-up jobs, poison records and dead letters for
 * operators. Applications normally use it through platform-core's `ProjectionRuntime`.
 *
 * @example
 * // convex/convex.config.ts
 * app.use(projections);
 * // convex/projectionRuntime.ts
 * const store = new ProjectionStore(components.projections);
 */
export class ProjectionStore {
  constructor(public readonly component: ProjectionsComponent) {}

  /** Where the dispatcher of `projection` continues reading the log. */
  async getCursor(ctx: RunQueryCtx, projection: string): Promise<number> {
    return await ctx.runQuery(this.component.routing.getCursor, { projection });
  }

  /** Routes a page of events to partitions and moves the cursor, unless another dispatch did. */
  async routeEvents(ctx: RunMutationCtx, args: RouteEventsArgs): Promise<RouteEventsResult> {
    return await ctx.runMutation(this.component.routing.routeEvents, args);
  }

  /** The partition's checkpoint and the events routed to it after the checkpoint. */
  async loadPartition(ctx: RunQueryCtx, args: LoadPartitionArgs): Promise<LoadPartitionResult> {
    return await ctx.runQuery(this.component.partitions.loadPartition, args);
  }

  /** Advances the checkpoint in the caller's transaction (the one writing the read model). */
  async advance(
    ctx: RunMutationCtx,
    args: AdvanceArgs,
  ): Promise<{ checkpoint: Checkpoint; hasMore: boolean }> {
    return await ctx.runMutation(this.component.partitions.advance, args);
  }

  async getCheckpoint(ctx: RunQueryCtx, args: PartitionRef): Promise<Checkpoint | null> {
    return await ctx.runQuery(this.component.partitions.getCheckpoint, args);
  }

  async listCheckpoints(ctx: RunQueryCtx, args: ListCheckpointsArgs): Promise<CheckpointPage> {
    return await ctx.runQuery(this.component.partitions.listCheckpoints, args);
  }

  /** Counts a handler failure on an event; `quarantined` once it reached maxAttempts. */
  async recordFailure(ctx: RunMutationCtx, args: RecordFailureArgs): Promise<RecordFailureResult> {
    return await ctx.runMutation(this.component.poison.recordFailure, args);
  }

  async getPoisonEvent(ctx: RunQueryCtx, args: DeadLetterRef): Promise<PoisonRecord | null> {
    return await ctx.runQuery(this.component.poison.getPoisonEvent, args);
  }

  /** Quarantined events (or poison records of another status), most recent failure first. */
  async listDeadLetters(ctx: RunQueryCtx, args: ListDeadLettersArgs): Promise<PoisonRecord[]> {
    return await ctx.runQuery(this.component.poison.listDeadLetters, args);
  }

  async resolveDeadLetter(
    ctx: RunMutationCtx,
    args: ResolveDeadLetterArgs,
  ): Promise<ResolveDeadLetterResult> {
    return await ctx.runMutation(this.component.poison.resolveDeadLetter, args);
  }

  async recordJobFailure(ctx: RunMutationCtx, args: RecordJobFailureArgs): Promise<FailedJob> {
    return await ctx.runMutation(this.component.jobs.recordJobFailure, args);
  }

  async listFailedJobs(
    ctx: RunQueryCtx,
    args: { status?: FailedJob["status"]; limit: number },
  ): Promise<FailedJob[]> {
    return await ctx.runQuery(this.component.jobs.listFailedJobs, args);
  }

  async resolveFailedJob(
    ctx: RunMutationCtx,
    args: PartitionRef & { resolution: "retried" | "ignored" },
  ): Promise<FailedJob | null> {
    return await ctx.runMutation(this.component.jobs.resolveFailedJob, args);
  }
}
