// Fault injection for the tests. An action asks `tick` (a mutation that commits on its own)
// before its real work and throws when told to, so every call is counted and a fault can last
// a given number of calls. A mutation cannot count its own failed calls (its writes roll back),
// so `assertUp` only reads: its fault is on (-1) or off (0).
import { v } from "convex/values";
import { internalMutation, internalQuery } from "./_generated/server.js";
import type { QueryCtx } from "./_generated/server.js";

async function faultOf(ctx: QueryCtx, target: string) {
  return await ctx.db
    .query("faults")
    .withIndex("by_target", (q) => q.eq("target", target))
    .unique();
}

/** Throws while the fault of `target` is on. */
export async function assertUp(ctx: QueryCtx, target: string): Promise<void> {
  const fault = await faultOf(ctx, target);
  if (fault !== null && fault.failuresLeft !== 0) {
    throw new Error(`${target} is unavailable (injected fault)`);
  }
}

/** One call of `target`: counts it, uses up one failure and says whether the call fails. */
export const tick = internalMutation({
  args: { target: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { target }) => {
    const fault = await faultOf(ctx, target);
    if (fault === null) {
      await ctx.db.insert("faults", { target, failuresLeft: 0, calls: 1 });
      return false;
    }
    await ctx.db.patch("faults", fault._id, {
      calls: fault.calls + 1,
      failuresLeft: fault.failuresLeft > 0 ? fault.failuresLeft - 1 : fault.failuresLeft,
    });
    return fault.failuresLeft !== 0;
  },
});

/** Sets the fault of `target`: `failures` more calls fail (-1: every call; 0: none). */
export const setFault = internalMutation({
  args: { target: v.string(), failures: v.number() },
  returns: v.null(),
  handler: async (ctx, { target, failures }) => {
    const fault = await faultOf(ctx, target);
    if (fault === null) {
      await ctx.db.insert("faults", { target, failuresLeft: failures, calls: 0 });
    } else {
      await ctx.db.patch("faults", fault._id, { failuresLeft: failures });
    }
    return null;
  },
});

/** How often `target` was called (through `tick`). */
export const calls = internalQuery({
  args: { target: v.string() },
  returns: v.number(),
  handler: async (ctx, { target }) => (await faultOf(ctx, target))?.calls ?? 0,
});
