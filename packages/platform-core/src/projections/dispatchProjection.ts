import type { RoutedEvent, UnroutableEvent } from "@convex-es/platform-projections";
import { enqueueCatchUp } from "./enqueueCatchUp.js";
import type { ProjectionCtx, RuntimeSettings } from "./projectionRuntime.js";
import type { DispatchReport } from "./validators.js";

/**
 * One dispatch of one projection: reads its events after the cursor (every tenant's, below the
 * high-water mark), computes each event's partition, routes them and moves the cursor in one
 * component call, then enqueues one catch-up job per partition. A full page schedules the next
 * dispatch right away. When a concurrent dispatch moved the cursor first, this one routes nothing
 * (its read was stale) and leaves the work to the other.
 */
export async function dispatchProjection<TCtx extends ProjectionCtx>(
  ctx: TCtx,
  settings: RuntimeSettings<TCtx>,
  name: string,
): Promise<DispatchReport> {
  const projection = settings.projection(name);
  const cursor = await settings.store.getCursor(ctx, name);
  const page = await settings.eventStore.readFromPosition(ctx, {
    after: cursor,
    limit: settings.batchSize,
    eventTypes: [...projection.eventTypes],
    allTenants: true,
    ...(settings.settleMs !== undefined && { settleMs: settings.settleMs }),
  });
  const idle = { projection: name, routed: 0, unroutable: 0, partitions: 0, continued: false };
  if (page.events.length === 0) return { ...idle, position: cursor };

  const events: RoutedEvent[] = [];
  const unroutable: UnroutableEvent[] = [];
  for (const event of page.events) {
    const tenant = event.tenantId === undefined ? {} : { tenantId: event.tenantId };
    const base = { eventId: event.eventId, globalPosition: event.globalPosition, ...tenant };
    try {
      events.push({ ...base, partitionKey: projection.partitionKeyOf(event).value });
    } catch (error) {
      // An event that names no partition cannot wait in one: it becomes a dead letter at once.
      const message = error instanceof Error ? error.message : String(error);
      unroutable.push({ ...base, error: message });
      settings.logger?.error("event has no partition", {
        projection: name,
        eventId: event.eventId,
        error: message,
      });
    }
  }
  const routed = await settings.store.routeEvents(ctx, {
    projection: name,
    expectedPosition: cursor,
    nextPosition: page.nextPosition,
    events,
    unroutable,
  });
  if (routed.status === "cursor_moved") return { ...idle, position: routed.position };

  for (const partitionKey of routed.partitionKeys) {
    await enqueueCatchUp(ctx, settings, { projection: name, partitionKey });
  }
  const continued = !page.isDone;
  if (continued) {
    await ctx.scheduler.runAfter(0, settings.functions().dispatch, { projection: name });
  }
  return {
    projection: name,
    routed: events.length,
    unroutable: unroutable.length,
    partitions: routed.partitionKeys.length,
    position: page.nextPosition,
    continued,
  };
}
