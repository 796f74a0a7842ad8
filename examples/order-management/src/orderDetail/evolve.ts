// The order detail's one state transition, run by the durable projection on the server and by
// the browser on the events the durable read model has not applied yet. The order's events and
// its reservation's come from two streams whose positions are not ordered against each other
// within a millisecond, so each event type changes only its own fields and times only move
// forward: folding the two streams in any interleaving gives the same detail.
import type { OrderDetail, OrderDetailEvent, ReservationStatus } from "./detail.js";

/** A later reservation event keeps the expiry of ReservationPlaced, even if it came first. */
function reservationNow(
  detail: OrderDetail,
  status: ReservationStatus,
): OrderDetail["reservation"] {
  return { status, expiresAt: detail.reservation?.expiresAt ?? 0 };
}

function touched(detail: OrderDetail, orderId: string, at?: number): OrderDetail {
  return { ...detail, orderId, updatedAt: Math.max(detail.updatedAt, at ?? 0) };
}

/** Pure: no clock, no I/O, and `detail` is never changed in place. */
export function evolveOrderDetail(detail: OrderDetail, event: OrderDetailEvent): OrderDetail {
  switch (event.eventType) {
    case "OrderCreated": {
      const { orderId, customerId, createdAt } = event.payload;
      return {
        ...touched(detail, orderId, createdAt),
        customerId,
        status: detail.status ?? "draft",
      };
    }
    case "OrderItemAdded": {
      const { orderId, item, totalAmount } = event.payload;
      return { ...touched(detail, orderId), items: [...detail.items, item], totalAmount };
    }
    case "OrderItemRemoved": {
      const { orderId, productId, totalAmount } = event.payload;
      return {
        ...touched(detail, orderId),
        items: detail.items.filter((item) => item.productId !== productId),
        totalAmount,
      };
    }
    case "OrderSubmitted": {
      const { orderId, items, totalAmount, submittedAt } = event.payload;
      return { ...touched(detail, orderId, submittedAt), status: "submitted", items, totalAmount };
    }
    case "OrderConfirmed": {
      const { orderId, confirmedAt } = event.payload;
      return { ...touched(detail, orderId, confirmedAt), status: "confirmed" };
    }
    case "OrderCancelled": {
      const { orderId, cancelledAt } = event.payload;
      return { ...touched(detail, orderId, cancelledAt), status: "cancelled" };
    }
    case "ReservationPlaced": {
      const { orderId, expiresAt } = event.payload;
      return { ...touched(detail, orderId), reservation: { status: "held", expiresAt } };
    }
    case "ReservationConfirmed":
      return {
        ...touched(detail, event.payload.orderId),
        reservation: reservationNow(detail, "confirmed"),
      };
    case "ReservationReleased":
      return {
        ...touched(detail, event.payload.orderId),
        reservation: reservationNow(detail, "released"),
      };
    case "ReservationExpired": {
      const { orderId, expiredAt } = event.payload;
      return {
        ...touched(detail, orderId, expiredAt),
        reservation: reservationNow(detail, "expired"),
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
