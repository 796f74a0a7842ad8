import type { StockLine } from "./messages.js";
import type { ReservationStatus } from "./reservationStatus.js";

/** A product's stock: what is on the shelf and how much of it is held for orders. */
export type ProductStock = {
  productId: string;
  name: string;
  onHand: number;
  reserved: number;
};

export type Reservation = {
  reservationId: string;
  orderId: string;
  lines: StockLine[];
  status: ReservationStatus;
  expiresAt: number;
};

/**
 * The part of the warehouse scope one decision needs: the products and reservations its
 * command names, loaded from the CMS. Entities it does not name are simply absent.
 */
export type InventoryState = {
  products: Record<string, ProductStock>;
  reservations: Record<string, Reservation>;
};

export const emptyInventory: InventoryState = { products: {}, reservations: {} };

/** A reservation holds stock this long unless confirmed or released first. */
export const RESERVATION_TTL_MS = 15 * 60 * 1000;

export function availableOf(product: ProductStock): number {
  return product.onHand - product.reserved;
}
