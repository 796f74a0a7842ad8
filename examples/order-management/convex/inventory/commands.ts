// Public mutations of the inventory context for staff: the catalogue and its stock. Each is a
// decision over the warehouse scope.
import { v } from "convex/values";
import { mutation } from "../_generated/server.js";
import { execute, issuedBy } from "../platform/commands.js";
import { vCommandMeta, vCommandOutcome } from "../platform/validators.js";
import { addStockConfig, createProductConfig } from "./configs.js";

export const createProduct = mutation({
  args: { ...vCommandMeta, productId: v.string(), name: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) =>
    await execute(ctx, createProductConfig, await issuedBy(ctx, args), {
      productId: args.productId,
      name: args.name,
    }),
});

export const addStock = mutation({
  args: { ...vCommandMeta, productId: v.string(), quantity: v.number() },
  returns: vCommandOutcome,
  handler: async (ctx, args) =>
    await execute(ctx, addStockConfig, await issuedBy(ctx, args), {
      productId: args.productId,
      quantity: args.quantity,
    }),
});
