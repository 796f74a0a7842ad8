// The order detail page's data: the durable read model with the order's newer events applied
// through the same evolve the server runs, so a customer sees their own action at once, not
// after the projection's settle window. Runs in the browser under the app's ConvexProvider.
import type { ReactiveEvent } from "@convex-es/platform-core";
import { useReactiveProjection } from "@convex-es/platform-core/react";
import type { ReactiveProjectionResult } from "@convex-es/platform-core/react";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api.js";
import { orderDetailView } from "../orderDetail/projection.js";
import type { OrderDetail } from "../orderDetail/detail.js";

export interface OrderDetailOptions {
  /** Events this client made itself for a command in flight, shown before the store has them. */
  readonly optimisticEvents?: readonly ReactiveEvent[];
  /** How long an event may wait for the durable read model before the view rolls back; 30 s. */
  readonly staleAfterMs?: number;
}

export interface OrderDetailView extends Omit<ReactiveProjectionResult<OrderDetail>, "state"> {
  /** The merged detail; null while loading, for an order the caller may not read, or unknown. */
  readonly detail: OrderDetail | null;
}

/**
 * One order's detail, merged from the durable read model and the events it lacks.
 *
 * @example
 * const { detail, isOptimistic, pendingEvents } = useOrderDetail(orderId);
 */
export function useOrderDetail(orderId: string, options: OrderDetailOptions = {}): OrderDetailView {
  const snapshot = useQuery(api.projections.orderDetailLive.orderDetailLive, { orderId });
  const { state, ...merged } = useReactiveProjection(orderDetailView, snapshot, options);
  // Reservation events alone (the order's own not seen yet) do not make an order to show.
  return { ...merged, detail: state === null || state.status === null ? null : state };
}
