// What the app reads of the orders context: one order's snapshot, for the cross-context flows
// (the lines to reserve) and for authorization (who owns it).
import { v } from "convex/values";
import { orderRow } from "./cms.js";
import { query } from "./_generated/server.js";
import { vOrderItem, vOrderStatus } from "./schema.js";

export const vOrderSnapshot = v.object({
  orderId: v.string(),
  customerId: v.string(),
  status: vOrderStatus,
  items: v.array(vOrderItem),
  totalAmount: v.number(),
  version: v.number(),
});

export const getOrder = query({
  args: { orderId: v.string() },
  returns: v.union(v.null(), vOrderSnapshot),
  handler: async (ctx, args) => {
    const row = await orderRow(ctx, args.orderId);
    if (row === null) return null;
    const { orderId, customerId, status, items, totalAmount, version } = row;
    return { orderId, customerId, status, items, totalAmount, version };
  },
});
