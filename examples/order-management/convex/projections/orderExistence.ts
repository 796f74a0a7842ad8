// orderExistence (logic): the order ids in use, minimal, for command validation only.
import { defineProjection } from "@convex-es/platform-bc";
import {
  definePartitionConfig,
  defineProjectionHandlers,
  internalProjectionQuery,
} from "@convex-es/platform-core";
import { v } from "convex/values";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { internalQuery } from "../_generated/server.js";
import { payloadOf } from "./events.js";

export const orderExistence = defineProjection({
  projectionName: "orderExistence",
  description: "Which order ids are taken, for the validation of new orders",
  targetTable: "orderExistence",
  partitionKeyField: "orderId",
  eventSubscriptions: ["OrderCreated"],
  category: "logic",
  context: "orders",
});

async function rowOf(ctx: QueryCtx, orderId: string) {
  return await ctx.db
    .query("orderExistence")
    .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
    .unique();
}

export const orderExistenceHandlers = defineProjectionHandlers(orderExistence, {
  partition: definePartitionConfig({ projection: orderExistence, strategy: "entity" }),
  handlers: {
    OrderCreated: async (ctx: MutationCtx, event) => {
      const { orderId, customerId } = payloadOf(event, "OrderCreated");
      if ((await rowOf(ctx, orderId)) === null) {
        await ctx.db.insert("orderExistence", { orderId, customerId });
      }
    },
  },
});

/** Is this order id taken? Server code only: the CreateOrder validation reads it. */
export const orderExists = internalQuery(
  internalProjectionQuery(orderExistence, {
    args: { orderId: v.string() },
    returns: v.boolean(),
    handler: async (ctx: QueryCtx, args: { orderId: string }) =>
      (await rowOf(ctx, args.orderId)) !== null,
  }),
);
