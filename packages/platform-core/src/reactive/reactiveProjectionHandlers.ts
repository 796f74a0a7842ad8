import type { EventEnvelope } from "@convex-es/platform-store";
import { fail } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import { defineProjectionHandlers } from "../projections/projectionHandlers.js";
import type {
  ProjectionEventHandler,
  ProjectionHandlers,
  ProjectionPartitioning,
} from "../projections/projectionHandlers.js";
import type { ReactiveProjection } from "./defineReactiveProjection.js";
import { toReactiveEvent } from "./reactiveEvent.js";
import type { ReactiveEvent } from "./reactiveEvent.js";

/** Where the durable read model of a reactive projection lives: the app's table. */
export interface ReactiveStorage<TCtx, TState> {
  readonly partition: ProjectionPartitioning;
  /** The read model the event changes, or null when it has no row yet. */
  readonly load: (ctx: TCtx, event: EventEnvelope) => Promise<TState | null>;
  /** Writes the evolved state (insert or replace), in the catch-up job's transaction. */
  readonly save: (ctx: TCtx, event: EventEnvelope, state: TState) => Promise<void>;
}

/**
 * The durable projection's handlers made from the reactive projection's `evolve`: each
 * subscribed event loads the read model (`initialState` when there is none), evolves it with the
 * event's reactive fields (`toReactiveEvent`, what clients get too) and saves it. The server therefore computes exactly what clients compute from the same events.
 * Register the result with the `ProjectionRuntime` like any `defineProjectionHandlers` result.
 *
 * @example
 * export const orderDetailHandlers = reactiveProjectionHandlers(orderDetailView, {
 *   partition: definePartitionConfig({ projection: orderDetail, strategy: "stream" }),
 *   load: async (ctx: MutationCtx, event) =>
 *     (await ctx.db.query("orderDetails").withIndex("by_order_id", (q) => q.eq("orderId", event.streamId)).unique())?.state ?? null,
 *   save: async (ctx: MutationCtx, event, state) => { ... insert or patch the row ... },
 * });
 */
export function reactiveProjectionHandlers<
  TCtx,
  TState,
  TName extends string,
  TEvent extends ReactiveEvent,
>(
  reactive: ReactiveProjection<TState, TName, TEvent>,
  storage: ReactiveStorage<TCtx, TState>,
): ProjectionHandlers<TCtx, TName> {
  if (reactive?.kind !== "reactiveProjection") {
    fail(
      "INVALID_REACTIVE_PROJECTION",
      `expected a reactive projection made by defineReactiveProjection (got ${describeValue(reactive)})`,
    );
  }
  for (const member of ["load", "save"] as const) {
    if (typeof storage?.[member] !== "function") {
      fail(
        "INVALID_REACTIVE_PROJECTION",
        `reactive projection "${reactive.projectionName}": ${member} must be a function of (ctx, event${member === "save" ? ", state" : ""}) (got ${describeValue(storage?.[member])})`,
      );
    }
  }
  const apply: ProjectionEventHandler<TCtx> = async (ctx, event) => {
    const current = await storage.load(ctx, event);
    // The runtime hands over subscribed events only, the types TEvent describes.
    const reactiveEvent = toReactiveEvent(event) as unknown as TEvent;
    await storage.save(
      ctx,
      event,
      reactive.evolve(current ?? reactive.initialState, reactiveEvent),
    );
  };
  const handlers = Object.fromEntries(
    reactive.projection.eventSubscriptions.map((eventType) => [eventType, apply]),
  ) as Record<string, ProjectionEventHandler<TCtx>>;
  return defineProjectionHandlers(reactive.projection, {
    partition: storage.partition,
    handlers,
  });
}
