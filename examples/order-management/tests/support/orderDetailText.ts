// The order detail's events and state as the scenarios write them.
import type { OrderDetail, OrderDetailEvent } from "../../src/orderDetail/index.js";
import type { OrderItem } from "../../src/orders/index.js";

const PRICES: Record<string, number> = { kbd: 45, mouse: 20, cable: 5 };

/**
 * One stream's events from lines such as "created by ada at 1000", "added kbd x 2",
 * "removed kbd", "submitted at 2000", "confirmed at 3000", "cancelled at 3000",
 * "reservation placed until 9000", "reservation confirmed", "reservation released",
 * "reservation expired at 9000". Payloads carry what the real events do (running totals,
 * the submitted lines); ids are `<orderId>-<stream>-<n>`.
 */
export function orderDetailEvents(orderId: string, lines: readonly string[]): OrderDetailEvent[] {
  let items: OrderItem[] = [];
  const total = () => items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
  return lines.map((line, index): OrderDetailEvent => {
    const words = line.trim().split(/\s+/);
    const at = Number(words.at(-1));
    const stream = words[0] === "reservation" ? "reservation" : "order";
    const eventId = `${orderId}-${stream}-${index + 1}`;
    const event = <T extends OrderDetailEvent["eventType"]>(
      eventType: T,
      payload: Extract<OrderDetailEvent, { eventType: T }>["payload"],
    ) => ({ eventId, eventType, payload }) as OrderDetailEvent;
    const reservation = { reservationId: orderId, orderId };
    switch (words.slice(0, words[0] === "reservation" ? 2 : 1).join(" ")) {
      case "created":
        return event("OrderCreated", { orderId, customerId: words[2]!, createdAt: at });
      case "added": {
        const productId = words[1]!;
        const item = {
          productId,
          productName: productId.toUpperCase(),
          quantity: Number(words[3]),
          unitPrice: PRICES[productId] ?? 1,
        };
        items = [...items, item];
        return event("OrderItemAdded", { orderId, item, totalAmount: total() });
      }
      case "removed":
        items = items.filter((i) => i.productId !== words[1]);
        return event("OrderItemRemoved", { orderId, productId: words[1]!, totalAmount: total() });
      case "submitted":
        return event("OrderSubmitted", {
          orderId,
          customerId: "ada",
          items,
          totalAmount: total(),
          submittedAt: at,
          customer: {
            schemaVersion: 1,
            capturedAt: at,
            data: { customerId: "ada", name: "Ada", email: "ada@example.com" },
          },
        });
      case "confirmed":
        return event("OrderConfirmed", { orderId, totalAmount: total(), confirmedAt: at });
      case "cancelled":
        return event("OrderCancelled", {
          orderId,
          reason: "changed my mind",
          previousStatus: "submitted",
          totalAmount: total(),
          cancelledAt: at,
        });
      case "reservation placed":
        return event("ReservationPlaced", { ...reservation, lines: [], expiresAt: at });
      case "reservation confirmed":
        return event("ReservationConfirmed", reservation);
      case "reservation released":
        return event("ReservationReleased", { ...reservation, reason: "order cancelled" });
      case "reservation expired":
        return event("ReservationExpired", { ...reservation, expiredAt: at });
      default:
        throw new Error(`no order detail event reads "${line}"`);
    }
  });
}

/**
 * "ord-1 of ada: submitted, kbd x 2, mouse x 1 = 110, reservation held until 9000, updated at
 * 2000"; an unknown customer or status reads "?", no reservation "no reservation".
 */
export function describeDetail(detail: OrderDetail | null): string {
  if (detail === null) return "nothing";
  const items = detail.items.map((i) => `${i.productId} x ${i.quantity}`).join(", ");
  const reservation =
    detail.reservation === null
      ? "no reservation"
      : `reservation ${detail.reservation.status} until ${detail.reservation.expiresAt}`;
  return [
    `${detail.orderId} of ${detail.customerId ?? "?"}: ${detail.status ?? "?"}`,
    `${items.length > 0 ? items : "no items"} = ${detail.totalAmount}`,
    reservation,
    `updated at ${detail.updatedAt}`,
  ].join(", ");
}
