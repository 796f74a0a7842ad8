// Reads an app exposes over its command records, typed with the client's validators.
import { v } from "convex/values";
import { vCommandRecord, vCommandStatus } from "../../src/client/index.js";
import { internalQuery } from "./_generated/server.js";
import { commandBus } from "./bus.js";

export const byId = internalQuery({
  args: { commandId: v.string() },
  returns: v.union(vCommandRecord, v.null()),
  handler: async (ctx, { commandId }) => await commandBus.getCommand(ctx, commandId),
});

export const statusOf = internalQuery({
  args: { commandId: v.string() },
  returns: v.union(vCommandStatus, v.null()),
  handler: async (ctx, { commandId }) =>
    (await commandBus.getCommand(ctx, commandId))?.status ?? null,
});
