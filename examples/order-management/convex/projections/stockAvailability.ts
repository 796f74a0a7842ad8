// stockAvailability (view): what can still be ordered, per product. Each product's events are
// one stream, applied in order in its partition.
import { defineProjection } from "@convex-es/platform-bc";
import {
  clientProjectionQuery,
  definePartitionConfig,
  defineProjectionHandlers,
} from "@convex-es/platform-core";
import type { EventEnvelope } from "@convex-es/platform-store";
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { query } from "../_generated/server.js";
import { payloadOf } from "./events.js";
import { pageSize } from "./limits.js";

export const stockAvailability = defineProjection({
  projectionName: "stockAvailability",
  description: "Stock on hand, reserved and available per product, for the catalogue",
  targetTable: "stockAvailability",
  partitionKeyField: "productId",
  eventSubscriptions: [
    "ProductCreated",
    "StockAdded",
    "StockReserved",
    "StockReleased",
    "StockAllocated",
  ],
  category: "view",
  context: "inventory",
});

type Stock = Doc<"stockAvailability">;

async function adjust(
  ctx: MutationCtx,
  event: EventEnvelope,
  productId: string,
  change: (row: Stock) => { onHand: number; reserved: number },
) {
  const row = await ctx.db
    .query("stockAvailability")
    .withIndex("by_product_id", (q) => q.eq("productId", productId))
    .unique();
  if (row === null) {
    throw new Error(
      `stockAvailability: ${event.eventType} ${event.eventId} before ProductCreated of ${productId}`,
    );
  }
  const { onHand, reserved } = change(row);
  await ctx.db.patch("stockAvailability", row._id, {
    onHand,
    reserved,
    available: onHand - reserved,
  });
}

export const stockAvailabilityHandlers = defineProjectionHandlers(stockAvailability, {
  partition: definePartitionConfig({ projection: stockAvailability, strategy: "entity" }),
  handlers: {
    ProductCreated: async (ctx: MutationCtx, event) => {
      const { productId, name } = payloadOf(event, "ProductCreated");
      const known = await ctx.db
        .query("stockAvailability")
        .withIndex("by_product_id", (q) => q.eq("productId", productId))
        .unique();
      if (known !== null) return;
      await ctx.db.insert("stockAvailability", {
        productId,
        name,
        onHand: 0,
        reserved: 0,
        available: 0,
      });
    },
    StockAdded: async (ctx: MutationCtx, event) => {
      const { productId, onHand } = payloadOf(event, "StockAdded");
      await adjust(ctx, event, productId, (row) => ({ onHand, reserved: row.reserved }));
    },
    StockReserved: async (ctx: MutationCtx, event) => {
      const { productId, quantity } = payloadOf(event, "StockReserved");
      await adjust(ctx, event, productId, (row) => ({
        onHand: row.onHand,
        reserved: row.reserved + quantity,
      }));
    },
    StockReleased: async (ctx: MutationCtx, event) => {
      const { productId, quantity } = payloadOf(event, "StockReleased");
      await adjust(ctx, event, productId, (row) => ({
        onHand: row.onHand,
        reserved: row.reserved - quantity,
      }));
    },
    StockAllocated: async (ctx: MutationCtx, event) => {
      const { productId, quantity } = payloadOf(event, "StockAllocated");
      await adjust(ctx, event, productId, (row) => ({
        onHand: row.onHand - quantity,
        reserved: row.reserved - quantity,
      }));
    },
  },
});

const vStock = v.object({
  productId: v.string(),
  name: v.string(),
  onHand: v.number(),
  reserved: v.number(),
  available: v.number(),
});

/** The catalogue's stock, by product id. Open to every client. */
export const availableStock = query(
  clientProjectionQuery(stockAvailability, {
    args: { limit: v.optional(v.number()) },
    returns: v.array(vStock),
    handler: async (ctx: QueryCtx, args: { limit?: number }) => {
      const rows = await ctx.db
        .query("stockAvailability")
        .withIndex("by_product_id")
        .take(pageSize(args.limit, 50));
      return rows.map(({ productId, name, onHand, reserved, available }) => ({
        productId,
        name,
        onHand,
        reserved,
        available,
      }));
    },
  }),
);
