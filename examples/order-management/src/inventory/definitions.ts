// The inventory bounded context as contracts: its identity, commands, CMS versions and
// dual-write contract. Every inventory command decides over the warehouse scope (a DCB).
import {
  defineBoundedContext,
  defineCMS,
  defineCommand,
  defineDualWriteContract,
} from "@convex-es/platform-bc";
import { z } from "zod";
import { inventoryErrorCodes } from "./messages.js";
import type { ProductStock, Reservation } from "./state.js";

export const inventoryContext = defineBoundedContext({
  name: "inventory",
  description: "Stock of the warehouse's products and the reservations held for orders",
  version: 1,
  streamTypePrefix: "Stock",
});

const zId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "1 to 64 letters, digits, - or _");
const zQuantity = z.number().int().positive().max(1_000_000);
export const zStockLine = z.strictObject({ productId: zId, quantity: zQuantity });

export const createProduct = defineCommand({
  commandType: "CreateProduct",
  boundedContext: "inventory",
  payload: z.strictObject({ productId: zId, name: z.string().min(1).max(200) }),
  createsAggregate: true,
  producesEvents: ["ProductCreated"],
});

export const addStock = defineCommand({
  commandType: "AddStock",
  boundedContext: "inventory",
  payload: z.strictObject({ productId: zId, quantity: zQuantity }),
  producesEvents: ["StockAdded"],
});

export const reserveStock = defineCommand({
  commandType: "ReserveStock",
  boundedContext: "inventory",
  payload: z.strictObject({
    reservationId: zId,
    orderId: zId,
    lines: z.array(zStockLine).min(1).max(50),
  }),
  createsAggregate: true,
  producesEvents: ["StockReserved", "ReservationPlaced"],
});

export const confirmReservation = defineCommand({
  commandType: "ConfirmReservation",
  boundedContext: "inventory",
  payload: z.strictObject({ reservationId: zId }),
  producesEvents: ["ReservationConfirmed", "StockAllocated"],
});

export const releaseReservation = defineCommand({
  commandType: "ReleaseReservation",
  boundedContext: "inventory",
  payload: z.strictObject({ reservationId: zId, reason: z.string().min(1).max(1000) }),
  producesEvents: ["ReservationReleased", "StockReleased"],
});

export const expireReservations = defineCommand({
  commandType: "ExpireReservations",
  boundedContext: "inventory",
  payload: z.strictObject({ reservationIds: z.array(zId).min(1).max(50) }),
  producesEvents: ["ReservationExpired", "StockReleased"],
});

export const productCMS = defineCMS<ProductStock>({ cmsType: "productCMS", currentVersion: 1 });
export const reservationCMS = defineCMS<Reservation>({
  cmsType: "reservationCMS",
  currentVersion: 1,
});

export const inventoryContract = defineDualWriteContract({
  identity: inventoryContext,
  executionMode: "dual-write",
  commandTypes: [
    "CreateProduct",
    "AddStock",
    "ReserveStock",
    "ConfirmReservation",
    "ReleaseReservation",
    "ExpireReservations",
  ],
  eventTypes: [
    "ProductCreated",
    "StockAdded",
    "StockReserved",
    "StockReleased",
    "StockAllocated",
    "ReservationPlaced",
    "ReservationConfirmed",
    "ReservationReleased",
    "ReservationExpired",
  ],
  cmsTypes: { productCMS: { currentVersion: 1 }, reservationCMS: { currentVersion: 1 } },
  errorCodes: [...inventoryErrorCodes],
});
