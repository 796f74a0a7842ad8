// Validation against a logic projection: a new order may not take an id already in use.
import { rejected } from "@convex-es/platform-decider";
import type { Middleware } from "@convex-es/platform-core";
import { internal } from "../_generated/api.js";

/**
 * Refuses a CreateOrder whose orderId the orderExistence logic projection knows, before the
 * orders context is called. The projection trails the log by the store's settle window, so the
 * orders context's own check of its CMS (ORDER_ALREADY_EXISTS as well) still refuses ids taken
 * in the last seconds; this check answers from the app, with the id's owner kept out of the
 * message.
 */
export const orderIdIsNew: Middleware = {
  name: "orderIdIsNew",
  async before(ctx) {
    if (ctx.command.commandType !== "CreateOrder") return undefined;
    const { orderId } = ctx.command.payload as { orderId: string };
    const known: boolean = await ctx.mutationCtx!.runQuery(
      internal.projections.orderExistence.orderExists,
      { orderId },
    );
    if (!known) return undefined;
    return {
      continue: false,
      result: rejected(
        "ORDER_ALREADY_EXISTS",
        `Order id ${orderId} is already in use: choose another id for a new order`,
        { orderId },
      ),
    };
  },
};
