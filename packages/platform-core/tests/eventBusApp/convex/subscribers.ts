// Two subscribers in other bounded contexts: an audit trail (normal priority, fails while the
// tests inject a fault) and notifications (high priority).
import { ConvexError, v } from "convex/values";
import { vSubscriberArgs } from "../../../src/index.js";
import { internalMutation } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

async function failIfFaulty(
  ctx: MutationCtx,
  subscription: string,
  attempt: number,
): Promise<void> {
  const fault = await ctx.db
    .query("faults")
    .withIndex("by_subscription", (q) => q.eq("subscription", subscription))
    .unique();
  if (fault !== null && (fault.untilAttempt === undefined || attempt < fault.untilAttempt)) {
    throw new ConvexError({
      code: "AUDIT_STORE_UNAVAILABLE",
      message: `the audit store refused attempt ${attempt}`,
    });
  }
}

/** Records every event once, with its correlation metadata and the delivery it came with. */
export const recordAudit = internalMutation({
  args: vSubscriberArgs,
  returns: v.null(),
  handler: async (ctx, { event, delivery }) => {
    // Written before the fault check: a failed attempt must leave no row behind.
    await ctx.db.insert("auditEntries", {
      eventId: event.eventId,
      eventType: event.eventType,
      correlationId: event.metadata.correlationId,
      ...(event.metadata.causationId !== undefined && { causationId: event.metadata.causationId }),
      ...(delivery !== undefined && {
        publicationId: delivery.publicationId,
        attempt: delivery.attempt,
      }),
    });
    await failIfFaulty(ctx, delivery?.subscription ?? "audit.trail", delivery?.attempt ?? 1);
    return null;
  },
});

export const notify = internalMutation({
  args: vSubscriberArgs,
  returns: v.null(),
  handler: async (ctx, { event }) => {
    const { counterId, value } = event.payload as { counterId: string; value: number };
    await ctx.db.insert("notifications", { eventId: event.eventId, counterId, value });
    return null;
  },
});
