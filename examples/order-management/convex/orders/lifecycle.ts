// The order commands that change stock. Each runs in one transaction: ask inventory what its
// decider would answer, let the order decide with that answer, then (if the order command ran)
// issue the inventory command it causes. Inventory's commands decide over the warehouse scope,
// so the stock of every line is reserved, allocated or released in one scope commit, or not at
// all. The order stays a draft when the stock is short: the rejection names the products.
import { v } from "convex/values";
import { components } from "../_generated/api.js";
import { mutation } from "../_generated/server.js";
import { askCustomers } from "../customers/snapshot.js";
import { askInventory } from "../inventory/stock.js";
import {
  confirmReservationConfig,
  releaseReservationConfig,
  reserveStockConfig,
} from "../inventory/configs.js";
import { execute, followUp, issuedBy } from "../platform/commands.js";
import { vCommandMeta, vCommandOutcome } from "../platform/validators.js";
import { cancelOrderConfig, confirmOrderConfig, submitOrderConfig } from "./configs.js";

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

/** Confirms a submitted order (staff) and allocates its reserved stock. */
export const confirmOrder = mutation({
  args: { ...vCommandMeta, orderId: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) => {
    const issued = await issuedBy(ctx, args);
    const reservation = { reservationId: args.orderId };
    const stock = await askInventory(ctx, { type: "ConfirmReservation", data: reservation });
    const outcome = await execute(ctx, confirmOrderConfig(stock), issued, {
      orderId: args.orderId,
    });
    if (outcome.status === "executed" && !outcome.duplicate) {
      await followUp(ctx, confirmReservationConfig, issued, "allocate", reservation);
    }
    return outcome;
  },
});

/** Cancels a draft or submitted order and releases the stock it still holds. */
export const cancelOrder = mutation({
  args: { ...vCommandMeta, orderId: v.string(), reason: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) => {
    const issued = await issuedBy(ctx, args);
    const outcome = await execute(ctx, cancelOrderConfig, issued, {
      orderId: args.orderId,
      reason: args.reason,
    });
    if (outcome.status === "executed" && !outcome.duplicate) {
      const release = {
        reservationId: args.orderId,
        reason: `order cancelled: ${args.reason}`,
      };
      // A draft holds no stock, and an expired reservation has released it already.
      const answer = await askInventory(ctx, { type: "ReleaseReservation", data: release });
      if (answer.status === "accepted") {
        await followUp(ctx, releaseReservationConfig, issued, "release", release);
      }
    }
    return outcome;
  },
});
