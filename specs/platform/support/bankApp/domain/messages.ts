// The commands of the accounts bounded context and its CMS, as platform-bc definitions. The
// decisions themselves are the pure account decider of ../../account.ts.
import { defineCMS, defineCommand } from "@convex-es/platform-bc";
import { z } from "zod";
import type { AccountState } from "../../account.js";

/** Payloads carry integer amounts (cents): validation middleware refuses fractions. */
const amountPayload = z.strictObject({
  accountId: z.string().min(1),
  amount: z.number().int(),
});

export const openAccount = defineCommand({
  commandType: "OpenAccount",
  boundedContext: "accounts",
  payload: z.strictObject({ accountId: z.string().min(1), owner: z.string().min(1) }),
});

export const deposit = defineCommand({
  commandType: "Deposit",
  boundedContext: "accounts",
  payload: amountPayload,
});

export const withdraw = defineCommand({
  commandType: "Withdraw",
  boundedContext: "accounts",
  payload: amountPayload,
});

/** The state an accounts CMS row holds (without its stream version). */
export type AccountSnapshot = NonNullable<AccountState>;

export const accountCMS = defineCMS<AccountSnapshot>({ cmsType: "accountCMS", currentVersion: 1 });

/** The streams of this context: `Account/<accountId>`, failures in `AccountFailures/<accountId>`. */
export const ACCOUNT_STREAM_TYPE = "Account";
