/** One product line of a reservation. */
export type StockLine = { productId: string; quantity: number };

export type InventoryCommand =
  | { type: "CreateProduct"; data: { productId: string; name: string } }
  | { type: "AddStock"; data: { productId: string; quantity: number } }
  | { type: "ReserveStock"; data: { reservationId: string; orderId: string; lines: StockLine[] } }
  | { type: "ConfirmReservation"; data: { reservationId: string } }
  | { type: "ReleaseReservation"; data: { reservationId: string; reason: string } }
  | { type: "ExpireReservations"; data: { reservationIds: string[] } };

/**
 * Events of the warehouse scope. Those naming a `productId` go to that product's stream, the
 * others to the reservation's stream; one command's events commit together in one scope commit.
 */
export type InventoryEvent =
  | { type: "ProductCreated"; data: { productId: string; name: string } }
  | { type: "StockAdded"; data: { productId: string; quantity: number; onHand: number } }
  | { type: "StockReserved"; data: { productId: string; reservationId: string; quantity: number } }
  | { type: "StockReleased"; data: { productId: string; reservationId: string; quantity: number } }
  | {
      type: "StockAllocated";
      data: { productId: string; reservationId: string; quantity: number };
    }
  | {
      type: "ReservationPlaced";
      data: { reservationId: string; orderId: string; lines: StockLine[]; expiresAt: number };
    }
  | { type: "ReservationConfirmed"; data: { reservationId: string; orderId: string } }
  | {
      type: "ReservationReleased";
      data: { reservationId: string; orderId: string; reason: string };
    }
  | {
      type: "ReservationExpired";
      data: { reservationId: string; orderId: string; expiredAt: number };
    };

/** Stable codes of the rejections of the inventory context. */
export const inventoryErrorCodes = [
  "PRODUCT_ALREADY_EXISTS",
  "PRODUCT_NOT_FOUND",
  "INVALID_QUANTITY",
  "RESERVATION_ALREADY_EXISTS",
  "RESERVATION_HAS_NO_LINES",
  "DUPLICATE_LINE",
  "UNKNOWN_PRODUCTS",
  "INSUFFICIENT_STOCK",
  "RESERVATION_NOT_FOUND",
  "RESERVATION_NOT_HELD",
  "RESERVATION_EXPIRED",
  "RESERVATIONS_NOT_DUE",
] as const;

export type InventoryErrorCode = (typeof inventoryErrorCodes)[number];
