import type { OrderItem } from "./messages.js";
import type { OrderStatus } from "./orderStatus.js";

/** The order's command model: everything its decisions need, nothing more. */
export type Order = {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItem[];
  totalAmount: number;
  updatedAt: number;
};

export type OrderState = Order | null;

export const MAX_ITEMS_PER_ORDER = 50;

export function totalOf(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}
