// The inventory context's handler mutations: every command is a decision over the warehouse
// scope (a Dynamic Consistency Boundary), made by the pure inventory decider over the CMS rows
// it names, through platform-core's createScopeDeciderHandler. The app's CommandOrchestrator
// commits the events of all the streams they touch with one scope commit, in the transaction
// that writes these rows.
import { createScopeDeciderHandler } from "@convex-es/platform-core";
import { v } from "convex/values";
import {
  inventoryDecider,
  inventoryEvents,
  streamOfInventoryEvent,
} from "../../src/inventory/index.js";
import { loadScope, writeScope } from "./scope.js";
import type { ScopeSelection } from "./scope.js";
import { mutation } from "./_generated/server.js";
import { vStockLine } from "./schema.js";

/** Every inventory command names the tenant and warehouse whose scope it decides over. */
const vWarehouse = { tenantId: v.string(), warehouseId: v.string() };

/** The scope key is `tenant:<tenantId>:warehouse:<warehouseId>`. */
export const WAREHOUSE_SCOPE_TYPE = "warehouse";

/** What every inventory handler shares: the decider, the scope, the streams, the CMS writer. */
const warehouse = {
  decider: inventoryDecider,
  scopeOf: (args: { tenantId: string; warehouseId: string }) => ({
    tenantId: args.tenantId,
    scopeType: WAREHOUSE_SCOPE_TYPE,
    scopeId: args.warehouseId,
  }),
  streamOf: streamOfInventoryEvent,
  applyScopeUpdate: writeScope,
  events: inventoryEvents,
};

const products = (warehouseId: string, productIds: string[]) =>
  ({ warehouseId, productIds, reservationIds: [] }) satisfies ScopeSelection;
const reservations = (warehouseId: string, reservationIds: string[]) =>
  ({ warehouseId, productIds: [], reservationIds }) satisfies ScopeSelection;

export const createProduct = mutation(
  createScopeDeciderHandler({
    ...warehouse,
    args: { ...vWarehouse, productId: v.string(), name: v.string() },
    loadScope: (ctx, args) => loadScope(ctx, products(args.warehouseId, [args.productId])),
    toCommand: (args) => ({
      type: "CreateProduct" as const,
      data: { productId: args.productId, name: args.name },
    }),
  }),
);

export const addStock = mutation(
  createScopeDeciderHandler({
    ...warehouse,
    args: { ...vWarehouse, productId: v.string(), quantity: v.number() },
    loadScope: (ctx, args) => loadScope(ctx, products(args.warehouseId, [args.productId])),
    toCommand: (args) => ({
      type: "AddStock" as const,
      data: { productId: args.productId, quantity: args.quantity },
    }),
  }),
);

export const reserveStock = mutation(
  createScopeDeciderHandler({
    ...warehouse,
    args: {
      ...vWarehouse,
      reservationId: v.string(),
      orderId: v.string(),
      lines: v.array(vStockLine),
    },
    loadScope: (ctx, args) =>
      loadScope(ctx, {
        warehouseId: args.warehouseId,
        productIds: args.lines.map((line) => line.productId),
        reservationIds: [args.reservationId],
      }),
    toCommand: (args) => ({
      type: "ReserveStock" as const,
      data: { reservationId: args.reservationId, orderId: args.orderId, lines: args.lines },
    }),
  }),
);

export const confirmReservation = mutation(
  createScopeDeciderHandler({
    ...warehouse,
    args: { ...vWarehouse, reservationId: v.string() },
    loadScope: (ctx, args) => loadScope(ctx, reservations(args.warehouseId, [args.reservationId])),
    toCommand: (args) => ({
      type: "ConfirmReservation" as const,
      data: { reservationId: args.reservationId },
    }),
  }),
);

/** The release decision, shared with `releaseHeldStock` (release.ts). */
export const releaseReservationHandler = createScopeDeciderHandler({
  ...warehouse,
  args: { ...vWarehouse, reservationId: v.string(), reason: v.string() },
  loadScope: (ctx, args) => loadScope(ctx, reservations(args.warehouseId, [args.reservationId])),
  toCommand: (args) => ({
    type: "ReleaseReservation" as const,
    data: { reservationId: args.reservationId, reason: args.reason },
  }),
});

export const releaseReservation = mutation(releaseReservationHandler);

export const expireReservations = mutation(
  createScopeDeciderHandler({
    ...warehouse,
    args: { ...vWarehouse, reservationIds: v.array(v.string()) },
    loadScope: (ctx, args) => loadScope(ctx, reservations(args.warehouseId, args.reservationIds)),
    toCommand: (args) => ({
      type: "ExpireReservations" as const,
      data: { reservationIds: args.reservationIds },
    }),
  }),
);
