// The orders bounded context as far as the tests need it: its events are appended to the event
// store and published on the bus from the same mutation, as an integration projection would.
import { v } from "convex/values";
import { vPublishResult } from "../../../src/index.js";
import type { PublishResult } from "../../../src/index.js";
import { internalMutation } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";
import { eventBus } from "./eventBus.js";
import { eventStore } from "./orchestrator.js";

async function appendAndPublish(
  ctx: MutationCtx,
  orderId: string,
  eventType: string,
  payload: Record<string, unknown>,
  correlationId: string,
): Promise<PublishResult> {
  const appended = await eventStore.appendToStream(ctx, {
    stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
    expectedVersion: "any",
    events: [{ eventType, payload, metadata: { correlationId, userId: "bob" } }],
  });
  if (appended.status !== "success")
    throw new Error(`appending ${eventType} answered ${appended.status}`);
  const event = await eventStore.getEventById(ctx, appended.events[0]!.eventId);
  if (event === null) throw new Error(`${eventType} was appended but is not readable`);
  return await eventBus.publish(ctx, event);
}

export const placeOrder = internalMutation({
  args: {
    orderId: v.string(),
    counterId: v.string(),
    quantity: v.number(),
    correlationId: v.string(),
  },
  returns: vPublishResult,
  handler: async (ctx, { orderId, counterId, quantity, correlationId }) =>
    appendAndPublish(ctx, orderId, "OrderPlaced", { orderId, counterId, quantity }, correlationId),
});

export const closeOrder = internalMutation({
  args: { orderId: v.string(), correlationId: v.string() },
  returns: vPublishResult,
  handler: async (ctx, { orderId, correlationId }) =>
    appendAndPublish(ctx, orderId, "OrderClosed", { orderId }, correlationId),
});

/** Publishes a stored event again, as a replaying publisher would. */
export const republish = internalMutation({
  args: { eventId: v.string() },
  returns: vPublishResult,
  handler: async (ctx, { eventId }): Promise<PublishResult> => {
    const event = await eventStore.getEventById(ctx, eventId);
    if (event === null) throw new Error(`no event ${eventId}`);
    return await eventBus.publish(ctx, event);
  },
});
