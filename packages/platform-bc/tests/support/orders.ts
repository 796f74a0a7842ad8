import { z } from "zod";
import {
  defineBoundedContext,
  defineCMS,
  defineCommand,
  defineDualWriteContract,
  defineEvent,
  defineProjection,
  defineQuery,
} from "../../src/index.js";

// A small orders context used across the features.

export const ordersIdentity = defineBoundedContext({
  name: "orders",
  description: "Order lifecycle from draft to confirmation",
  version: 1,
  streamTypePrefix: "Order",
});

export const ordersContract = defineDualWriteContract({
  identity: ordersIdentity,
  executionMode: "dual-write",
  commandTypes: ["CreateOrder", "SubmitOrder", "CancelOrder"],
  eventTypes: ["OrderCreated", "OrderSubmitted", "OrderCancelled"],
  cmsTypes: { orderCMS: { currentVersion: 2 } },
  errorCodes: ["ORDER_NOT_FOUND", "ORDER_NOT_IN_DRAFT"],
});

export const orderItem = z.strictObject({
  productId: z.string().min(1),
  quantity: z.number().int().positive(),
  unitPrice: z.number().nonnegative(),
});

export const submitOrder = defineCommand({
  commandType: "SubmitOrder",
  boundedContext: "orders",
  description: "Submit a draft order for confirmation",
  payload: z.strictObject({ orderId: z.string().min(1), items: z.array(orderItem) }),
  targetAggregate: "order",
  producesEvents: ["OrderSubmitted"],
  errorCodes: ["ORDER_NOT_IN_DRAFT"],
});

export const createOrder = defineCommand({
  commandType: "CreateOrder",
  boundedContext: "orders",
  payload: z.strictObject({ orderId: z.string(), customerId: z.string() }),
  createsAggregate: true,
});

export const orderSubmitted = defineEvent({
  eventType: "OrderSubmitted",
  boundedContext: "orders",
  schemaVersion: 2,
  category: "fat",
  payload: z.strictObject({
    orderId: z.string(),
    totalCents: z.number().int(),
    customer: z.strictObject({ customerId: z.string(), name: z.string() }),
  }),
  upcasters: {
    // v1 had a decimal `total` and no customer snapshot.
    1: (v1: { orderId: string; total: number; customerId: string }) => ({
      orderId: v1.orderId,
      totalCents: Math.round(v1.total * 100),
      customer: { customerId: v1.customerId, name: "(unknown)" },
    }),
  },
});

export const orderCreated = defineEvent({
  eventType: "OrderCreated",
  boundedContext: "orders",
  schemaVersion: 1,
  category: "domain",
  payload: z.strictObject({ orderId: z.string(), customerId: z.string() }),
});

export const getOrderSummary = defineQuery({
  queryName: "getOrderSummary",
  boundedContext: "orders",
  args: z.strictObject({ orderId: z.string().min(1) }),
  targetProjection: "orderSummary",
  resultMode: "single",
});

export const listOrders = defineQuery({
  queryName: "listOrders",
  boundedContext: "orders",
  args: z.strictObject({
    paginationOpts: z.strictObject({ numItems: z.number(), cursor: z.string().nullable() }),
  }),
  targetProjection: "orderSummary",
  resultMode: "paginated",
});

export type OrderCMS = {
  orderId: string;
  status: "draft" | "submitted";
  totalCents: number;
};

export const orderCMS = defineCMS<OrderCMS>({
  cmsType: "orderCMS",
  currentVersion: 2,
  upcasters: {
    1: (v1: { orderId: string; status: string; total: number }) => ({
      orderId: v1.orderId,
      status: v1.status,
      totalCents: Math.round(v1.total * 100),
    }),
  },
});

/** A valid projection of each category, by category name. */
export const projectionsByCategory = {
  logic: defineProjection({
    projectionName: "orderExists",
    description: "Which order ids exist, for command validation",
    targetTable: "orderExistence",
    partitionKeyField: "orderId",
    eventSubscriptions: ["OrderCreated"],
    category: "logic",
    context: "orders",
  }),
  view: defineProjection({
    projectionName: "orderSummary",
    description: "One row per order for the order pages",
    targetTable: "orderSummaries",
    partitionKeyField: "orderId",
    eventSubscriptions: ["OrderCreated", "OrderSubmitted", "OrderCancelled"],
    category: "view",
    context: "orders",
  }),
  reporting: defineProjection({
    projectionName: "dailySalesReport",
    description: "Sales totals per day",
    targetTable: "dailySales",
    eventSubscriptions: ["OrderSubmitted", "OrderCancelled"],
    category: "reporting",
    context: "orders",
  }),
  integration: defineProjection({
    projectionName: "orderStatusForShipping",
    description: "Order status published to the shipping context",
    targetTable: "orderStatusOutbox",
    partitionKeyField: "orderId",
    eventSubscriptions: ["OrderSubmitted"],
    category: "integration",
    context: "orders",
  }),
} as const;

/** Fields of a valid view projection, to vary one at a time. */
export const validProjectionFields: Record<string, unknown> = {
  projectionName: "orderSummary",
  description: "One row per order for the order pages",
  targetTable: "orderSummaries",
  partitionKeyField: "orderId",
  eventSubscriptions: ["OrderCreated", "OrderSubmitted"],
  category: "view",
  context: "orders",
};
