import {
  vCheckpoint,
  vFailedJob,
  vPoisonRecord,
  vPoisonStatus,
  vResolveDeadLetterResult,
} from "@convex-es/platform-projections";
import { vEventEnvelope } from "@convex-es/platform-store";
import { v } from "convex/values";
import type { CatchUpCompletion } from "./operations.js";
import type { ProjectionCtx, ProjectionQueryCtx, ProjectionRuntime } from "./projectionRuntime.js";
import {
  vCatchUpCompletion,
  vCatchUpReport,
  vDispatchReport,
  vPartitionJob,
} from "./validators.js";

const vDeadLetterRef = { projection: v.string(), eventId: v.string() };

const vDeadLetterRetry = v.union(
  v.object({ status: v.literal("replayed"), record: vPoisonRecord }),
  v.object({ status: v.literal("failed"), error: v.string(), attempts: v.number() }),
  v.object({ status: v.literal("not_found") }),
  v.object({ status: v.literal("not_quarantined"), record: vPoisonRecord }),
);

/**
 * The definitions of a runtime's Convex functions, with validators, to wrap in the app's own
 * `internalMutation` / `internalQuery` (admin operations are internal: expose them to people
 * only behind an explicit authorization check).
 *
 * @example
 * const fns = projectionFunctions(projections);
 * export const dispatch = internalMutation(fns.dispatch);
 * export const catchUp = internalMutation(fns.catchUp);
 * export const applyEvent = internalMutation(fns.applyEvent);
 * export const onCatchUpComplete = internalMutation(fns.onCatchUpComplete);
 * export const listDeadLetters = internalQuery(fns.listDeadLetters);
 */
export function projectionFunctions<TCtx extends ProjectionCtx>(runtime: ProjectionRuntime<TCtx>) {
  return {
    dispatch: {
      args: { projection: v.optional(v.string()) },
      returns: v.array(vDispatchReport),
      handler: (ctx: TCtx, args: { projection?: string }) => runtime.dispatch(ctx, args.projection),
    },
    catchUp: {
      args: vPartitionJob.fields,
      returns: vCatchUpReport,
      handler: (ctx: TCtx, job: { projection: string; partitionKey: string }) =>
        runtime.catchUp(ctx, job),
    },
    applyEvent: {
      args: { projection: v.string(), event: vEventEnvelope },
      returns: v.null(),
      handler: async (ctx: TCtx, args: Parameters<ProjectionRuntime<TCtx>["applyEvent"]>[1]) => {
        await runtime.applyEvent(ctx, args);
        return null;
      },
    },
    onCatchUpComplete: {
      args: vCatchUpCompletion.fields,
      returns: v.union(v.null(), vFailedJob),
      handler: (ctx: TCtx, completion: CatchUpCompletion) =>
        runtime.onCatchUpComplete(ctx, completion),
    },
    getCheckpoint: {
      args: vPartitionJob.fields,
      returns: v.union(v.null(), vCheckpoint),
      handler: (ctx: ProjectionQueryCtx, job: { projection: string; partitionKey: string }) =>
        runtime.getCheckpoint(ctx, job),
    },
    listDeadLetters: {
      args: {
        projection: v.optional(v.string()),
        status: v.optional(vPoisonStatus),
        limit: v.number(),
      },
      returns: v.array(vPoisonRecord),
      handler: (
        ctx: ProjectionQueryCtx,
        args: Parameters<ProjectionRuntime<TCtx>["listDeadLetters"]>[1],
      ) => runtime.listDeadLetters(ctx, args),
    },
    retryDeadLetter: {
      args: vDeadLetterRef,
      returns: vDeadLetterRetry,
      handler: (ctx: TCtx, args: { projection: string; eventId: string }) =>
        runtime.retryDeadLetter(ctx, args),
    },
    ignoreDeadLetter: {
      args: vDeadLetterRef,
      returns: vResolveDeadLetterResult,
      handler: (ctx: TCtx, args: { projection: string; eventId: string }) =>
        runtime.ignoreDeadLetter(ctx, args),
    },
    listFailedJobs: {
      args: {
        status: v.optional(v.union(v.literal("open"), v.literal("retried"), v.literal("ignored"))),
        limit: v.number(),
      },
      returns: v.array(vFailedJob),
      handler: (
        ctx: ProjectionQueryCtx,
        args: Parameters<ProjectionRuntime<TCtx>["listFailedJobs"]>[1],
      ) => runtime.listFailedJobs(ctx, args),
    },
    retryFailedJob: {
      args: vPartitionJob.fields,
      returns: v.union(v.null(), vFailedJob),
      handler: (ctx: TCtx, job: { projection: string; partitionKey: string }) =>
        runtime.retryFailedJob(ctx, job),
    },
  };
}
