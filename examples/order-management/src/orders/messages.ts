export type OrderItem = {
  productId: string;
  productName: string;
  quantity: number;
  unitPrice: number;
};

export type OrderCommand =
  | { type: "CreateOrder"; data: { orderId: string; customerId: string } }
  | { type: "AddOrderItem"; data: { item: OrderItem } }
  | { type: "RemoveOrderItem"; data: { productId: string } }
  | { type: "SubmitOrder"; data: Record<string, never> }
  | { type: "ConfirmOrder"; data: Record<string, never> }
  | { type: "CancelOrder"; data: { reason: string } };

export type OrderEvent =
  | { type: "OrderCreated"; data: { orderId: string; customerId: string; createdAt: number } }
  | { type: "OrderItemAdded"; data: { orderId: string; item: OrderItem; totalAmount: number } }
  | { type: "OrderItemRemoved"; data: { orderId: string; productId: string; totalAmount: number } }
  | {
      type: "OrderSubmitted";
      data: { orderId: string; items: OrderItem[]; totalAmount: number; submittedAt: number };
    }
  | { type: "OrderConfirmed"; data: { orderId: string; confirmedAt: number } }
  | { type: "OrderCancelled"; data: { orderId: string; reason: string; cancelledAt: number } };

/** Stable codes of the rejections an order can return. */
export const orderErrorCodes = [
  "ORDER_ALREADY_EXISTS",
  "ORDER_NOT_FOUND",
  "ORDER_NOT_IN_DRAFT",
  "ORDER_NOT_SUBMITTED",
  "ORDER_ALREADY_CANCELLED",
  "ORDER_ALREADY_CONFIRMED",
  "ORDER_HAS_NO_ITEMS",
  "ORDER_TOO_MANY_ITEMS",
  "INVALID_QUANTITY",
  "INVALID_PRICE",
  "ITEM_NOT_IN_ORDER",
] as const;

export type OrderErrorCode = (typeof orderErrorCodes)[number];
