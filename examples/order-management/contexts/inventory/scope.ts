// Loading the part of the warehouse scope a decision needs from the CMS, and writing back what
// its events changed together with the scope version.
import { upcastCMS } from "@convex-es/platform-bc";
import type { LoadedScope, ScopeUpdate } from "@convex-es/platform-core";
import { productCMS, reservationCMS, streamOfInventoryEvent } from "../../src/inventory/index.js";
import type {
  InventoryEvent,
  InventoryState,
  ProductStock,
  Reservation,
} from "../../src/inventory/index.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";

/** The entities a command names. */
export interface ScopeSelection {
  readonly warehouseId: string;
  readonly productIds: readonly string[];
  readonly reservationIds: readonly string[];
}

async function productRow(ctx: QueryCtx, warehouseId: string, productId: string) {
  return await ctx.db
    .query("products")
    .withIndex("by_warehouse_and_product", (q) =>
      q.eq("warehouseId", warehouseId).eq("productId", productId),
    )
    .unique();
}

async function reservationRow(ctx: QueryCtx, warehouseId: string, reservationId: string) {
  return await ctx.db
    .query("reservations")
    .withIndex("by_warehouse_and_reservation", (q) =>
      q.eq("warehouseId", warehouseId).eq("reservationId", reservationId),
    )
    .unique();
}

async function warehouseRow(ctx: QueryCtx, warehouseId: string) {
  return await ctx.db
    .query("warehouses")
    .withIndex("by_warehouse_id", (q) => q.eq("warehouseId", warehouseId))
    .unique();
}

/**
 * The named reservations, the named products and the products of those reservations, upcast
 * to the current CMS versions, with the scope version the rows reflect.
 */
export async function loadScope(
  ctx: QueryCtx,
  selection: ScopeSelection,
): Promise<LoadedScope<InventoryState>> {
  const reservations: Record<string, Reservation> = {};
  const productIds = new Set(selection.productIds);
  for (const reservationId of selection.reservationIds) {
    const row = await reservationRow(ctx, selection.warehouseId, reservationId);
    if (row === null) continue;
    const { state } = upcastCMS(reservationCMS, row);
    reservations[reservationId] = {
      reservationId: state.reservationId,
      orderId: state.orderId,
      lines: state.lines,
      status: state.status,
      expiresAt: state.expiresAt,
    };
    for (const line of state.lines) productIds.add(line.productId);
  }
  const products: Record<string, ProductStock> = {};
  for (const productId of productIds) {
    const row = await productRow(ctx, selection.warehouseId, productId);
    if (row === null) continue;
    const { state } = upcastCMS(productCMS, row);
    products[productId] = {
      productId: state.productId,
      name: state.name,
      onHand: state.onHand,
      reserved: state.reserved,
    };
  }
  const version = (await warehouseRow(ctx, selection.warehouseId))?.version ?? 0;
  return { state: { products, reservations }, version };
}

/** Writes every product and reservation the events changed, and the scope version. */
export async function writeScope(
  ctx: MutationCtx,
  update: ScopeUpdate<InventoryState, { warehouseId: string }, InventoryEvent>,
): Promise<void> {
  const { warehouseId } = update.args;
  // One write per entity, however many of the events touched it.
  const touched = new Map(
    update.events.map(streamOfInventoryEvent).map((s) => [`${s.streamType}/${s.streamId}`, s]),
  );
  for (const stream of touched.values()) {
    if (stream.streamType === "StockProduct") {
      const product = update.state.products[stream.streamId]!;
      const fields = { warehouseId, ...product, stateVersion: productCMS.currentVersion };
      const row = await productRow(ctx, warehouseId, stream.streamId);
      if (row === null) await ctx.db.insert("products", fields);
      else await ctx.db.patch("products", row._id, fields);
    } else {
      const reservation = update.state.reservations[stream.streamId]!;
      const fields = { warehouseId, ...reservation, stateVersion: reservationCMS.currentVersion };
      const row = await reservationRow(ctx, warehouseId, stream.streamId);
      if (row === null) await ctx.db.insert("reservations", fields);
      else await ctx.db.patch("reservations", row._id, fields);
    }
  }
  const warehouse = await warehouseRow(ctx, warehouseId);
  if (warehouse === null)
    await ctx.db.insert("warehouses", { warehouseId, version: update.version });
  else await ctx.db.patch("warehouses", warehouse._id, { version: update.version });
}
