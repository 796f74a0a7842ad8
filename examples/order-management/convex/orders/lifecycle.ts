// The order commands of the order's lifecycle. Submitting runs in one transaction: ask
// inventory what its decider would answer, let the order decide with that answer, then (if the
// order command ran) reserve the stock it needs. Inventory's commands decide over the warehouse
// scope, so the stock of every line is reserved in one scope commit, or not at all. The order
// stays a draft when the stock is short: the rejection names the products. Confirming (and
// allocating) is the fulfilment saga's, and releasing a cancelled order's stock the
// reservation-release process manager's: both are fed from the event log (convex/fulfilment/).
import { v } from "convex/values";
import { components } from "../_generated/api.js";
import { mutation } from "../_generated/server.js";
import { askCustomers } from "../customers/snapshot.js";
import { askInventory } from "../inventory/stock.js";
import { reserveStockConfig } from "../inventory/configs.js";
import { execute, followUp, issuedBy } from "../platform/commands.js";
import { vCommandMeta, vCommandOutcome } from "../platform/validators.js";
import { cancelOrderConfig, submitOrderConfig } from "./configs.js";

/** Submits a draft order and reserves the stock of every item: all of it, or the order stays a draft. */
export const submitOrder = mutation({
  args: { ...vCommandMeta, orderId: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) => {
    const issued = await issuedBy(ctx, args);
    const { orderId } = args;
    const order = await ctx.runQuery(components.orders.queries.getOrder, { orderId });
    // The reservation is the order's: one per order, named after it.
    const reservation = {
      reservationId: orderId,
      orderId,
      lines: (order?.items ?? []).map(({ productId, quantity }) => ({ productId, quantity })),
    };
    // An order that cannot be submitted anyway is refused by its own decider; nothing to ask.
    const stock =
      order?.status === "draft" && reservation.lines.length > 0
        ? await askInventory(ctx, { type: "ReserveStock", data: reservation })
        : undefined;
    // OrderSubmitted carries the customer as of now (a fat event).
    const customer = order === null ? undefined : await askCustomers(ctx, order.customerId);
    const outcome = await execute(ctx, submitOrderConfig(stock, customer), issued, { orderId });
    if (outcome.status === "executed" && !outcome.duplicate) {
      await followUp(ctx, reserveStockConfig, issued, "reserve", reservation);
    }
    return outcome;
  },
});

/**
 * Cancels a draft or submitted order. The stock a submitted order holds is released by the
 * reservation-release process manager, which reacts to OrderCancelled from the log
 * (convex/fulfilment/reservationRelease.ts): the cancellation itself touches only the order.
 */
export const cancelOrder = mutation({
  args: { ...vCommandMeta, orderId: v.string(), reason: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) =>
    await execute(ctx, cancelOrderConfig, await issuedBy(ctx, args), {
      orderId: args.orderId,
      reason: args.reason,
    }),
});
