// The cleanup an application runs from its crons.ts, as the README shows: one bounded batch,
// and the next one scheduled while expired commands remain.
import { v } from "convex/values";
import { internal } from "./_generated/api.js";
import { internalMutation } from "./_generated/server.js";
import { commandBus } from "./bus.js";

export const cleanupCommands = internalMutation({
  args: { batchSize: v.optional(v.number()) },
  returns: v.object({ deleted: v.number(), hasMore: v.boolean() }),
  handler: async (ctx, args): Promise<{ deleted: number; hasMore: boolean }> => {
    const result = await commandBus.cleanupExpired(ctx, args);
    if (result.hasMore) {
      await ctx.scheduler.runAfter(0, internal.retention.cleanupCommands, args);
    }
    return result;
  },
});
