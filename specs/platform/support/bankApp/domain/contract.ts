// The public API of the accounts bounded context, declared once: who it is, that it writes its
// CMS and its events together, and which commands, events, CMS tables and codes it has.
import { defineBoundedContext, defineDualWriteContract } from "@convex-es/platform-bc";

export const accountsContext = defineBoundedContext({
  name: "accounts",
  description: "Bank accounts: opening, deposits and withdrawals with an overdraft audit",
  version: 1,
  streamTypePrefix: "Account",
});

/** What the contract is made of, so specs can derive malformed variants from it. */
export const accountsContractInput = {
  identity: accountsContext,
  executionMode: "dual-write",
  commandTypes: ["OpenAccount", "Deposit", "Withdraw"],
  eventTypes: ["AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "OverdraftAttempted"],
  cmsTypes: { accountCMS: { currentVersion: 1, description: "One row per account" } },
  errorCodes: ["ACCOUNT_ALREADY_EXISTS", "ACCOUNT_NOT_FOUND", "ACCOUNT_NOT_OPEN", "INVALID_AMOUNT"],
} as const;

export const accountsContract = defineDualWriteContract(accountsContractInput);
