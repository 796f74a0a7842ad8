// The event bus subscriber that starts the fulfilment saga of a submitted order. The saga's id
// is the order's, and starting a saga that exists changes nothing: a redelivered or republished
// OrderSubmitted starts nothing new.
import { vSubscriberArgs } from "@convex-es/platform-core";
import { ConvexError, v } from "convex/values";
import { internal } from "../_generated/api.js";
import { internalMutation } from "../_generated/server.js";
import { sagas } from "./sagas.js";

export const startFulfillment = internalMutation({
  args: vSubscriberArgs,
  returns: v.null(),
  handler: async (ctx, { event }): Promise<null> => {
    const orderId: unknown = (event.payload as { orderId?: unknown } | null)?.orderId;
    if (event.eventType !== "OrderSubmitted" || typeof orderId !== "string") {
      throw new ConvexError({
        code: "NOT_AN_ORDER_SUBMISSION",
        message: `the fulfilment saga starts from OrderSubmitted events with an orderId; got ${event.eventType} ${event.eventId}`,
      });
    }
    await sagas.start(ctx, internal.fulfilment.sagas.orderFulfillmentWorkflow, {
      sagaType: "orderFulfillment",
      sagaId: orderId,
      input: { correlationId: event.metadata.correlationId, submittedEventId: event.eventId },
    });
    return null;
  },
});
