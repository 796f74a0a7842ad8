// The order fulfilment saga: an order submitted (its stock reserved at submission) is confirmed
// and its stock allocated, by the app itself. The sagaId is the orderId. Each step is one app
// mutation that sends one command through the orchestrator under the saga's system identity,
// with a command id derived from the order and the step, so a step run again is a duplicate.
// Step results are annotated: `internal` is typed from every module, this one included.
import { defineSaga } from "@convex-es/platform-core";
import { v } from "convex/values";
import { internal } from "../_generated/api.js";

export const orderFulfillment = defineSaga({
  name: "orderFulfillment",
  // The OrderSubmitted event the saga was started for: its commands continue its correlation.
  args: { correlationId: v.string(), submittedEventId: v.string() },
})
  .step("reserve", {
    run: (step, { sagaId, input }): Promise<{ reservationId: string; placedBySaga: boolean }> =>
      step.runMutation(internal.fulfilment.steps.holdReservation, { orderId: sagaId, ...input }),
    // Giving the order up: cancel it while it is still open, then release what it still holds
    // (newest first). Both are no-ops when done already, by the customer, the process manager
    // or the expiry cron.
    compensate: async (step, { sagaId, input }) => {
      const args = { orderId: sagaId, ...input };
      await step.runMutation(internal.fulfilment.steps.cancelOrder, args, {
        name: "compensate:reserve:cancelOrder",
      });
      await step.runMutation(internal.fulfilment.steps.releaseReservation, args, {
        name: "compensate:reserve:releaseReservation",
      });
    },
  })
  .step("confirmOrder", {
    run: (step, { sagaId, input }): Promise<null> =>
      step.runMutation(internal.fulfilment.steps.confirmOrder, { orderId: sagaId, ...input }),
  })
  .step("confirmReservation", {
    run: (step, { sagaId, input }): Promise<null> =>
      step.runMutation(internal.fulfilment.steps.confirmReservation, {
        orderId: sagaId,
        ...input,
      }),
  });
