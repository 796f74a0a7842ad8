import type { InventoryEvent } from "./messages.js";
import { reservationStatus } from "./reservationStatus.js";
import type { InventoryState, ProductStock, Reservation } from "./state.js";

function withProduct(
  state: InventoryState,
  productId: string,
  change: (product: ProductStock) => ProductStock,
): InventoryState {
  const product = state.products[productId];
  if (product === undefined) {
    throw new Error(`an event changed product ${productId}, which this state does not hold`);
  }
  return { ...state, products: { ...state.products, [productId]: change(product) } };
}

function withReservation(
  state: InventoryState,
  reservationId: string,
  status: "confirmed" | "released" | "expired",
): InventoryState {
  const reservation = state.reservations[reservationId];
  if (reservation === undefined) {
    throw new Error(
      `an event changed reservation ${reservationId}, which this state does not hold`,
    );
  }
  const next: Reservation = {
    ...reservation,
    status: reservationStatus.transition(reservation.status, status),
  };
  return { ...state, reservations: { ...state.reservations, [reservationId]: next } };
}

/**
 * Folds one warehouse event into the loaded part of the scope. The same function rebuilds the
 * whole warehouse from its virtual stream, since that starts from nothing and holds every event.
 */
export function evolveInventory(state: InventoryState, event: InventoryEvent): InventoryState {
  switch (event.type) {
    case "ProductCreated": {
      const { productId, name } = event.data;
      const product: ProductStock = { productId, name, onHand: 0, reserved: 0 };
      return { ...state, products: { ...state.products, [productId]: product } };
    }
    case "StockAdded":
      return withProduct(state, event.data.productId, (p) => ({ ...p, onHand: event.data.onHand }));
    case "StockReserved":
      return withProduct(state, event.data.productId, (p) => ({
        ...p,
        reserved: p.reserved + event.data.quantity,
      }));
    case "StockReleased":
      return withProduct(state, event.data.productId, (p) => ({
        ...p,
        reserved: p.reserved - event.data.quantity,
      }));
    case "StockAllocated":
      return withProduct(state, event.data.productId, (p) => ({
        ...p,
        onHand: p.onHand - event.data.quantity,
        reserved: p.reserved - event.data.quantity,
      }));
    case "ReservationPlaced": {
      const { reservationId, orderId, lines, expiresAt } = event.data;
      const reservation: Reservation = {
        reservationId,
        orderId,
        lines,
        status: reservationStatus.initial,
        expiresAt,
      };
      return { ...state, reservations: { ...state.reservations, [reservationId]: reservation } };
    }
    case "ReservationConfirmed":
      return withReservation(state, event.data.reservationId, "confirmed");
    case "ReservationReleased":
      return withReservation(state, event.data.reservationId, "released");
    case "ReservationExpired":
      return withReservation(state, event.data.reservationId, "expired");
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled inventory event ${JSON.stringify(unhandled)}`);
    }
  }
}
