// The orders context's events as contracts. The handlers are given them, so each is stored with
// its category and schema version, and an event the decider emits without a definition is
// refused before anything is written. OrderSubmitted is a fat event (Event-Carried State Transfer):
// shipping and the other contexts that follow submissions get the customer as of the
// submission with it, and never query the customers context back. The customer's name and
// email are personal data, marked for crypto-shredding by the snapshot the customers context
// defines.
import { defineEvent } from "@convex-es/platform-bc";
import { defineFatEvent } from "@convex-es/platform-core";
import { z } from "zod";
import { customerSnapshot } from "../customers/index.js";
import { zOrderItem } from "./definitions.js";

const orderEvent = <TType extends string, TShape extends z.ZodRawShape>(
  eventType: TType,
  description: string,
  shape: TShape,
) =>
  defineEvent({
    eventType,
    boundedContext: "orders",
    schemaVersion: 1,
    category: "domain",
    description,
    payload: z.object(shape),
  });

export const orderCreated = orderEvent("OrderCreated", "A customer opened a draft order", {
  orderId: z.string(),
  customerId: z.string(),
  createdAt: z.number(),
});
export const orderItemAdded = orderEvent("OrderItemAdded", "An item was added to a draft", {
  orderId: z.string(),
  item: zOrderItem,
  totalAmount: z.number(),
});
export const orderItemRemoved = orderEvent("OrderItemRemoved", "An item left a draft", {
  orderId: z.string(),
  productId: z.string(),
  totalAmount: z.number(),
});
export const orderConfirmed = orderEvent("OrderConfirmed", "The order's stock is secured", {
  orderId: z.string(),
  totalAmount: z.number(),
  confirmedAt: z.number(),
});
export const orderCancelled = orderEvent("OrderCancelled", "A draft or submitted order ended", {
  orderId: z.string(),
  reason: z.string(),
  previousStatus: z.enum(["draft", "submitted"]),
  totalAmount: z.number(),
  cancelledAt: z.number(),
});

export const orderSubmitted = defineFatEvent({
  eventType: "OrderSubmitted",
  boundedContext: "orders",
  schemaVersion: 1,
  description: "A draft order was submitted with its items, total and customer",
  payload: z.object({
    orderId: z.string(),
    customerId: z.string(),
    items: z.array(
      z.object({
        productId: z.string(),
        productName: z.string(),
        quantity: z.number(),
        unitPrice: z.number(),
      }),
    ),
    totalAmount: z.number(),
    submittedAt: z.number(),
  }),
  snapshots: { customer: customerSnapshot },
});

/** Every event the order decider emits, for the handlers (`events`). */
export const orderEvents = [
  orderCreated,
  orderItemAdded,
  orderItemRemoved,
  orderSubmitted,
  orderConfirmed,
  orderCancelled,
] as const;
