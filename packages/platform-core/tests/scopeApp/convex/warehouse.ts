// The app's scope commands: each runs one command through the orchestrator, and what the tests
// read and inject.
import { CommandBus } from "@convex-es/platform-bus";
import { createScopeKey, EventStore } from "@convex-es/platform-store";
import { v } from "convex/values";
import { CommandOrchestrator, failureStreamTypeOf } from "../../../src/index.js";
import type { CommandOutcome, OrchestratedCommandConfig } from "../../../src/index.js";
import { reserveSkus, stockSkus } from "../domain/warehouse.js";
import { components } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

const TENANT_ID = "t1";
export const eventStore = new EventStore(components.eventStore);
const commandBus = new CommandBus(components.commandBus);

export const orchestrator = new CommandOrchestrator({
  eventStore,
  commandBus,
  onEventsAppended: async (ctx, appended) => {
    await (ctx as MutationCtx).db.insert("appended", {
      commandId: appended.correlation.commandId,
      streamType: appended.streamType,
      streamId: appended.streamId,
      streamVersion: appended.streamVersion,
      ...(appended.scopeKey !== undefined && { scopeKey: appended.scopeKey }),
      ...(appended.tenantId !== undefined && { tenantId: appended.tenantId }),
      eventCount: appended.eventIds.length,
    });
  },
});

/** The same orchestrator without the hook: what a command costs on its own. */
export const plainOrchestrator = new CommandOrchestrator({ eventStore, commandBus });

export const stockConfig: OrchestratedCommandConfig<typeof stockSkus> = {
  definition: stockSkus,
  handler: components.warehouse.handlers.stock,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

const handlers = {
  decider: components.warehouse.handlers.reserve,
  withoutStreams: components.warehouse.handlers.reserveWithoutStreams,
  withStrayStream: components.warehouse.handlers.reserveWithStrayStream,
};

export function reserveConfig(
  handler: keyof typeof handlers,
): OrchestratedCommandConfig<typeof reserveSkus> {
  return {
    definition: reserveSkus,
    handler: handlers[handler],
    toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
  };
}

const vLine = v.object({ sku: v.string(), quantity: v.number() });
const commandArgs = { commandId: v.string(), warehouseId: v.string(), lines: v.array(vLine) };

export const stock = internalMutation({
  args: commandArgs,
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> =>
    orchestrator.execute(ctx, stockConfig, {
      commandId: args.commandId,
      correlationId: `corr-${args.commandId}`,
      caller: { userId: "clerk" },
      tenantId: TENANT_ID,
      payload: { warehouseId: args.warehouseId, lines: args.lines },
    }),
});

export const reserve = internalMutation({
  args: {
    ...commandArgs,
    reservationId: v.string(),
    handler: v.optional(v.union(v.literal("withoutStreams"), v.literal("withStrayStream"))),
  },
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> =>
    orchestrator.execute(ctx, reserveConfig(args.handler ?? "decider"), {
      commandId: args.commandId,
      correlationId: `corr-${args.commandId}`,
      caller: { userId: "clerk" },
      payload: {
        warehouseId: args.warehouseId,
        reservationId: args.reservationId,
        lines: args.lines,
      },
    }),
});

/** Commits stock to the scope behind its CMS: the scope gets ahead of the warehouse's CMS. */
export const stockBehindCMS = internalMutation({
  args: { warehouseId: v.string(), sku: v.string(), quantity: v.number() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const scopeKey = createScopeKey(TENANT_ID, "warehouse", args.warehouseId);
    const scope = await eventStore.getScope(ctx, { scopeKey, tenantId: TENANT_ID });
    await eventStore.commitScope(ctx, {
      scopeKey,
      tenantId: TENANT_ID,
      expectedVersion: scope?.version ?? 0,
      events: [
        {
          streamType: "Sku",
          streamId: args.sku,
          boundedContext: "warehouse",
          eventType: "StockAdded",
          payload: { sku: args.sku, quantity: args.quantity },
          metadata: { correlationId: "manual" },
        },
      ],
    });
    return null;
  },
});

export const virtualStream = internalQuery({
  args: { warehouseId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    eventStore.readVirtualStream(ctx, {
      scopeKey: createScopeKey(TENANT_ID, "warehouse", args.warehouseId),
      tenantId: TENANT_ID,
      limit: 100,
    }),
});

export const failures = internalQuery({
  args: { warehouseId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    eventStore.readStream(ctx, {
      streamType: failureStreamTypeOf("warehouse"),
      streamId: args.warehouseId,
      tenantId: TENANT_ID,
      limit: 100,
    }),
});

export const getWarehouse = internalQuery({
  args: { warehouseId: v.string(), skus: v.array(v.string()) },
  returns: v.any(),
  handler: async (ctx, args) => ctx.runQuery(components.warehouse.handlers.getWarehouse, args),
});

export const getCommand = internalQuery({
  args: { commandId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) => commandBus.getCommand(ctx, args.commandId),
});

export const appendedFor = internalQuery({
  args: { commandId: v.string() },
  returns: v.any(),
  handler: async (ctx, args) =>
    ctx.db
      .query("appended")
      .withIndex("by_command_id", (q) => q.eq("commandId", args.commandId))
      .take(10),
});
