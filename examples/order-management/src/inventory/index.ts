export { inventoryDecider } from "./decider.js";
export type { InventoryOutput } from "./decider.js";
export {
  addStock,
  confirmReservation,
  createProduct,
  expireReservations,
  inventoryContext,
  inventoryContract,
  productCMS,
  releaseReservation,
  reservationCMS,
  reserveStock,
  zStockLine,
} from "./definitions.js";
export { evolveInventory } from "./evolve.js";
export { inventoryEvents } from "./events.js";
export { inventoryErrorCodes } from "./messages.js";
export type {
  InventoryCommand,
  InventoryErrorCode,
  InventoryEvent,
  StockLine,
} from "./messages.js";
export { reservationStatus } from "./reservationStatus.js";
export type { ReservationStatus } from "./reservationStatus.js";
export { availableOf, emptyInventory, RESERVATION_TTL_MS } from "./state.js";
export type { InventoryState, ProductStock, Reservation } from "./state.js";
export { streamOfInventoryEvent } from "./streams.js";
