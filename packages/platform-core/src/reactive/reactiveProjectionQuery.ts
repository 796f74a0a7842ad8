import { MAX_READ_LIMIT } from "@convex-es/platform-store";
import type { PropertyValidators, Validator } from "convex/values";
import { fail } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";
import { clientProjectionQuery } from "../projections/projectionQuery.js";
import type { ReadModelQueryInput } from "../projections/projectionQuery.js";
import type { ReactiveProjection } from "./defineReactiveProjection.js";
import { vReactiveSnapshot } from "./reactiveEvent.js";
import type { ReactiveSnapshot } from "./reactiveEvent.js";
import { readReactiveEvents } from "./readReactiveEvents.js";
import type { ReactiveQueryCtx, ReactiveSource, ReactiveStores } from "./readReactiveEvents.js";

/** Events a reactive query returns by default. */
const DEFAULT_REACTIVE_EVENT_LIMIT = 100;

export interface ReactiveQueryOptions<TCtx, TArgs, TState> extends ReactiveStores {
  readonly args: PropertyValidators;
  /** The read model's validator: the answer's `state` is it, or null. */
  readonly state: Validator<unknown, "required", string>;
  /** The durable read model, from the app's table; null when it has no row yet. */
  readonly loadState: (ctx: TCtx, args: TArgs) => Promise<TState | null>;
  /**
   * The stream the view folds, its partition, and the tenant the caller reads it as: take the
   * tenant from the caller's identity, never from the arguments alone.
   */
  readonly source: (ctx: TCtx, args: TArgs) => Promise<ReactiveSource>;
  /** Events returned at most, 1 to 1,000; default 100. */
  readonly limit?: number;
}

function checkOptions(reactive: unknown, options: unknown): number {
  if (!isPlainObject(reactive) || reactive["kind"] !== "reactiveProjection") {
    fail(
      "INVALID_REACTIVE_QUERY",
      `a reactive query needs a reactive projection made by defineReactiveProjection (got ${describeValue(reactive)})`,
    );
  }
  const o = isPlainObject(options) ? options : {};
  for (const name of ["loadState", "source"] as const) {
    if (typeof o[name] !== "function") {
      fail(
        "INVALID_REACTIVE_QUERY",
        `reactive query of "${String(reactive["projectionName"])}": ${name} must be a function of (ctx, args) (got ${describeValue(o[name])})`,
      );
    }
  }
  for (const name of ["eventStore", "projectionStore"] as const) {
    if (typeof o[name] !== "object" || o[name] === null) {
      fail(
        "INVALID_REACTIVE_QUERY",
        `reactive query of "${String(reactive["projectionName"])}": ${name} must be the component's client (got ${describeValue(o[name])})`,
      );
    }
  }
  const limit = o["limit"] ?? DEFAULT_REACTIVE_EVENT_LIMIT;
  if (
    typeof limit !== "number" ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_READ_LIMIT
  ) {
    fail(
      "INVALID_REACTIVE_QUERY",
      `reactive query of "${String(reactive["projectionName"])}": limit must be an integer from 1 to ${MAX_READ_LIMIT} (got ${describeValue(limit)})`,
    );
  }
  return limit;
}

/**
 * A client query for `useReactiveProjection`: the durable read model, the durable position of
 * its partition (the checkpoint's last position, 0 before the first event) and the stream's
 * committed events after that position, which the durable projection has not applied yet
 * (events younger than the store's settle window, or waiting for their catch-up job). One query
 * reads all three from one snapshot. Wrap the result in the app's `query(...)`; it is checked
 * like `clientProjectionQuery` (reactive projections are view projections).
 *
 * @example
 * export const orderDetail = query(
 *   reactiveProjectionQuery(orderDetailView, {
 *     eventStore, projectionStore,
 *     args: { orderId: v.string() },
 *     state: vOrderDetail,
 *     loadState: async (ctx, { orderId }) => (await orderRow(ctx, orderId))?.state ?? null,
 *     source: async (ctx, { orderId }) => ({
 *       streamType: "Order", streamId: orderId, partition: byStream(orderId),
 *       tenantId: await tenantOf(ctx),
 *     }),
 *   }),
 * );
 */
export function reactiveProjectionQuery<TCtx extends ReactiveQueryCtx, TArgs, TState>(
  reactive: ReactiveProjection<TState, string, never>,
  options: ReactiveQueryOptions<TCtx, TArgs, TState>,
): ReadModelQueryInput<TCtx, TArgs, ReactiveSnapshot<TState>> {
  const limit = checkOptions(reactive, options);
  return clientProjectionQuery(reactive.projection, {
    args: options.args,
    returns: vReactiveSnapshot(options.state),
    handler: async (ctx: TCtx, args: TArgs): Promise<ReactiveSnapshot<TState>> => {
      const state = await options.loadState(ctx, args);
      const source = await options.source(ctx, args);
      const recent = await readReactiveEvents(ctx, options, reactive, source, limit);
      return { state, ...recent };
    },
  });
}
