// How the orchestrator runs each inventory command. Every handler decides over the warehouse
// scope, so each gets the shop's tenant and the warehouse besides the payload.
import type { OrchestratedCommandConfig } from "@convex-es/platform-core";
import {
  addStock,
  confirmReservation,
  createProduct,
  expireReservations,
  releaseReservation,
  reserveStock,
} from "../../src/inventory/index.js";
import { components } from "../_generated/api.js";
import { SHOP_TENANT_ID, WAREHOUSE_ID } from "../platform/shop.js";

const inWarehouse = { tenantId: SHOP_TENANT_ID, warehouseId: WAREHOUSE_ID };

export const createProductConfig: OrchestratedCommandConfig<typeof createProduct> = {
  definition: createProduct,
  handler: components.inventory.handlers.createProduct,
  toHandlerArgs: (payload, context) => ({ ...context, ...inWarehouse, ...payload }),
};

export const addStockConfig: OrchestratedCommandConfig<typeof addStock> = {
  definition: addStock,
  handler: components.inventory.handlers.addStock,
  toHandlerArgs: (payload, context) => ({ ...context, ...inWarehouse, ...payload }),
};

export const reserveStockConfig: OrchestratedCommandConfig<typeof reserveStock> = {
  definition: reserveStock,
  handler: components.inventory.handlers.reserveStock,
  toHandlerArgs: (payload, context) => ({ ...context, ...inWarehouse, ...payload }),
};

export const confirmReservationConfig: OrchestratedCommandConfig<typeof confirmReservation> = {
  definition: confirmReservation,
  handler: components.inventory.handlers.confirmReservation,
  toHandlerArgs: (payload, context) => ({ ...context, ...inWarehouse, ...payload }),
};

export const releaseReservationConfig: OrchestratedCommandConfig<typeof releaseReservation> = {
  definition: releaseReservation,
  handler: components.inventory.handlers.releaseReservation,
  toHandlerArgs: (payload, context) => ({ ...context, ...inWarehouse, ...payload }),
};

export const expireReservationsConfig: OrchestratedCommandConfig<typeof expireReservations> = {
  definition: expireReservations,
  handler: components.inventory.handlers.expireReservations,
  toHandlerArgs: (payload, context) => ({ ...context, ...inWarehouse, ...payload }),
};

/**
 * ReleaseReservation for the fulfilment saga's compensation and the reservation-release process
 * manager: a reservation released or expired already is executed with no event, not refused
 * (contexts/inventory/release.ts).
 */
export const releaseHeldStockConfig: OrchestratedCommandConfig<typeof releaseReservation> = {
  definition: releaseReservation,
  handler: components.inventory.release.releaseHeldStock,
  toHandlerArgs: (payload, context) => ({ ...context, ...inWarehouse, ...payload }),
};
