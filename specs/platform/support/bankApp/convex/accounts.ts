// The bank's command API: one mutation per command, each run through the CommandOrchestrator.
// The caller comes from this app's ctx.auth and is handed on as data: the accounts component
// cannot see it.
import { callerFromUserIdentity } from "@convex-es/platform-core";
import type { CallerIdentity, CommandOutcome } from "@convex-es/platform-core";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { bankOrchestrator, depositConfig, openConfig, withdrawConfig } from "./bank.js";
import { mutation } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

const orchestrator = bankOrchestrator();

/** What a command mutation answers: the orchestrator's CommandOutcome. */
export const vBankOutcome = v.object({
  status: v.union(
    v.literal("executed"),
    v.literal("rejected"),
    v.literal("failed"),
    v.literal("pending"),
  ),
  commandId: v.string(),
  // Executed: where the events went; rejected or failed: why. A pending duplicate has none.
  result: v.optional(
    v.union(
      v.object({
        streamType: v.string(),
        streamId: v.string(),
        version: v.number(),
        data: v.optional(v.any()),
      }),
      v.object({ code: v.string(), message: v.string(), context: v.optional(v.any()) }),
    ),
  ),
  eventIds: v.array(v.string()),
  duplicate: v.boolean(),
});
export type BankOutcome = Infer<typeof vBankOutcome>;

const vEnvelope = {
  commandId: v.string(),
  correlationId: v.string(),
  causationId: v.optional(v.string()),
};

/** The signed-in user as the middleware sees them: `subject` as user id, a `role` claim. */
async function callerOf(ctx: MutationCtx): Promise<CallerIdentity | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  const role = identity.role;
  return callerFromUserIdentity(identity, {
    userId: identity.subject,
    roles: typeof role === "string" ? [role] : [],
  });
}

async function envelopeOf(
  ctx: MutationCtx,
  args: { commandId: string; correlationId: string; causationId?: string },
) {
  return {
    commandId: args.commandId,
    correlationId: args.correlationId,
    ...(args.causationId !== undefined && { causationId: args.causationId }),
    caller: await callerOf(ctx),
  };
}

/**
 * The outcome as the validator takes it: readonly arrays become arrays, and the result is one
 * of the two shapes the orchestrator stores (a pending duplicate carries none).
 */
export function toBankOutcome(outcome: CommandOutcome): BankOutcome {
  return { ...outcome, eventIds: [...outcome.eventIds] } as BankOutcome;
}

export const open = mutation({
  args: { ...vEnvelope, accountId: v.string(), owner: v.string() },
  returns: vBankOutcome,
  handler: async (ctx, args) =>
    toBankOutcome(
      await orchestrator.execute(ctx, openConfig, {
        ...(await envelopeOf(ctx, args)),
        payload: { accountId: args.accountId, owner: args.owner },
      }),
    ),
});

export const deposit = mutation({
  args: { ...vEnvelope, accountId: v.string(), amount: v.number() },
  returns: vBankOutcome,
  handler: async (ctx, args) =>
    toBankOutcome(
      await orchestrator.execute(ctx, depositConfig, {
        ...(await envelopeOf(ctx, args)),
        payload: { accountId: args.accountId, amount: args.amount },
      }),
    ),
});

export const withdraw = mutation({
  args: { ...vEnvelope, accountId: v.string(), amount: v.number() },
  returns: vBankOutcome,
  handler: async (ctx, args) =>
    toBankOutcome(
      await orchestrator.execute(ctx, withdrawConfig, {
        ...(await envelopeOf(ctx, args)),
        payload: { accountId: args.accountId, amount: args.amount },
      }),
    ),
});
