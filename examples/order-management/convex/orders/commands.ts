// Public mutations of the orders context that need nothing from another context: each runs one
// command through the orchestrator, for the signed-in caller.
import { v } from "convex/values";
import { mutation } from "../_generated/server.js";
import { askCustomers } from "../customers/snapshot.js";
import { execute, issuedBy } from "../platform/commands.js";
import { vCommandMeta, vCommandOutcome } from "../platform/validators.js";
import { addOrderItemConfig, createOrderConfig, removeOrderItemConfig } from "./configs.js";

const vItem = v.object({
  productId: v.string(),
  productName: v.string(),
  quantity: v.number(),
  unitPrice: v.number(),
});

/** A new draft order of the caller (its customer), who must be a registered customer. */
export const createOrder = mutation({
  args: { ...vCommandMeta, orderId: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) => {
    const issued = await issuedBy(ctx, args);
    // Anonymous callers get UNAUTHORIZED from the authorization middleware; their customerId
    // is never used.
    const customerId = issued.caller?.userId ?? "anonymous";
    const customer = issued.caller === null ? undefined : await askCustomers(ctx, customerId);
    return await execute(ctx, createOrderConfig(customer), issued, {
      orderId: args.orderId,
      customerId,
    });
  },
});

export const addOrderItem = mutation({
  args: { ...vCommandMeta, orderId: v.string(), item: vItem },
  returns: vCommandOutcome,
  handler: async (ctx, args) =>
    await execute(ctx, addOrderItemConfig, await issuedBy(ctx, args), {
      orderId: args.orderId,
      item: args.item,
    }),
});

export const removeOrderItem = mutation({
  args: { ...vCommandMeta, orderId: v.string(), productId: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) =>
    await execute(ctx, removeOrderItemConfig, await issuedBy(ctx, args), {
      orderId: args.orderId,
      productId: args.productId,
    }),
});
