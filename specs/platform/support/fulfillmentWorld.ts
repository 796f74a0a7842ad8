// The scenario state of the saga orchestration specs and what their steps do with the
// fulfilment app: place orders, drive the background work, answer the payment provider.
import type { StartSagaResult } from "@convex-es/platform-core";
import { internal } from "./fulfillmentApp/convex/_generated/api.js";
import type { Order } from "./fulfillmentSteps.js";
import { place, runBackgroundWork } from "./fulfillmentSteps.js";
import type { FulfillmentApp } from "./fulfillmentTestApp.js";
import { createWorld } from "./world.js";

export const world = createWorld(() => ({
  t: undefined as FulfillmentApp | undefined,
  placed: [] as StartSagaResult[],
  orders: new Map<string, Order>(),
}));
export const app = (): FulfillmentApp => {
  if (world.value.t === undefined) throw new Error("no fulfilment app in this scenario");
  return world.value.t;
};
export const run = () => runBackgroundWork(app());

export async function placeOrder(order: Order): Promise<void> {
  world.value.orders.set(order.orderId, order);
  world.value.placed.push(await place(app(), order));
}
export function order(
  orderId: string,
  quantity: number,
  sku: string,
  amount: number,
  address: string,
  requiresAuthorization = false,
): Order {
  return { orderId, quantity, sku, amount, address, requiresAuthorization };
}
export const authorize = (orderId: string) =>
  app().mutation(internal.orders.authorizePayment, { orderId, authorizationId: `auth-${orderId}` });
export const decline = (orderId: string) =>
  app().mutation(internal.orders.declinePayment, { orderId, reason: "authorization denied" });
export const atlantis = (orderId: string) => order(orderId, 2, "sku-1", 30, "Atlantis");
export const suspendRefunds = (reason: string | null) =>
  app().mutation(internal.reads.suspendRefunds, { reason });

// How an order's saga ends, for the onComplete outline.
export const endings: Record<string, (orderId: string) => Promise<void>> = {
  "being fulfilled": (orderId) => placeOrder(order(orderId, 1, "sku-1", 20, "Lyon")),
  "a shipment to Atlantis": (orderId) => placeOrder(atlantis(orderId)),
  "a shipment to Atlantis with refunds down": async (orderId) => {
    await suspendRefunds("the bank is offline");
    await placeOrder(atlantis(orderId));
  },
  "an operator canceling it while it waits": async (orderId) => {
    await placeOrder(order(orderId, 1, "sku-1", 20, "Lyon", true));
    await run();
    await app().mutation(internal.sagaAdmin.cancel, {
      sagaType: "orderFulfillment",
      sagaId: orderId,
      reason: "the customer withdrew",
    });
  },
};
