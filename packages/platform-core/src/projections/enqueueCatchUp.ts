import type { ProjectionCtx, RuntimeSettings } from "./projectionRuntime.js";
import type { PartitionJob } from "./validators.js";

/**
 * Enqueues "catch partition P of projection X up" in the runtime's Workpool. Only failures reach
 * onComplete: a successful job has nothing to report.
 */
export async function enqueueCatchUp<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  job: PartitionJob,
  runAfter?: number,
): Promise<void> {
  const refs = settings.functions();
  await settings.pool.enqueueMutation(ctx, refs.catchUp, job, {
    onComplete: refs.onCatchUpComplete,
    onCompleteExcludeKinds: ["success"],
    context: job,
    ...(runAfter !== undefined && { runAfter }),
  });
}
