// The warehouse bounded context: scope (DCB) handlers over its CMS, and two hand-written
// handlers that answer malformed results, so the orchestrator's checks can be seen.
import { v } from "convex/values";
import {
  createScopeDeciderHandler,
  vHandlerContextArgs,
  vHandlerResult,
} from "../../../src/index.js";
import type { LoadedScope, ScopeUpdate } from "../../../src/index.js";
import { warehouseDecider } from "../domain/warehouse.js";
import type { Line, WarehouseEvent, WarehouseState } from "../domain/warehouse.js";
import { mutation, query } from "./_generated/server.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";

export const TENANT_ID = "t1";

const vLine = v.object({ sku: v.string(), quantity: v.number() });

async function stockRow(ctx: QueryCtx, warehouseId: string, sku: string) {
  return await ctx.db
    .query("stockLevels")
    .withIndex("by_warehouse_and_sku", (q) => q.eq("warehouseId", warehouseId).eq("sku", sku))
    .unique();
}

async function warehouseRow(ctx: QueryCtx, warehouseId: string) {
  return await ctx.db
    .query("warehouses")
    .withIndex("by_warehouse_id", (q) => q.eq("warehouseId", warehouseId))
    .unique();
}

/** The warehouse's scope version and the stock of the skus the lines name. */
async function loadWarehouse(
  ctx: MutationCtx,
  args: { warehouseId: string; lines: Line[] },
): Promise<LoadedScope<WarehouseState>> {
  const stock: Record<string, number> = {};
  for (const line of args.lines) {
    stock[line.sku] = (await stockRow(ctx, args.warehouseId, line.sku))?.available ?? 0;
  }
  return { state: { stock }, version: (await warehouseRow(ctx, args.warehouseId))?.version ?? 0 };
}

async function writeWarehouse(
  ctx: MutationCtx,
  update: ScopeUpdate<WarehouseState, { warehouseId: string }, WarehouseEvent>,
): Promise<void> {
  const { warehouseId } = update.args;
  const warehouse = await warehouseRow(ctx, warehouseId);
  if (warehouse === null)
    await ctx.db.insert("warehouses", { warehouseId, version: update.version });
  else await ctx.db.patch(warehouse._id, { version: update.version });
  const skus = new Set(
    update.events.flatMap((event) => ("sku" in event.data ? [event.data.sku] : [])),
  );
  for (const sku of skus) {
    const available = update.state.stock[sku] ?? 0;
    const row = await stockRow(ctx, warehouseId, sku);
    if (row === null) await ctx.db.insert("stockLevels", { warehouseId, sku, available });
    else await ctx.db.patch(row._id, { available });
  }
}

const scopeOf = (args: { warehouseId: string }) => ({
  tenantId: TENANT_ID,
  scopeType: "warehouse",
  scopeId: args.warehouseId,
});
const streamOf = (event: WarehouseEvent) => ({
  streamType: "Sku",
  streamId: "sku" in event.data ? event.data.sku : event.data.reservationId,
});

export const stock = mutation(
  createScopeDeciderHandler({
    args: { warehouseId: v.string(), lines: v.array(vLine) },
    decider: warehouseDecider,
    scopeOf,
    toCommand: (args) => ({ type: "StockSkus" as const, data: { lines: args.lines } }),
    loadScope: loadWarehouse,
    streamOf,
    applyScopeUpdate: writeWarehouse,
  }),
);

export const reserve = mutation(
  createScopeDeciderHandler({
    args: { warehouseId: v.string(), reservationId: v.string(), lines: v.array(vLine) },
    decider: warehouseDecider,
    scopeOf,
    toCommand: (args) => ({
      type: "ReserveSkus" as const,
      data: { reservationId: args.reservationId, lines: args.lines },
    }),
    loadScope: loadWarehouse,
    streamOf,
    applyScopeUpdate: writeWarehouse,
  }),
);

/** Answers a scope success whose event names no stream. */
export const reserveWithoutStreams = mutation({
  args: {
    ...vHandlerContextArgs,
    warehouseId: v.string(),
    reservationId: v.string(),
    lines: v.array(vLine),
  },
  returns: vHandlerResult,
  handler: async (_ctx, args) => ({
    status: "success" as const,
    events: [{ eventType: "StockReserved", payload: { reservationId: args.reservationId } }],
    cmsVersionBefore: 0,
    cmsVersionAfter: 1,
    streamType: "warehouse",
    streamId: args.warehouseId,
    scopeKey: `tenant:${TENANT_ID}:warehouse:${args.warehouseId}`,
  }),
});

/** Answers an entity success whose event names a stream, without a scope. */
export const reserveWithStrayStream = mutation({
  args: {
    ...vHandlerContextArgs,
    warehouseId: v.string(),
    reservationId: v.string(),
    lines: v.array(vLine),
  },
  returns: vHandlerResult,
  handler: async (_ctx, args) => ({
    status: "success" as const,
    events: [
      {
        eventType: "StockReserved",
        payload: { reservationId: args.reservationId },
        streamType: "Sku",
        streamId: "sku-a",
      },
    ],
    cmsVersionBefore: 0,
    cmsVersionAfter: 1,
    streamType: "Reservation",
    streamId: args.reservationId,
  }),
});

export const getWarehouse = query({
  args: { warehouseId: v.string(), skus: v.array(v.string()) },
  returns: v.object({ version: v.number(), stock: v.record(v.string(), v.number()) }),
  handler: async (ctx, args) => {
    const stock: Record<string, number> = {};
    for (const sku of args.skus) {
      const row = await stockRow(ctx, args.warehouseId, sku);
      if (row !== null) stock[sku] = row.available;
    }
    return { version: (await warehouseRow(ctx, args.warehouseId))?.version ?? 0, stock };
  },
});
