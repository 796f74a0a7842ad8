import type { InventoryEvent } from "./messages.js";

/** The warehouse scope's streams: one per product (StockProduct), one per reservation (StockReservation). */
export function streamOfInventoryEvent(event: InventoryEvent): {
  streamType: string;
  streamId: string;
} {
  return "productId" in event.data
    ? { streamType: "StockProduct", streamId: event.data.productId }
    : { streamType: "StockReservation", streamId: event.data.reservationId };
}
