// Operators' reads, internal only: the event log, command records, and the warehouse scope's
// history with an audit of the inventory CMS against it.
import { vCommandRecord } from "@convex-es/platform-bus";
import { createScopeKey, vEventEnvelope } from "@convex-es/platform-store";
import { v } from "convex/values";
import { emptyInventory, evolveInventory } from "../src/inventory/index.js";
import type { InventoryEvent, InventoryState } from "../src/inventory/index.js";
import { components } from "./_generated/api.js";
import { internalQuery } from "./_generated/server.js";
import { commandBus, eventStore } from "./platform/runtime.js";
import { SHOP_TENANT_ID, WAREHOUSE_ID } from "./platform/shop.js";

const warehouseScopeKey = createScopeKey(SHOP_TENANT_ID, "warehouse", WAREHOUSE_ID);

/** Events of every tenant after `after`, oldest first, below the store's high-water mark. */
export const eventLog = internalQuery({
  args: { after: v.optional(v.number()), limit: v.number() },
  returns: v.object({
    events: v.array(vEventEnvelope),
    nextPosition: v.number(),
    highWaterMark: v.number(),
    isDone: v.boolean(),
  }),
  handler: async (ctx, args) =>
    await eventStore.readFromPosition(ctx, {
      after: args.after ?? 0,
      limit: args.limit,
      allTenants: true,
    }),
});

export const command = internalQuery({
  args: { commandId: v.string() },
  returns: v.union(v.null(), vCommandRecord),
  handler: async (ctx, args) => await commandBus.getCommand(ctx, args.commandId),
});

/** The commands of one user action (its correlation id), oldest first. */
export const commandsOfCorrelation = internalQuery({
  args: { correlationId: v.string() },
  returns: v.object({ commands: v.array(vCommandRecord), hasMore: v.boolean() }),
  handler: async (ctx, args) =>
    await commandBus.getCommandsByCorrelationId(ctx, {
      correlationId: args.correlationId,
      limit: 100,
    }),
});

const vVirtualStreamPage = v.object({
  events: v.array(vEventEnvelope),
  scopeVersion: v.number(),
  nextPosition: v.number(),
  isDone: v.boolean(),
});

/** The warehouse scope's virtual stream: every product's and reservation's events, in order. */
export const warehouseHistory = internalQuery({
  args: { after: v.optional(v.number()), limit: v.number() },
  returns: vVirtualStreamPage,
  handler: async (ctx, args) =>
    await eventStore.readVirtualStream(ctx, {
      scopeKey: warehouseScopeKey,
      tenantId: SHOP_TENANT_ID,
      ...(args.after !== undefined && { after: args.after }),
      limit: args.limit,
    }),
});

const vStock = v.object({ onHand: v.number(), reserved: v.number() });

/** Events an audit folds at most: 10 pages of the store's largest read. */
const AUDIT_PAGES = 10;

/**
 * Folds the warehouse's virtual stream with the inventory's own `evolve` and compares the stock
 * it gives with the CMS: they must agree, since every CMS change was committed with its events.
 */
export const auditWarehouse = internalQuery({
  args: {},
  returns: v.object({
    complete: v.boolean(),
    scopeVersion: v.number(),
    cmsVersion: v.number(),
    mismatches: v.array(
      v.object({ productId: v.string(), history: v.union(v.null(), vStock), cms: vStock }),
    ),
    products: v.number(),
  }),
  handler: async (ctx) => {
    let state: InventoryState = emptyInventory;
    let after: number | undefined;
    let page = { isDone: false, scopeVersion: 0 };
    for (let pages = 0; pages < AUDIT_PAGES && !page.isDone; pages += 1) {
      const read = await eventStore.readVirtualStream(ctx, {
        scopeKey: warehouseScopeKey,
        tenantId: SHOP_TENANT_ID,
        ...(after !== undefined && { after }),
        limit: 1000,
      });
      for (const event of read.events) {
        state = evolveInventory(state, {
          type: event.eventType,
          data: event.payload,
        } as InventoryEvent);
      }
      after = read.nextPosition;
      page = read;
    }
    const cms = await ctx.runQuery(components.inventory.queries.stockLevels, {
      warehouseId: WAREHOUSE_ID,
      limit: 1000,
    });
    const mismatches = cms.products.flatMap((row) => {
      const folded = state.products[row.productId];
      const same = folded?.onHand === row.onHand && folded.reserved === row.reserved;
      if (same) return [];
      return [
        {
          productId: row.productId,
          history:
            folded === undefined ? null : { onHand: folded.onHand, reserved: folded.reserved },
          cms: { onHand: row.onHand, reserved: row.reserved },
        },
      ];
    });
    return {
      complete: page.isDone,
      scopeVersion: page.scopeVersion,
      cmsVersion: cms.version,
      mismatches,
      products: cms.products.length,
    };
  },
});
