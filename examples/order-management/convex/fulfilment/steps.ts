// The fulfilment saga's steps and compensations: each is one transaction that sends one command
// through the orchestrator as the saga (a system caller), with the id
// `orderFulfillment:<orderId>:<action>`: a step that runs again gets the stored result. A step
// that cannot do its part throws a ConvexError with the refusal's code, so the saga compensates.
import type { OrchestratedCommandConfig } from "@convex-es/platform-core";
import type { CommandDefinition } from "@convex-es/platform-bc";
import { ConvexError, v } from "convex/values";
import { components } from "../_generated/api.js";
import { internalMutation } from "../_generated/server.js";
import type { MutationCtx } from "../_generated/server.js";
import {
  confirmReservationConfig,
  releaseHeldStockConfig,
  reserveStockConfig,
} from "../inventory/configs.js";
import { askInventory } from "../inventory/stock.js";
import { cancelOrderConfig, confirmOrderConfig } from "../orders/configs.js";
import { fulfilmentCaller } from "../platform/identity.js";
import { orchestrator } from "../platform/runtime.js";
import { SHOP_TENANT_ID, WAREHOUSE_ID } from "../platform/shop.js";
import type { Outcome } from "../platform/validators.js";
import { outcomeValue } from "../platform/validators.js";

/**
 * The order is confirmed only if its reservation will still be held this long after: the
 * allocation is the next step, and an expiry between the two would leave a confirmed order
 * without stock.
 */
export const CONFIRMATION_MARGIN_MS = 60_000;

const vStepArgs = { orderId: v.string(), correlationId: v.string(), submittedEventId: v.string() };
type StepArgs = { orderId: string; correlationId: string; submittedEventId: string };

async function send<TDefinition extends CommandDefinition>(
  ctx: MutationCtx,
  config: OrchestratedCommandConfig<TDefinition, Record<string, unknown>>,
  args: StepArgs,
  action: string,
  payload: unknown,
): Promise<Outcome> {
  return outcomeValue(
    await orchestrator.execute(ctx, config, {
      commandId: `orderFulfillment:${args.orderId}:${action}`,
      correlationId: args.correlationId,
      causationId: args.submittedEventId,
      caller: fulfilmentCaller,
      tenantId: SHOP_TENANT_ID,
      payload,
    }),
  );
}

/** Throws the refusal of a command the step needed. */
function requireExecuted(outcome: Outcome, what: string): void {
  if (outcome.status === "executed") return;
  const refusal = outcome.status === "pending" ? undefined : outcome.result;
  throw new ConvexError({
    code: refusal?.code ?? "COMMAND_PENDING",
    message: `${what}: command ${outcome.commandId} was ${outcome.status}${refusal === undefined ? "" : ` (${refusal.code}: ${refusal.message})`}`,
    commandId: outcome.commandId,
  });
}

async function orderOf(ctx: MutationCtx, orderId: string) {
  return await ctx.runQuery(components.orders.queries.getOrder, { orderId });
}

/**
 * Makes sure the order has its reservation: submission placed it in the same scope commit, so
 * this reserves only when it is missing. Whether it is still held is the confirmation's to find
 * out, so that a reservation that expired or was released ends the saga compensated.
 */
export const holdReservation = internalMutation({
  args: vStepArgs,
  returns: v.object({ reservationId: v.string(), placedBySaga: v.boolean() }),
  handler: async (ctx, args) => {
    const order = await orderOf(ctx, args.orderId);
    if (order?.status !== "submitted") {
      throw new ConvexError({
        code: "ORDER_NOT_SUBMITTED",
        message: `order ${args.orderId} is ${order?.status ?? "unknown"}; the fulfilment saga fulfils submitted orders only`,
      });
    }
    const reservationId = args.orderId;
    const held = await ctx.runQuery(components.inventory.queries.reservation, {
      warehouseId: WAREHOUSE_ID,
      reservationId,
    });
    if (held !== null) return { reservationId, placedBySaga: false };
    const lines = order.items.map(({ productId, quantity }) => ({ productId, quantity }));
    const outcome = await send(ctx, reserveStockConfig, args, "reserve", {
      reservationId,
      orderId: args.orderId,
      lines,
    });
    requireExecuted(outcome, `reserving the stock of order ${args.orderId}`);
    return { reservationId, placedBySaga: true };
  },
});

/** Confirms the order, if inventory would allocate its stock now and a margin later. */
export const confirmOrder = internalMutation({
  args: vStepArgs,
  returns: v.null(),
  handler: async (ctx, args) => {
    const stock = await askInventory(
      ctx,
      { type: "ConfirmReservation", data: { reservationId: args.orderId } },
      Date.now() + CONFIRMATION_MARGIN_MS,
    );
    const outcome = await send(ctx, confirmOrderConfig(stock), args, "confirmOrder", {
      orderId: args.orderId,
    });
    requireExecuted(outcome, `confirming order ${args.orderId}`);
    return null;
  },
});

/** Allocates the confirmed order's reserved stock: it leaves the shelf. */
export const confirmReservation = internalMutation({
  args: vStepArgs,
  returns: v.null(),
  handler: async (ctx, args) => {
    const outcome = await send(ctx, confirmReservationConfig, args, "confirmReservation", {
      reservationId: args.orderId,
    });
    requireExecuted(outcome, `allocating the stock of order ${args.orderId}`);
    return null;
  },
});

/**
 * Compensation: cancels the order unless it is cancelled already. A confirmed order is refused
 * (ORDER_ALREADY_CONFIRMED): the saga then fails, for an operator to look at.
 */
export const cancelOrder = internalMutation({
  args: vStepArgs,
  returns: v.null(),
  handler: async (ctx, args) => {
    const order = await orderOf(ctx, args.orderId);
    if (order?.status === "cancelled") return null;
    const outcome = await send(ctx, cancelOrderConfig, args, "cancelOrder", {
      orderId: args.orderId,
      reason: "the order could not be fulfilled",
    });
    requireExecuted(outcome, `cancelling order ${args.orderId}`);
    return null;
  },
});

/** Compensation: releases what the reservation still holds; an ended one is left as it is. */
export const releaseReservation = internalMutation({
  args: vStepArgs,
  returns: v.null(),
  handler: async (ctx, args) => {
    const outcome = await send(ctx, releaseHeldStockConfig, args, "releaseReservation", {
      reservationId: args.orderId,
      reason: "order fulfilment compensated",
    });
    requireExecuted(outcome, `releasing the stock of order ${args.orderId}`);
    return null;
  },
});
