// The receiving mutations of two other bounded contexts. Delivery is at least once, so each
// records an event once. Analytics is behind the tests' fault switch ("analytics").
import { v } from "convex/values";
import { vPublishedEventArgs } from "../../../src/index.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";
import { assertUp } from "./faults.js";

async function receive(ctx: MutationCtx, targetContext: string, eventId: string): Promise<null> {
  const seen = await ctx.db
    .query("received")
    .withIndex("by_target_and_event", (q) =>
      q.eq("targetContext", targetContext).eq("eventId", eventId),
    )
    .unique();
  if (seen === null) await ctx.db.insert("received", { targetContext, eventId });
  return null;
}

export const shipping = internalMutation({
  args: vPublishedEventArgs,
  returns: v.null(),
  handler: async (ctx, { event }) => await receive(ctx, "shipping", event.eventId),
});

export const analytics = internalMutation({
  args: vPublishedEventArgs,
  returns: v.null(),
  handler: async (ctx, { event }) => {
    await assertUp(ctx, "analytics");
    return await receive(ctx, "analytics", event.eventId);
  },
});

/** What a target context received, for the tests. */
export const receivedBy = internalQuery({
  args: { targetContext: v.string() },
  returns: v.array(v.string()),
  handler: async (ctx, { targetContext }) =>
    (
      await ctx.db
        .query("received")
        .withIndex("by_target_and_event", (q) => q.eq("targetContext", targetContext))
        .take(100)
    ).map((row) => row.eventId),
});
