// salesDashboard (reporting): totals for the back office, one row, admins only. Every update
// is an increment, so the totals do not depend on the order events of different orders arrive in.
import { defineProjection } from "@convex-es/platform-bc";
import {
  clientProjectionQuery,
  definePartitionConfig,
  defineProjectionHandlers,
} from "@convex-es/platform-core";
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { query } from "../_generated/server.js";
import { ADMIN_ROLE, callerOf, hasRole } from "../platform/identity.js";
import { payloadOf } from "./events.js";

export const salesDashboard = defineProjection({
  projectionName: "salesDashboard",
  description: "Orders created, submitted, confirmed and cancelled, and confirmed revenue",
  targetTable: "salesDashboard",
  eventSubscriptions: ["OrderCreated", "OrderSubmitted", "OrderConfirmed", "OrderCancelled"],
  category: "reporting",
  context: "orders",
});

type Totals = Omit<Doc<"salesDashboard">, "_id" | "_creationTime" | "key">;
const zero: Totals = {
  ordersCreated: 0,
  ordersSubmitted: 0,
  ordersConfirmed: 0,
  ordersCancelled: 0,
  confirmedRevenue: 0,
  cancelledAfterSubmission: 0,
};

async function add(ctx: MutationCtx, change: (totals: Totals) => Partial<Totals>) {
  const row = await ctx.db
    .query("salesDashboard")
    .withIndex("by_key", (q) => q.eq("key", "totals"))
    .unique();
  if (row === null)
    await ctx.db.insert("salesDashboard", { key: "totals", ...zero, ...change(zero) });
  else await ctx.db.patch("salesDashboard", row._id, change(row));
}

export const salesDashboardHandlers = defineProjectionHandlers(salesDashboard, {
  // One row of totals: one partition, so its updates never contend with each other.
  partition: definePartitionConfig({ projection: salesDashboard, strategy: "global" }),
  handlers: {
    OrderCreated: async (ctx: MutationCtx) => {
      await add(ctx, (t) => ({ ordersCreated: t.ordersCreated + 1 }));
    },
    OrderSubmitted: async (ctx: MutationCtx) => {
      await add(ctx, (t) => ({ ordersSubmitted: t.ordersSubmitted + 1 }));
    },
    OrderConfirmed: async (ctx: MutationCtx, event) => {
      const { totalAmount } = payloadOf(event, "OrderConfirmed");
      await add(ctx, (t) => ({
        ordersConfirmed: t.ordersConfirmed + 1,
        confirmedRevenue: t.confirmedRevenue + totalAmount,
      }));
    },
    OrderCancelled: async (ctx: MutationCtx, event) => {
      const { previousStatus } = payloadOf(event, "OrderCancelled");
      await add(ctx, (t) => ({
        ordersCancelled: t.ordersCancelled + 1,
        cancelledAfterSubmission:
          t.cancelledAfterSubmission + (previousStatus === "submitted" ? 1 : 0),
      }));
    },
  },
});

const vTotals = v.object({
  ordersCreated: v.number(),
  ordersSubmitted: v.number(),
  ordersConfirmed: v.number(),
  ordersCancelled: v.number(),
  confirmedRevenue: v.number(),
  cancelledAfterSubmission: v.number(),
});

/** The back office's totals: admins only (ADMIN_ROLE_REQUIRED for anyone else). */
export const dashboard = query(
  clientProjectionQuery(
    salesDashboard,
    {
      args: {},
      returns: vTotals,
      handler: async (ctx: QueryCtx) => {
        const row = await ctx.db
          .query("salesDashboard")
          .withIndex("by_key", (q) => q.eq("key", "totals"))
          .unique();
        if (row === null) return zero;
        const { _id: _row, _creationTime: _created, key: _key, ...totals } = row;
        return totals;
      },
    },
    {
      caller: async (ctx: QueryCtx) => ({
        role: hasRole(await callerOf(ctx), ADMIN_ROLE) ? ADMIN_ROLE : undefined,
      }),
    },
  ),
);
