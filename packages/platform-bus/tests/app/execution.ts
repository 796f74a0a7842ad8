// The asynchronous path as an orchestrator runs it: a command recorded as pending is executed
// later, and its outcome (events, or the handler's error) is recorded in the same mutation. The
// handler's error is caught and recorded as a value, so the `failed` status commits.
import { v } from "convex/values";
import type { CommandOutcome } from "../../src/client/index.js";
import { vCommandOutcome } from "../../src/client/index.js";
import { internalMutation } from "./_generated/server.js";
import { commandBus } from "./bus.js";

export const executePending = internalMutation({
  args: {
    commandId: v.string(),
    eventIds: v.optional(v.array(v.string())),
    failWith: v.optional(v.string()),
  },
  returns: v.object({ recorded: v.boolean(), outcome: vCommandOutcome }),
  handler: async (ctx, { commandId, eventIds, failWith }) => {
    let outcome: CommandOutcome;
    try {
      // Stands for the bounded context's handler and the event append.
      if (failWith !== undefined) throw new Error(failWith);
      outcome = { status: "executed", result: { ok: true }, eventIds: eventIds ?? [] };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: "failed", result: { code: "HANDLER_FAILED", message } };
    }
    const updated = await commandBus.updateCommandResult(ctx, { commandId, ...outcome });
    return { recorded: updated.ok, outcome };
  },
});
