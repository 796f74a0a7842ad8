// What the app reads of the inventory context. A preview runs the inventory decider on the
// current CMS without writing anything: the app asks it before an order decides, so the order
// goes ahead only on stock inventory will grant, and inventory's own rules stay here.
import { ConvexError, v } from "convex/values";
import { inventoryDecider } from "../../src/inventory/index.js";
import type { InventoryCommand } from "../../src/inventory/index.js";
import { loadScope } from "./scope.js";
import { query } from "./_generated/server.js";
import { vReservationStatus, vStockLine } from "./schema.js";

const vPreviewedCommand = v.union(
  v.object({
    type: v.literal("ReserveStock"),
    data: v.object({ reservationId: v.string(), orderId: v.string(), lines: v.array(vStockLine) }),
  }),
  v.object({
    type: v.literal("ConfirmReservation"),
    data: v.object({ reservationId: v.string() }),
  }),
  v.object({
    type: v.literal("ReleaseReservation"),
    data: v.object({ reservationId: v.string(), reason: v.string() }),
  }),
);

export const vStockAnswer = v.union(
  v.object({ status: v.literal("accepted") }),
  v.object({
    status: v.literal("refused"),
    code: v.string(),
    message: v.string(),
    context: v.optional(v.record(v.string(), v.any())),
  }),
);

/** Limits of list reads: 1 to 1000 rows. */
function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new ConvexError({
      code: "INVALID_LIMIT",
      message: `limit must be an integer from 1 to 1000 (got ${limit})`,
    });
  }
}

function selectionOf(warehouseId: string, command: InventoryCommand) {
  switch (command.type) {
    case "ReserveStock":
      return {
        warehouseId,
        productIds: command.data.lines.map((line) => line.productId),
        reservationIds: [command.data.reservationId],
      };
    case "ConfirmReservation":
    case "ReleaseReservation":
      return { warehouseId, productIds: [], reservationIds: [command.data.reservationId] };
    default:
      throw new Error(`${command.type} is not previewed`);
  }
}

/** What the inventory decider would answer to `command` at `now`: accepted, or refused and why. */
export const preview = query({
  args: { warehouseId: v.string(), command: vPreviewedCommand, now: v.number() },
  returns: vStockAnswer,
  handler: async (ctx, args) => {
    const { state } = await loadScope(ctx, selectionOf(args.warehouseId, args.command));
    const output = inventoryDecider.decide(state, args.command, {
      now: args.now,
      commandId: "preview",
      correlationId: "preview",
    });
    switch (output.status) {
      case "success":
        return { status: "accepted" as const };
      case "rejected":
        return {
          status: "refused" as const,
          code: output.code,
          message: output.message,
          ...(output.context !== undefined && { context: output.context }),
        };
      case "failed":
        return { status: "refused" as const, code: "INVENTORY_FAILED", message: output.reason };
    }
  },
});

/** One reservation's status and expiry as the CMS holds them, or null when there is none. */
export const reservation = query({
  args: { warehouseId: v.string(), reservationId: v.string() },
  returns: v.union(v.null(), v.object({ status: vReservationStatus, expiresAt: v.number() })),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("reservations")
      .withIndex("by_warehouse_and_reservation", (q) =>
        q.eq("warehouseId", args.warehouseId).eq("reservationId", args.reservationId),
      )
      .unique();
    return row === null ? null : { status: row.status, expiresAt: row.expiresAt };
  },
});

/** Held reservations of the warehouse whose expiry has passed, oldest first. */
export const dueReservations = query({
  args: { warehouseId: v.string(), now: v.number(), limit: v.number() },
  returns: v.array(
    v.object({ reservationId: v.string(), orderId: v.string(), expiresAt: v.number() }),
  ),
  handler: async (ctx, args) => {
    checkLimit(args.limit);
    const rows = await ctx.db
      .query("reservations")
      .withIndex("by_warehouse_and_status_and_expires_at", (q) =>
        q.eq("warehouseId", args.warehouseId).eq("status", "held").lte("expiresAt", args.now),
      )
      .take(args.limit);
    return rows.map(({ reservationId, orderId, expiresAt }) => ({
      reservationId,
      orderId,
      expiresAt,
    }));
  },
});

/** The warehouse's products as its CMS holds them, by product id, and the scope version. */
export const stockLevels = query({
  args: { warehouseId: v.string(), limit: v.number() },
  returns: v.object({
    version: v.number(),
    products: v.array(
      v.object({
        productId: v.string(),
        name: v.string(),
        onHand: v.number(),
        reserved: v.number(),
      }),
    ),
  }),
  handler: async (ctx, args) => {
    checkLimit(args.limit);
    const rows = await ctx.db
      .query("products")
      .withIndex("by_warehouse_and_product", (q) => q.eq("warehouseId", args.warehouseId))
      .take(args.limit);
    const warehouse = await ctx.db
      .query("warehouses")
      .withIndex("by_warehouse_id", (q) => q.eq("warehouseId", args.warehouseId))
      .unique();
    return {
      version: warehouse?.version ?? 0,
      products: rows.map(({ productId, name, onHand, reserved }) => ({
        productId,
        name,
        onHand,
        reserved,
      })),
    };
  },
});
