import type { CustomerSnapshot } from "../customers/index.js";

export type OrderItem = {
  productId: string;
  productName: string;
  quantity: number;
  unitPrice: number;
};

/**
 * What the inventory context answered for the stock a command needs (reserving it on
 * submission, allocating it on confirmation). The app asks inventory's own decider before the
 * order decides, so the order never goes ahead on stock inventory would refuse; a refusal
 * carries inventory's code and context (e.g. INSUFFICIENT_STOCK with the short products).
 */
export type StockAnswer =
  | { status: "accepted" }
  | { status: "refused"; code: string; message: string; context?: Record<string, unknown> };

/**
 * The customer as the customers context holds it, embedded in OrderSubmitted: the snapshot's
 * schema version, when it was read (the command's time) and the data.
 */
export type CustomerEnvelope = {
  schemaVersion: number;
  capturedAt: number;
  data: CustomerSnapshot;
};

/**
 * `customer` is the customers context's answer, read by the app before the order decides (the
 * way `stock` is inventory's): the registered customer, or absent when there is none.
 */
export type OrderCommand =
  | {
      type: "CreateOrder";
      data: { orderId: string; customerId: string; customer?: CustomerSnapshot };
    }
  | { type: "AddOrderItem"; data: { item: OrderItem } }
  | { type: "RemoveOrderItem"; data: { productId: string } }
  | { type: "SubmitOrder"; data: { stock?: StockAnswer; customer?: CustomerSnapshot } }
  | { type: "ConfirmOrder"; data: { stock?: StockAnswer } }
  | { type: "CancelOrder"; data: { reason: string } };

export type OrderEvent =
  | { type: "OrderCreated"; data: { orderId: string; customerId: string; createdAt: number } }
  | { type: "OrderItemAdded"; data: { orderId: string; item: OrderItem; totalAmount: number } }
  | { type: "OrderItemRemoved"; data: { orderId: string; productId: string; totalAmount: number } }
  | {
      type: "OrderSubmitted";
      data: {
        orderId: string;
        customerId: string;
        items: OrderItem[];
        totalAmount: number;
        submittedAt: number;
        /** A fat event: the customer as of the submission (see events.ts). */
        customer: CustomerEnvelope;
      };
    }
  | { type: "OrderConfirmed"; data: { orderId: string; totalAmount: number; confirmedAt: number } }
  | {
      type: "OrderCancelled";
      data: {
        orderId: string;
        reason: string;
        /** The status the order left: a submitted order held stock, a draft did not. */
        previousStatus: "draft" | "submitted";
        totalAmount: number;
        cancelledAt: number;
      };
    };

/** Stable codes of the rejections an order decides itself. */
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
  "ITEM_ALREADY_IN_ORDER",
  "ITEM_NOT_IN_ORDER",
  "STOCK_NOT_CHECKED",
  "CUSTOMER_NOT_REGISTERED",
] as const;

export type OrderErrorCode = (typeof orderErrorCodes)[number];
