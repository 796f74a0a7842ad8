// The accounts bounded context's command handlers: the pure account decider over the CMS row,
// built with platform-core's handler factories. The app's orchestrator calls them.
import { createDeciderHandler, createEntityDeciderHandler } from "@convex-es/platform-core";
import type { CMSUpdate, StoredCMS } from "@convex-es/platform-core";
import { v } from "convex/values";
import { accountDecider } from "../../account.js";
import { ACCOUNT_STREAM_TYPE, accountCMS } from "../domain/messages.js";
import type { AccountSnapshot } from "../domain/messages.js";
import { mutation } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

async function loadAccount(
  ctx: MutationCtx,
  args: { accountId: string },
): Promise<StoredCMS | null> {
  const row = await ctx.db
    .query("accounts")
    .withIndex("by_account_id", (q) => q.eq("accountId", args.accountId))
    .unique();
  if (row === null) return null;
  const { _id, _creationTime: _created, version, ...state } = row;
  return { state, version, ref: _id };
}

async function writeAccount(
  ctx: MutationCtx,
  update: CMSUpdate<AccountSnapshot, { accountId: string }>,
): Promise<void> {
  const { accountId, owner, status, balance, lastChangedAt, stateVersion } = update.state;
  const fields = { accountId, owner, status, balance, lastChangedAt, stateVersion };
  const ref = update.previous?.ref;
  if (ref === undefined) await ctx.db.insert("accounts", { ...fields, version: update.version });
  else await ctx.db.patch(ref as never, { ...fields, version: update.version });
}

const streamOf = (args: { accountId: string }) => ({
  streamType: ACCOUNT_STREAM_TYPE,
  streamId: args.accountId,
});

const shared = {
  decider: accountDecider,
  cms: accountCMS,
  streamOf,
  loadCMS: loadAccount,
  applyStateUpdate: writeAccount,
};

export const open = mutation(
  createEntityDeciderHandler({
    ...shared,
    args: { accountId: v.string(), owner: v.string() },
    toCommand: (args) => ({
      type: "OpenAccount" as const,
      data: { accountId: args.accountId, owner: args.owner },
    }),
    alreadyExistsCode: "ACCOUNT_ALREADY_EXISTS",
  }),
);

export const deposit = mutation(
  createDeciderHandler({
    ...shared,
    args: { accountId: v.string(), amount: v.number() },
    toCommand: (args) => ({ type: "Deposit" as const, data: { amount: args.amount } }),
    notFoundCode: "ACCOUNT_NOT_FOUND",
  }),
);

export const withdraw = mutation(
  createDeciderHandler({
    ...shared,
    args: { accountId: v.string(), amount: v.number() },
    toCommand: (args) => ({ type: "Withdraw" as const, data: { amount: args.amount } }),
    notFoundCode: "ACCOUNT_NOT_FOUND",
  }),
);
