import type { ReactiveEvent } from "@convex-es/platform-core";
import type { InventoryEvent } from "../inventory/messages.js";
import type { OrderEvent, OrderItem } from "../orders/messages.js";
import type { OrderStatus } from "../orders/orderStatus.js";

/** The events the order detail folds: the order's own stream and its reservation's. */
export const orderDetailEventTypes = [
  "OrderCreated",
  "OrderItemAdded",
  "OrderItemRemoved",
  "OrderSubmitted",
  "OrderConfirmed",
  "OrderCancelled",
  "ReservationPlaced",
  "ReservationConfirmed",
  "ReservationReleased",
  "ReservationExpired",
] as const satisfies readonly (OrderEvent | InventoryEvent)["type"][];

type OrderDetailEventType = (typeof orderDetailEventTypes)[number];
type DataOf<T extends OrderDetailEventType> = Extract<
  OrderEvent | InventoryEvent,
  { type: T }
>["data"];

/** An event as the shared evolve sees it, on the server and in the browser alike. */
export type OrderDetailEvent = {
  [T in OrderDetailEventType]: ReactiveEvent<T, DataOf<T>>;
}[OrderDetailEventType];

export type ReservationStatus = "held" | "confirmed" | "released" | "expired";

/** One order with its items and the state of its stock reservation. */
export type OrderDetail = {
  orderId: string;
  /** Null until the order's OrderCreated is folded (its reservation's events may come first). */
  customerId: string | null;
  status: OrderStatus | null;
  items: OrderItem[];
  totalAmount: number;
  reservation: { status: ReservationStatus; expiresAt: number } | null;
  /** The latest time the folded events carry (created, submitted, confirmed, cancelled, expired). */
  updatedAt: number;
};

/** The detail before any event: evolve names the order from its first event. */
export const emptyOrderDetail: OrderDetail = {
  orderId: "",
  customerId: null,
  status: null,
  items: [],
  totalAmount: 0,
  reservation: null,
  updatedAt: 0,
};
