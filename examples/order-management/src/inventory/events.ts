// The inventory context's events as contracts. The handlers are given them, so each is stored
// with its category and schema version, and an event the decider emits without a definition
// is refused before anything is written.
import { defineEvent } from "@convex-es/platform-bc";
import { z } from "zod";
import { zStockLine } from "./definitions.js";

const inventoryEvent = <TType extends string, TShape extends z.ZodRawShape>(
  eventType: TType,
  description: string,
  shape: TShape,
) =>
  defineEvent({
    eventType,
    boundedContext: "inventory",
    schemaVersion: 1,
    category: "domain",
    description,
    payload: z.object(shape),
  });

const movement = {
  productId: z.string(),
  reservationId: z.string(),
  quantity: z.number(),
};

/** Every event the inventory decider emits, for the handlers (`events`). */
export const inventoryEvents = [
  inventoryEvent("ProductCreated", "A product joined the warehouse's catalogue", {
    productId: z.string(),
    name: z.string(),
  }),
  inventoryEvent("StockAdded", "Units of a product arrived", {
    productId: z.string(),
    quantity: z.number(),
    onHand: z.number(),
  }),
  inventoryEvent("StockReserved", "Units were held for a reservation", movement),
  inventoryEvent("StockReleased", "Held units went back on the shelf", movement),
  inventoryEvent("StockAllocated", "Held units left the shelf for their order", movement),
  inventoryEvent("ReservationPlaced", "Stock of every line was held for an order", {
    reservationId: z.string(),
    orderId: z.string(),
    lines: z.array(zStockLine),
    expiresAt: z.number(),
  }),
  inventoryEvent("ReservationConfirmed", "The order took its held stock", {
    reservationId: z.string(),
    orderId: z.string(),
  }),
  inventoryEvent("ReservationReleased", "The held stock was given back before expiry", {
    reservationId: z.string(),
    orderId: z.string(),
    reason: z.string(),
  }),
  inventoryEvent("ReservationExpired", "Nobody confirmed the reservation in time", {
    reservationId: z.string(),
    orderId: z.string(),
    expiredAt: z.number(),
  }),
] as const;
