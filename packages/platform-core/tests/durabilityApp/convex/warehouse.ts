// Stock of a warehouse as a DCB scope: the scope operation that reserves stock, and direct
// stocking. Reservations go through DcbRetry (inventory.ts).
import { createScopeKey, vCommitScopeResult } from "@convex-es/platform-store";
import type { EventEnvelope } from "@convex-es/platform-store";
import { v } from "convex/values";
import { vDcbOperationArgs } from "../../../src/index.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import type { QueryCtx } from "./_generated/server.js";
import { eventStore } from "./durableAppends.js";

export const vReservationResult = v.union(
  vCommitScopeResult,
  v.object({ status: v.literal("rejected"), code: v.string(), message: v.string() }),
);

export const scopeOf = (tenantId: string, warehouseId: string) =>
  createScopeKey(tenantId, "warehouse", warehouseId);

function available(events: readonly EventEnvelope[], sku: string): number {
  let stock = 0;
  for (const event of events) {
    const payload = event.payload as { sku: string; quantity: number };
    if (payload.sku !== sku) continue;
    if (event.eventType === "StockAdded") stock += payload.quantity;
    if (event.eventType === "StockReserved") stock -= payload.quantity;
  }
  return stock;
}

/** Is the tests' "staleReads" fault on: every read of the scope is one commit behind? */
async function readsAreStale(ctx: QueryCtx): Promise<boolean> {
  const fault = await ctx.db
    .query("faults")
    .withIndex("by_target", (q) => q.eq("target", "staleReads"))
    .unique();
  return fault !== null && fault.failuresLeft !== 0;
}

/**
 * The scope operation: reads the warehouse, decides, commits. It decides on `expectedVersion`
 * when its caller passes one (the version the caller saw), else on the version it reads.
 */
export const reserveStock = internalMutation({
  args: {
    ...vDcbOperationArgs,
    tenantId: v.string(),
    warehouseId: v.string(),
    sku: v.string(),
    quantity: v.number(),
    reservationId: v.string(),
  },
  returns: vReservationResult,
  handler: async (ctx, args) => {
    const scopeKey = scopeOf(args.tenantId, args.warehouseId);
    const page = await eventStore.readVirtualStream(ctx, {
      scopeKey,
      tenantId: args.tenantId,
      limit: 500,
    });
    const stale = await readsAreStale(ctx);
    const decidedOn = args.expectedVersion ?? page.scopeVersion - (stale ? 1 : 0);
    if (available(page.events, args.sku) < args.quantity) {
      return {
        status: "rejected" as const,
        code: "INSUFFICIENT_STOCK",
        message: `warehouse ${args.warehouseId} has fewer than ${args.quantity} of ${args.sku}`,
      };
    }
    return await eventStore.commitScope(ctx, {
      scopeKey,
      tenantId: args.tenantId,
      expectedVersion: decidedOn,
      events: [
        {
          streamType: "Product",
          streamId: args.sku,
          boundedContext: "inventory",
          eventType: "StockReserved",
          payload: { sku: args.sku, quantity: args.quantity, reservationId: args.reservationId },
          metadata: { correlationId: args.reservationId },
        },
      ],
    });
  },
});

/** Stocks a warehouse directly (one scope commit). */
export const addStock = internalMutation({
  args: { tenantId: v.string(), warehouseId: v.string(), sku: v.string(), quantity: v.number() },
  returns: v.number(),
  handler: async (ctx, { tenantId, warehouseId, sku, quantity }) => {
    const scopeKey = scopeOf(tenantId, warehouseId);
    const scope = await eventStore.getScope(ctx, { scopeKey, tenantId });
    const result = await eventStore.commitScope(ctx, {
      scopeKey,
      tenantId,
      expectedVersion: scope?.version ?? 0,
      events: [
        {
          streamType: "Product",
          streamId: sku,
          boundedContext: "inventory",
          eventType: "StockAdded",
          payload: { sku, quantity },
          metadata: { correlationId: `stock-${sku}` },
        },
      ],
    });
    if (result.status !== "success") throw new Error("stocking conflicted");
    return result.scopeVersion;
  },
});

/** The warehouse's events in commit order, as `type:reservationId-or-sku`, and its version. */
export const warehouse = internalQuery({
  args: { tenantId: v.string(), warehouseId: v.string() },
  returns: v.object({ scopeVersion: v.number(), events: v.array(v.string()) }),
  handler: async (ctx, { tenantId, warehouseId }) => {
    const page = await eventStore.readVirtualStream(ctx, {
      scopeKey: scopeOf(tenantId, warehouseId),
      tenantId,
      limit: 500,
    });
    return {
      scopeVersion: page.scopeVersion,
      events: page.events.map((event) => {
        const payload = event.payload as { sku: string; reservationId?: string };
        return `${event.eventType}:${payload.reservationId ?? payload.sku}`;
      }),
    };
  },
});
