// The orders context's handler mutations: the pure order decider over the orders' CMS, through
// platform-core's handler factories. The app's CommandOrchestrator calls them; they decide,
// write the CMS row and return the events, which the orchestrator appends in the same
// transaction.
import { createDeciderHandler, createEntityDeciderHandler } from "@convex-es/platform-core";
import { v } from "convex/values";
import { orderCMS, orderDecider, orderEvents } from "../../src/orders/index.js";
import { loadOrder, writeOrder } from "./cms.js";
import { mutation } from "./_generated/server.js";
import { vOrderItem } from "./schema.js";

/** What inventory answered for the stock a submission or confirmation needs. */
const vStockAnswer = v.union(
  v.object({ status: v.literal("accepted") }),
  v.object({
    status: v.literal("refused"),
    code: v.string(),
    message: v.string(),
    context: v.optional(v.record(v.string(), v.any())),
  }),
);

/** The customer as the customers context holds it; absent when they never registered. */
const vCustomerSnapshot = v.object({ customerId: v.string(), name: v.string(), email: v.string() });

const orderStream = (args: { orderId: string }) => ({
  streamType: "Order",
  streamId: args.orderId,
});

/** The options every handler of an existing order shares. */
const existingOrder = {
  decider: orderDecider,
  cms: orderCMS,
  streamOf: orderStream,
  loadCMS: loadOrder,
  applyStateUpdate: writeOrder,
  notFoundCode: "ORDER_NOT_FOUND",
  events: orderEvents,
};

export const create = mutation(
  createEntityDeciderHandler({
    args: { orderId: v.string(), customerId: v.string(), customer: v.optional(vCustomerSnapshot) },
    decider: orderDecider,
    cms: orderCMS,
    toCommand: ({ orderId, customerId, customer }) => ({
      type: "CreateOrder" as const,
      data: { orderId, customerId, ...(customer !== undefined && { customer }) },
    }),
    streamOf: orderStream,
    loadCMS: loadOrder,
    applyStateUpdate: writeOrder,
    alreadyExistsCode: "ORDER_ALREADY_EXISTS",
    events: orderEvents,
  }),
);

export const addItem = mutation(
  createDeciderHandler({
    ...existingOrder,
    args: { orderId: v.string(), item: vOrderItem },
    toCommand: (args) => ({ type: "AddOrderItem" as const, data: { item: args.item } }),
  }),
);

export const removeItem = mutation(
  createDeciderHandler({
    ...existingOrder,
    args: { orderId: v.string(), productId: v.string() },
    toCommand: (args) => ({
      type: "RemoveOrderItem" as const,
      data: { productId: args.productId },
    }),
  }),
);

export const submit = mutation(
  createDeciderHandler({
    ...existingOrder,
    args: {
      orderId: v.string(),
      stock: v.optional(vStockAnswer),
      customer: v.optional(vCustomerSnapshot),
    },
    toCommand: ({ stock, customer }) => ({
      type: "SubmitOrder" as const,
      data: {
        ...(stock !== undefined && { stock }),
        ...(customer !== undefined && { customer }),
      },
    }),
  }),
);

export const confirm = mutation(
  createDeciderHandler({
    ...existingOrder,
    args: { orderId: v.string(), stock: v.optional(vStockAnswer) },
    toCommand: (args) => ({
      type: "ConfirmOrder" as const,
      data: args.stock === undefined ? {} : { stock: args.stock },
    }),
  }),
);

export const cancel = mutation(
  createDeciderHandler({
    ...existingOrder,
    args: { orderId: v.string(), reason: v.string() },
    toCommand: (args) => ({ type: "CancelOrder" as const, data: { reason: args.reason } }),
  }),
);
