// The orderTally process manager in the app: its subscriber handler, its reaction and the
// operator's functions on its instances and dead letters.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import {
  ProcessManager,
  vProcessManagerDeadLetter,
  vProcessManagerDeadLetterStatus,
  vProcessManagerInstance,
  vProcessManagerResult,
} from "../../../src/index.js";
import { orderTally } from "../domain/orderTally.js";
import type { TallyState } from "../domain/orderTally.js";
import { internal } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { incrementConfig, orchestrator } from "./orchestrator.js";

// Annotated: its options reference internal.orderTally, whose type includes this module.
export const orderTallyManager: ProcessManager<TallyState> = new ProcessManager(orderTally, {
  orchestrator,
  commands: { IncrementCounter: incrementConfig },
  functions: internal.orderTally,
  caller: { userId: "processManager:orderTally", roles: ["counter:write"] },
});

export const handle = internalMutation(orderTallyManager.handleMutation());
export const react = internalMutation(orderTallyManager.reactMutation());

export const getInstance = internalQuery({
  args: { instanceId: v.string() },
  returns: v.union(v.null(), vProcessManagerInstance),
  handler: async (ctx, args) => orderTallyManager.getInstance(ctx, args.instanceId),
});

export const listDeadLetters = internalQuery({
  args: {
    status: v.optional(vProcessManagerDeadLetterStatus),
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(vProcessManagerDeadLetter),
  handler: async (ctx, args) => orderTallyManager.listDeadLetters(ctx, args),
});

export const retryDeadLetter = internalMutation({
  args: { eventId: v.string() },
  returns: vProcessManagerResult,
  handler: async (ctx, args) => orderTallyManager.retryDeadLetter(ctx, args),
});

export const ignoreDeadLetter = internalMutation({
  args: { eventId: v.string(), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => orderTallyManager.ignoreDeadLetter(ctx, args),
});

/** The checkpoints of an instance, for the tests (a bounded read through the index). */
export const checkpoints = internalQuery({
  args: { instanceId: v.string() },
  returns: v.array(v.object({ eventId: v.string(), commandIds: v.array(v.string()) })),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("processManagerCheckpoints")
      .withIndex("by_process_manager_and_instance_id_and_event_id", (q) =>
        q.eq("processManager", orderTallyManager.name).eq("instanceId", args.instanceId),
      )
      .take(100);
    return rows.map((row) => ({ eventId: row.eventId, commandIds: row.commandIds }));
  },
});
