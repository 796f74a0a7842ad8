// The inventory context: stock per SKU and reservations per order.
import { ConvexError, v } from "convex/values";
import { mutation, query } from "./_generated/server.js";

export const restock = mutation({
  args: { sku: v.string(), units: v.number() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("stock")
      .withIndex("by_sku", (q) => q.eq("sku", args.sku))
      .unique();
    if (row === null) await ctx.db.insert("stock", { sku: args.sku, available: args.units });
    else await ctx.db.patch("stock", row._id, { available: row.available + args.units });
    return null;
  },
});

/** Takes units off the shelf for an order; refuses when fewer are available. */
export const reserve = mutation({
  args: { orderId: v.string(), sku: v.string(), quantity: v.number() },
  returns: v.object({ reservationId: v.string() }),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("stock")
      .withIndex("by_sku", (q) => q.eq("sku", args.sku))
      .unique();
    const available = row?.available ?? 0;
    if (row === null || available < args.quantity) {
      throw new ConvexError({
        code: "INSUFFICIENT_STOCK",
        message: `order ${args.orderId} needs ${args.quantity} x ${args.sku}, ${available} available`,
      });
    }
    await ctx.db.patch("stock", row._id, { available: available - args.quantity });
    const id = await ctx.db.insert("reservations", { ...args, status: "reserved" });
    return { reservationId: id as string };
  },
});

/** Puts a reservation's units back on the shelf. */
export const release = mutation({
  args: { orderId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const reservation = await ctx.db
      .query("reservations")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .unique();
    if (reservation === null || reservation.status === "released") return null;
    const row = await ctx.db
      .query("stock")
      .withIndex("by_sku", (q) => q.eq("sku", reservation.sku))
      .unique();
    if (row !== null) {
      await ctx.db.patch("stock", row._id, { available: row.available + reservation.quantity });
    }
    await ctx.db.patch("reservations", reservation._id, { status: "released" });
    return null;
  },
});

export const get = query({
  args: { sku: v.string(), orderId: v.string() },
  returns: v.object({ available: v.number(), reservation: v.union(v.null(), v.string()) }),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("stock")
      .withIndex("by_sku", (q) => q.eq("sku", args.sku))
      .unique();
    const reservation = await ctx.db
      .query("reservations")
      .withIndex("by_order_id", (q) => q.eq("orderId", args.orderId))
      .unique();
    return { available: row?.available ?? 0, reservation: reservation?.status ?? null };
  },
});
