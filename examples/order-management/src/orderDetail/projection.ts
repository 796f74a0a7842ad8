// The order detail view and its reactive projection: the one definition the durable handlers,
// the client query and the browser hook share. Importable by client code (no server module).
import { defineProjection } from "@convex-es/platform-bc";
import { defineReactiveProjection } from "@convex-es/platform-core";
import { emptyOrderDetail, orderDetailEventTypes } from "./detail.js";
import { evolveOrderDetail } from "./evolve.js";

export const orderDetails = defineProjection({
  projectionName: "orderDetails",
  description: "One order with its items and the state of its stock reservation",
  targetTable: "orderDetails",
  partitionKeyField: "orderId",
  eventSubscriptions: [...orderDetailEventTypes],
  category: "view",
  context: "orders",
});

/** The order detail as a reactive projection: durable on the server, instant in the browser. */
export const orderDetailView = defineReactiveProjection({
  projection: orderDetails,
  initialState: emptyOrderDetail,
  evolve: evolveOrderDetail,
});
