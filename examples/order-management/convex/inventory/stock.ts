// Asking inventory what its decider would answer, before another context decides on it.
import type { StockAnswer } from "../../src/orders/index.js";
import type { StockLine } from "../../src/inventory/index.js";
import { components } from "../_generated/api.js";
import type { QueryCtx } from "../_generated/server.js";
import { WAREHOUSE_ID } from "../platform/shop.js";

type Previewed =
  | { type: "ReserveStock"; data: { reservationId: string; orderId: string; lines: StockLine[] } }
  | { type: "ConfirmReservation"; data: { reservationId: string } }
  | { type: "ReleaseReservation"; data: { reservationId: string; reason: string } };

/**
 * Inventory's decider run on its current CMS, writing nothing. `now` is the transaction's clock
 * by default, the one the orchestrator decides with, so the follow-up command answers the same;
 * a later `now` asks whether the answer still holds then.
 */
export async function askInventory(
  ctx: Pick<QueryCtx, "runQuery">,
  command: Previewed,
  now: number = Date.now(),
): Promise<StockAnswer> {
  return await ctx.runQuery(components.inventory.queries.preview, {
    warehouseId: WAREHOUSE_ID,
    command,
    now,
  });
}
