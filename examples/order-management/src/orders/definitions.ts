// The orders bounded context as contracts: its identity, the commands clients send (payload
// schemas the validation middleware parses), its dual-write contract and its CMS version.
import {
  defineBoundedContext,
  defineCMS,
  defineCommand,
  defineDualWriteContract,
} from "@convex-es/platform-bc";
import { z } from "zod";
import { orderErrorCodes } from "./messages.js";
import type { Order } from "./state.js";

export const ordersContext = defineBoundedContext({
  name: "orders",
  description: "Orders from draft to confirmation or cancellation",
  version: 1,
  streamTypePrefix: "Order",
});

/** Ids clients choose: letters, digits, `-` and `_` (a `:` would be ambiguous in keys). */
export const zId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "1 to 64 letters, digits, - or _");

export const zOrderItem = z.strictObject({
  productId: zId,
  productName: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(1000),
  unitPrice: z.number().nonnegative(),
});

export const createOrder = defineCommand({
  commandType: "CreateOrder",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: zId, customerId: z.string().min(1) }),
  createsAggregate: true,
  producesEvents: ["OrderCreated"],
});

export const addOrderItem = defineCommand({
  commandType: "AddOrderItem",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: zId, item: zOrderItem }),
  producesEvents: ["OrderItemAdded"],
});

export const removeOrderItem = defineCommand({
  commandType: "RemoveOrderItem",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: zId, productId: zId }),
  producesEvents: ["OrderItemRemoved"],
});

export const submitOrder = defineCommand({
  commandType: "SubmitOrder",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: zId }),
  producesEvents: ["OrderSubmitted"],
});

export const confirmOrder = defineCommand({
  commandType: "ConfirmOrder",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: zId }),
  producesEvents: ["OrderConfirmed"],
});

export const cancelOrder = defineCommand({
  commandType: "CancelOrder",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: zId, reason: z.string().min(1).max(500) }),
  producesEvents: ["OrderCancelled"],
});

/** The order snapshot as the orders context stores it (CMS). */
export const orderCMS = defineCMS<Order>({ cmsType: "orderCMS", currentVersion: 1 });

export const ordersContract = defineDualWriteContract({
  identity: ordersContext,
  executionMode: "dual-write",
  commandTypes: [
    "CreateOrder",
    "AddOrderItem",
    "RemoveOrderItem",
    "SubmitOrder",
    "ConfirmOrder",
    "CancelOrder",
  ],
  eventTypes: [
    "OrderCreated",
    "OrderItemAdded",
    "OrderItemRemoved",
    "OrderSubmitted",
    "OrderConfirmed",
    "OrderCancelled",
  ],
  cmsTypes: { orderCMS: { currentVersion: 1 } },
  errorCodes: [...orderErrorCodes],
});
