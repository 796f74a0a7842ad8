// The warehouse's pure decider: every command decides over the products and reservations it
// names, together (a Dynamic Consistency Boundary), so a reservation of several products takes
// every line or none.
import { defineDecider, rejected, success } from "@convex-es/platform-decider";
import type { DecisionContext, DeciderOutput } from "@convex-es/platform-decider";
import { evolveInventory } from "./evolve.js";
import type {
  InventoryCommand,
  InventoryErrorCode,
  InventoryEvent,
  StockLine,
} from "./messages.js";
import { availableOf, emptyInventory, RESERVATION_TTL_MS } from "./state.js";
import type { InventoryState, Reservation } from "./state.js";

export type InventoryOutput = DeciderOutput<InventoryEvent, Record<string, unknown>>;

function reject(code: InventoryErrorCode, message: string, context?: Record<string, unknown>) {
  return rejected(code, message, context);
}

const isQuantity = (quantity: number) => Number.isInteger(quantity) && quantity > 0;

function decideInventory(
  state: InventoryState,
  command: InventoryCommand,
  context: DecisionContext,
): InventoryOutput {
  switch (command.type) {
    case "CreateProduct": {
      const { productId, name } = command.data;
      if (state.products[productId] !== undefined) {
        return reject("PRODUCT_ALREADY_EXISTS", `Product ${productId} already exists`, {
          productId,
        });
      }
      return success({ type: "ProductCreated", data: { productId, name } });
    }
    case "AddStock": {
      const { productId, quantity } = command.data;
      const product = state.products[productId];
      if (product === undefined) {
        return reject("PRODUCT_NOT_FOUND", `No product ${productId}: create it first`, {
          productId,
        });
      }
      if (!isQuantity(quantity)) {
        return reject(
          "INVALID_QUANTITY",
          `Stock is added in positive whole units, got ${quantity}`,
        );
      }
      const onHand = product.onHand + quantity;
      return success(
        { type: "StockAdded", data: { productId, quantity, onHand } },
        {
          data: { productId, onHand },
        },
      );
    }
    case "ReserveStock":
      return reserve(state, command.data, context);
    case "ConfirmReservation": {
      const held = heldReservation(state, command.data.reservationId, context);
      if (!held.ok) return held.refusal;
      const { reservation } = held;
      return success([
        {
          type: "ReservationConfirmed",
          data: { reservationId: reservation.reservationId, orderId: reservation.orderId },
        },
        ...reservation.lines.map((line) => ({
          type: "StockAllocated" as const,
          data: { ...line, reservationId: reservation.reservationId },
        })),
      ]);
    }
    case "ReleaseReservation": {
      const held = heldReservation(state, command.data.reservationId);
      if (!held.ok) return held.refusal;
      const { reservation } = held;
      return success([
        {
          type: "ReservationReleased",
          data: {
            reservationId: reservation.reservationId,
            orderId: reservation.orderId,
            reason: command.data.reason,
          },
        },
        ...releasedStock(reservation),
      ]);
    }
    case "ExpireReservations":
      return expire(state, command.data.reservationIds, context);
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled inventory command ${JSON.stringify(unhandled)}`);
    }
  }
}

function reserve(
  state: InventoryState,
  { reservationId, orderId, lines }: { reservationId: string; orderId: string; lines: StockLine[] },
  context: DecisionContext,
): InventoryOutput {
  if (state.reservations[reservationId] !== undefined) {
    return reject("RESERVATION_ALREADY_EXISTS", `Reservation ${reservationId} already exists`, {
      reservationId,
    });
  }
  if (lines.length === 0) {
    return reject("RESERVATION_HAS_NO_LINES", "A reservation needs at least one product line");
  }
  const productIds = lines.map((line) => line.productId);
  const repeated = productIds.filter((id, index) => productIds.indexOf(id) !== index);
  if (repeated.length > 0) {
    return reject(
      "DUPLICATE_LINE",
      `Each product appears once per reservation: ${repeated.join(", ")} repeat`,
      {
        productIds: [...new Set(repeated)],
      },
    );
  }
  const invalid = lines.filter((line) => !isQuantity(line.quantity));
  if (invalid.length > 0) {
    return reject(
      "INVALID_QUANTITY",
      `Quantities are positive whole units: ${invalid.map((l) => `${l.productId} x ${l.quantity}`).join(", ")}`,
    );
  }
  const unknown = productIds.filter((id) => state.products[id] === undefined);
  if (unknown.length > 0) {
    return reject("UNKNOWN_PRODUCTS", `No such products: ${unknown.join(", ")}`, {
      productIds: unknown,
    });
  }
  const shortages = lines.flatMap((line) => {
    const available = availableOf(state.products[line.productId]!);
    return available < line.quantity
      ? [{ productId: line.productId, requested: line.quantity, available }]
      : [];
  });
  if (shortages.length > 0) {
    const described = shortages
      .map((s) => `${s.productId} (requested ${s.requested}, available ${s.available})`)
      .join(", ");
    return reject(
      "INSUFFICIENT_STOCK",
      `Not enough stock for ${shortages.length} of ${lines.length} products: ${described}; nothing was reserved`,
      { shortages },
    );
  }
  const expiresAt = context.now + RESERVATION_TTL_MS;
  return success(
    [
      ...lines.map((line) => ({
        type: "StockReserved" as const,
        data: { ...line, reservationId },
      })),
      { type: "ReservationPlaced" as const, data: { reservationId, orderId, lines, expiresAt } },
    ],
    { data: { reservationId, expiresAt } },
  );
}

/** The reservation if it is held (and, given a context, not yet past its expiry), else why not. */
function heldReservation(
  state: InventoryState,
  reservationId: string,
  context?: DecisionContext,
): { ok: true; reservation: Reservation } | { ok: false; refusal: InventoryOutput } {
  const refuse = (refusal: InventoryOutput) => ({ ok: false as const, refusal });
  const reservation = state.reservations[reservationId];
  if (reservation === undefined) {
    return refuse(
      reject("RESERVATION_NOT_FOUND", `No reservation ${reservationId}`, { reservationId }),
    );
  }
  if (reservation.status !== "held") {
    return refuse(
      reject(
        "RESERVATION_NOT_HELD",
        `Reservation ${reservationId} is ${reservation.status}; only a held reservation can change`,
        { reservationId, status: reservation.status },
      ),
    );
  }
  if (context !== undefined && context.now >= reservation.expiresAt) {
    return refuse(
      reject(
        "RESERVATION_EXPIRED",
        `Reservation ${reservationId} expired at ${new Date(reservation.expiresAt).toISOString()}; its stock is being released`,
        { reservationId, expiresAt: reservation.expiresAt },
      ),
    );
  }
  return { ok: true, reservation };
}

function releasedStock(reservation: Reservation): InventoryEvent[] {
  return reservation.lines.map((line) => ({
    type: "StockReleased" as const,
    data: { ...line, reservationId: reservation.reservationId },
  }));
}

function expire(
  state: InventoryState,
  reservationIds: string[],
  context: DecisionContext,
): InventoryOutput {
  const due = reservationIds.map((id) => state.reservations[id]);
  const notDue = reservationIds.filter((id, index) => {
    const reservation = due[index];
    return (
      reservation === undefined ||
      reservation.status !== "held" ||
      reservation.expiresAt > context.now
    );
  });
  if (reservationIds.length === 0 || notDue.length > 0) {
    return reject(
      "RESERVATIONS_NOT_DUE",
      reservationIds.length === 0
        ? "No reservation to expire was named"
        : `Only held reservations past their expiry can expire: ${notDue.join(", ")} are not`,
      { reservationIds: notDue },
    );
  }
  return success(
    (due as Reservation[]).flatMap((reservation) => [
      {
        type: "ReservationExpired" as const,
        data: {
          reservationId: reservation.reservationId,
          orderId: reservation.orderId,
          expiredAt: context.now,
        },
      },
      ...releasedStock(reservation),
    ]),
    { data: { expired: reservationIds.length } },
  );
}

/**
 * The warehouse decider: `decide` over the loaded part of the scope, `evolve` to fold events.
 * Folded from `emptyInventory` over the scope's virtual stream, it rebuilds the whole warehouse.
 */
export const inventoryDecider = defineDecider<InventoryState, InventoryCommand, InventoryEvent>({
  initialState: emptyInventory,
  decide: decideInventory,
  evolve: evolveInventory,
});
