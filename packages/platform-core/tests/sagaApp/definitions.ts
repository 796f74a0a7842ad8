// The sagas of the test app. Step results are annotated: `internal` is typed from every module,
// including the one exporting these sagas' workflows, so inferring them would be circular.
import { v } from "convex/values";
import { defineSaga } from "../../src/index.js";
import { internal } from "./convex/_generated/api.js";

const orderArgs = { sku: v.string(), quantity: v.number(), amount: v.number() };

/** Reserve stock, charge the payment, confirm the order; undo in reverse on a failure. */
export const orderFulfillment = defineSaga({ name: "orderFulfillment", args: orderArgs })
  .step("reserveStock", {
    run: (step, { sagaId, input }): Promise<{ reservationId: string }> =>
      step.runMutation(internal.steps.reserveStock, {
        sagaId,
        sku: input.sku,
        quantity: input.quantity,
      }),
    compensate: (step, { sagaId, result }) =>
      step.runMutation(internal.steps.releaseStock, {
        sagaId,
        reservationId: result.reservationId,
      }),
  })
  .step("chargePayment", {
    run: (step, { sagaId, input }): Promise<{ paymentId: string }> =>
      step.runMutation(internal.steps.chargePayment, { sagaId, amount: input.amount }),
    compensate: (step, { sagaId, result }) =>
      step.runMutation(internal.steps.refundPayment, { sagaId, paymentId: result.paymentId }),
  })
  .step("confirmOrder", {
    run: (step, { sagaId, results }): Promise<null> =>
      step.runMutation(internal.steps.confirmOrder, {
        sagaId,
        reservationId: results.reserveStock.reservationId,
        paymentId: results.chargePayment.paymentId,
      }),
  });

/** The payment confirmation a payment provider sends to a waiting saga. */
export const paymentConfirmed = {
  name: "paymentConfirmed",
  validator: v.object({ paymentId: v.string() }),
} as const;

/** Reserve stock, wait for the payment confirmation, confirm the order. */
export const paymentApproval = defineSaga({ name: "paymentApproval", args: orderArgs })
  .step("reserveStock", {
    run: (step, { sagaId, input }): Promise<{ reservationId: string }> =>
      step.runMutation(internal.steps.reserveStock, {
        sagaId,
        sku: input.sku,
        quantity: input.quantity,
      }),
    compensate: (step, { sagaId, result }) =>
      step.runMutation(internal.steps.releaseStock, {
        sagaId,
        reservationId: result.reservationId,
      }),
  })
  .step("awaitPayment", {
    run: (step): Promise<{ paymentId: string }> => step.awaitEvent(paymentConfirmed),
  })
  .step("confirmOrder", {
    run: (step, { sagaId, results }): Promise<null> =>
      step.runMutation(internal.steps.confirmOrder, {
        sagaId,
        reservationId: results.reserveStock.reservationId,
        paymentId: results.awaitPayment.paymentId,
      }),
  });
