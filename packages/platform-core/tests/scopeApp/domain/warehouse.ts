// A pure warehouse domain for the scope command tests: the stock of several products decided
// together over one scope (a DCB), so a reservation takes every line or none.
import { defineCommand } from "@convex-es/platform-bc";
import { failed, rejected, success } from "@convex-es/platform-decider";
import type { Command, DeciderOutput, Event } from "@convex-es/platform-decider";
import { z } from "zod";
import type { ScopeDecider } from "../../../src/index.js";

const vLines = z.array(z.strictObject({ sku: z.string().min(1), quantity: z.number().int() }));

export const stockSkus = defineCommand({
  commandType: "StockSkus",
  boundedContext: "warehouse",
  payload: z.strictObject({ warehouseId: z.string().min(1), lines: vLines }),
});

export const reserveSkus = defineCommand({
  commandType: "ReserveSkus",
  boundedContext: "warehouse",
  payload: z.strictObject({
    warehouseId: z.string().min(1),
    reservationId: z.string().min(1),
    lines: vLines,
  }),
});

export type Line = { readonly sku: string; readonly quantity: number };

/** The part of the warehouse a decision sees: the stock of the skus it names. */
export type WarehouseState = { readonly stock: Readonly<Record<string, number>> };

/** More lines than this fail (an unexpected situation) with an audit event. */
export const MAX_LINES = 5;

export type WarehouseCommand =
  | Command<"StockSkus", { lines: Line[] }>
  | Command<"ReserveSkus", { reservationId: string; lines: Line[] }>;

export type WarehouseEvent =
  | Event<"StockAdded", { sku: string; quantity: number }>
  | Event<"StockReserved", { sku: string; quantity: number; reservationId: string }>
  | Event<"ReservationRefused", { reservationId: string; lines: number }>;

function reserve(
  state: WarehouseState,
  reservationId: string,
  lines: readonly Line[],
): DeciderOutput<WarehouseEvent> {
  if (lines.length > MAX_LINES) {
    return failed(`a reservation holds at most ${MAX_LINES} lines (got ${lines.length})`, {
      event: { type: "ReservationRefused", data: { reservationId, lines: lines.length } },
    });
  }
  const short = lines.filter((line) => (state.stock[line.sku] ?? 0) < line.quantity);
  if (short.length > 0) {
    return rejected(
      "INSUFFICIENT_STOCK",
      `not enough stock of ${short.map((line) => line.sku).join(", ")}`,
      { skus: short.map((line) => line.sku) },
    );
  }
  return success(
    lines.map((line) => ({
      type: "StockReserved" as const,
      data: { sku: line.sku, quantity: line.quantity, reservationId },
    })),
    { data: { reserved: lines.length } },
  );
}

export const warehouseDecider: ScopeDecider<WarehouseState, WarehouseCommand, WarehouseEvent> = {
  decide: (state, command) => {
    switch (command.type) {
      case "StockSkus":
        return success(
          command.data.lines.map((line) => ({ type: "StockAdded" as const, data: line })),
        );
      case "ReserveSkus":
        return reserve(state, command.data.reservationId, command.data.lines);
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case "StockAdded":
      case "StockReserved": {
        const sign = event.type === "StockAdded" ? 1 : -1;
        const { sku, quantity } = event.data;
        return { stock: { ...state.stock, [sku]: (state.stock[sku] ?? 0) + sign * quantity } };
      }
      case "ReservationRefused":
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
