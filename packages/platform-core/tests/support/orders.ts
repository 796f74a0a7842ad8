// A small orders domain shared by the features: a command definition, a state and its rules.
import { defineCommand, defineProjection } from "@convex-es/platform-bc";
import { z } from "zod";
import { defineInvariant, defineInvariantSet } from "../../src/index.js";

export const submitOrder = defineCommand({
  commandType: "SubmitOrder",
  boundedContext: "orders",
  payload: z.strictObject({
    orderId: z.string().min(1),
    items: z.array(
      z.strictObject({ productId: z.string().min(1), quantity: z.number().int().positive() }),
    ),
    note: z.string().default(""),
  }),
});

export const cancelOrder = defineCommand({
  commandType: "CancelOrder",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: z.string().min(1) }),
});

export const orderSummary = defineProjection({
  projectionName: "orderSummary",
  description: "One row per order",
  targetTable: "orderSummaries",
  partitionKeyField: "orderId",
  eventSubscriptions: ["OrderSubmitted", "OrderCancelled"],
  category: "view",
  context: "orders",
});

export type OrderState = {
  readonly orderId: string;
  readonly status: "draft" | "submitted" | "cancelled";
  readonly items: readonly { productId: string; quantity: number }[];
  readonly total: number;
};

export type CreditContext = { readonly creditLimit: number } | undefined;

/** Which invariants were evaluated, in order: firstViolation must stop early. */
export const evaluated: string[] = [];

export const orderIsDraft = defineInvariant({
  name: "orderIsDraft",
  code: "ORDER_NOT_DRAFT",
  check: (order: OrderState, _credit: CreditContext) => {
    evaluated.push("orderIsDraft");
    return order.status === "draft";
  },
  message: (order) => `Order ${order.orderId} is ${order.status}, not a draft`,
  context: (order) => ({ orderId: order.orderId, status: order.status }),
});

export const orderHasItems = defineInvariant({
  name: "orderHasItems",
  code: "ORDER_EMPTY",
  check: (order: OrderState, _credit: CreditContext) => {
    evaluated.push("orderHasItems");
    return order.items.length > 0;
  },
  message: (order) => `Order ${order.orderId} has no items`,
  context: (order) => ({ orderId: order.orderId }),
});

export const totalWithinCreditLimit = defineInvariant({
  name: "totalWithinCreditLimit",
  code: "CREDIT_LIMIT_EXCEEDED",
  description: "An order may not exceed the customer's credit limit",
  check: (order: OrderState, credit: CreditContext) => {
    evaluated.push("totalWithinCreditLimit");
    return credit === undefined || order.total <= credit.creditLimit;
  },
  message: (order, credit) =>
    `Order ${order.orderId} totals ${order.total}, over the credit limit of ${credit?.creditLimit}`,
});

export const orderRules = defineInvariantSet([orderIsDraft, orderHasItems, totalWithinCreditLimit]);

export function order(
  orderId: string,
  status: OrderState["status"],
  itemCount: number,
  total: number,
): OrderState {
  return {
    orderId,
    status,
    items: Array.from({ length: itemCount }, (_, i) => ({ productId: `p-${i + 1}`, quantity: 1 })),
    total,
  };
}
