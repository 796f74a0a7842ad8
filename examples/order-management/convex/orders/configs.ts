// How the orchestrator runs each order command: its definition (payload schema), the orders
// context's handler and the handler's arguments.
import type { OrchestratedCommandConfig } from "@convex-es/platform-core";
import {
  addOrderItem,
  cancelOrder,
  confirmOrder,
  createOrder,
  removeOrderItem,
  submitOrder,
} from "../../src/orders/index.js";
import type { CustomerSnapshot } from "../../src/customers/index.js";
import type { StockAnswer } from "../../src/orders/index.js";
import { components } from "../_generated/api.js";

/** The customers context's answer (the registered customer, if any) goes to the handler. */
export function createOrderConfig(
  customer: CustomerSnapshot | undefined,
): OrchestratedCommandConfig<typeof createOrder> {
  return {
    definition: createOrder,
    handler: components.orders.handlers.create,
    toHandlerArgs: (payload, context) => ({
      ...context,
      ...payload,
      ...(customer !== undefined && { customer }),
    }),
  };
}

export const addOrderItemConfig: OrchestratedCommandConfig<typeof addOrderItem> = {
  definition: addOrderItem,
  handler: components.orders.handlers.addItem,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

export const removeOrderItemConfig: OrchestratedCommandConfig<typeof removeOrderItem> = {
  definition: removeOrderItem,
  handler: components.orders.handlers.removeItem,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

/**
 * Inventory's answer and the customer snapshot go to the handler, not into the payload: the
 * payload is what the client asked (`{ orderId }`) and is what a retried commandId is compared
 * on.
 */
export function submitOrderConfig(
  stock: StockAnswer | undefined,
  customer?: CustomerSnapshot,
): OrchestratedCommandConfig<typeof submitOrder> {
  return {
    definition: submitOrder,
    handler: components.orders.handlers.submit,
    toHandlerArgs: (payload, context) => ({
      ...context,
      ...payload,
      ...(stock !== undefined && { stock }),
      ...(customer !== undefined && { customer }),
    }),
  };
}

export function confirmOrderConfig(
  stock: StockAnswer | undefined,
): OrchestratedCommandConfig<typeof confirmOrder> {
  return {
    definition: confirmOrder,
    handler: components.orders.handlers.confirm,
    toHandlerArgs: (payload, context) => ({
      ...context,
      ...payload,
      ...(stock !== undefined && { stock }),
    }),
  };
}

export const cancelOrderConfig: OrchestratedCommandConfig<typeof cancelOrder> = {
  definition: cancelOrder,
  handler: components.orders.handlers.cancel,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};
