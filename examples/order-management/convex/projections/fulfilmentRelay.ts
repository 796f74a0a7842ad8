// fulfilmentRelay (integration): hands the order events the fulfilment reacts to from the log to
// the event bus (decision 0021). The command path enqueues nothing: an enqueue touches the
// Workpool's shared batch-worker document. The relay publishes in the catch-up job's
// transaction, so the publication commits with the checkpoint that passes the event; a job run
// again publishes an event id again, which the bus ignores.
import { defineProjection } from "@convex-es/platform-bc";
import { definePartitionConfig, defineProjectionHandlers } from "@convex-es/platform-core";
import type { MutationCtx } from "../_generated/server.js";
import { eventBus } from "../fulfilment/eventBus.js";

export const fulfilmentRelay = defineProjection({
  projectionName: "fulfilmentRelay",
  description: "Order submissions and cancellations, published to the event bus for fulfilment",
  targetTable: "eventBusPublications",
  partitionKeyField: "orderId",
  eventSubscriptions: ["OrderSubmitted", "OrderCancelled"],
  category: "integration",
  context: "orders",
});

export const fulfilmentRelayHandlers = defineProjectionHandlers(fulfilmentRelay, {
  partition: definePartitionConfig({ projection: fulfilmentRelay, strategy: "entity" }),
  handlers: {
    OrderSubmitted: async (ctx: MutationCtx, event) => {
      await eventBus.publish(ctx, event);
    },
    OrderCancelled: async (ctx: MutationCtx, event) => {
      await eventBus.publish(ctx, event);
    },
  },
});
