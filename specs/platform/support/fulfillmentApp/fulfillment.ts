// The order fulfilment saga: reserve stock (inventory), wait for the payment authorization when
// the order needs one, charge the card (payments, through the gateway), confirm the order
// (orders) and schedule the shipment (shipping). The sagaId is the orderId. Step results are
// annotated: `internal` is typed from every module, including the one exporting the workflow.
import { defineSaga } from "@convex-es/platform-core";
import { v } from "convex/values";
import { internal } from "./convex/_generated/api.js";

/** What the payment provider sends when it authorizes an order's payment. */
export const paymentAuthorized = {
  name: "paymentAuthorized",
  validator: v.object({ authorizationId: v.string() }),
} as const;

/** Gateway calls that fail are tried again: 3 attempts, 1 s then 2 s apart. */
const gatewayRetry = { maxAttempts: 3, initialBackoffMs: 1000, base: 2 };

export const orderFulfillment = defineSaga({
  name: "orderFulfillment",
  args: {
    sku: v.string(),
    quantity: v.number(),
    amount: v.number(),
    address: v.string(),
    requiresAuthorization: v.boolean(),
  },
})
  .step("reserveInventory", {
    run: (step, { sagaId, input }): Promise<{ reservationId: string }> =>
      step.runMutation(internal.steps.reserveInventory, {
        orderId: sagaId,
        sku: input.sku,
        quantity: input.quantity,
      }),
    compensate: (step, { sagaId }) =>
      step.runMutation(internal.steps.releaseInventory, { orderId: sagaId }),
  })
  .step("authorizePayment", {
    run: (step, { input }): Promise<{ authorizationId: string }> =>
      input.requiresAuthorization
        ? step.awaitEvent(paymentAuthorized)
        : Promise.resolve({ authorizationId: "card-on-file" }),
  })
  .step("chargePayment", {
    run: async (step, { sagaId, input }): Promise<{ paymentId: string }> => {
      const charge = await step.runAction(
        internal.gateway.chargeCard,
        { orderId: sagaId, amount: input.amount },
        { retry: gatewayRetry },
      );
      if (charge.status === "declined") throw new Error(charge.reason);
      return { paymentId: charge.paymentId };
    },
    compensate: (step, { sagaId }) =>
      step.runMutation(internal.steps.refundPayment, { orderId: sagaId }),
  })
  .step("confirmOrder", {
    run: (step, { sagaId }): Promise<null> =>
      step.runMutation(internal.steps.confirmOrder, { orderId: sagaId }),
    compensate: (step, { sagaId }) =>
      step.runMutation(internal.steps.cancelOrder, { orderId: sagaId }),
  })
  .step("scheduleShipment", {
    run: (step, { sagaId, input }): Promise<null> =>
      step.runMutation(internal.steps.scheduleShipment, {
        orderId: sagaId,
        address: input.address,
      }),
  });
