// Actions and readings on the bank app that the command bus and bounded context specs share:
// sending commands as a signed-in caller, reading records, streams and accounts back, and
// running one command with every component call and middleware hook traced.
import { createLogger } from "@convex-es/platform-core";
import type { CommandOutcome, Middleware, OnEventsAppended } from "@convex-es/platform-core";
import { createMemorySink } from "@convex-es/platform-core/testing";
import type { MemorySink } from "@convex-es/platform-core/testing";
import { expect } from "vitest";
import { api, internal } from "./bankApp/convex/_generated/api.js";
import { bankMiddleware, bankOrchestrator, depositConfig } from "./bankApp/convex/bank.js";
import type { BankOutcome } from "./bankApp/convex/accounts.js";
import { identityOf, tracedComponentCalls } from "./bankTestApp.js";
import type { BankApp } from "./bankTestApp.js";

/** Tellers hold the role the bank's authorization asks for; anyone else is signed in without it. */
const TELLERS = new Set(["tina", "terry"]);

export type BankCommand = "open" | "deposit" | "withdraw";

export interface Envelope {
  readonly commandId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** The app as `caller` calls it: signed in (a teller or not), or "anonymous". */
export function as(t: BankApp, caller: string) {
  if (caller === "anonymous") return t;
  return t.withIdentity(identityOf(caller, TELLERS.has(caller) ? "teller" : undefined));
}

/** Sends a deposit or withdrawal through the app's public command mutation. */
export function send(
  t: BankApp,
  caller: string,
  command: "deposit" | "withdraw",
  accountId: string,
  amount: number,
  envelope: Envelope,
): Promise<BankOutcome> {
  return as(t, caller).mutation(api.accounts[command], {
    commandId: envelope.commandId,
    correlationId: envelope.correlationId ?? `corr-${envelope.commandId}`,
    ...(envelope.causationId !== undefined && { causationId: envelope.causationId }),
    accountId,
    amount,
  });
}

export function open(
  t: BankApp,
  caller: string,
  accountId: string,
  owner: string,
  envelope: Envelope,
): Promise<BankOutcome> {
  return as(t, caller).mutation(api.accounts.open, {
    commandId: envelope.commandId,
    correlationId: envelope.correlationId ?? `corr-${envelope.commandId}`,
    accountId,
    owner,
  });
}

export const commandRecord = (t: BankApp, commandId: string) =>
  t.query(internal.reads.command, { commandId });

export const accountStream = (t: BankApp, accountId: string, failures = false) =>
  t.query(internal.reads.accountStream, { accountId, failures });

export async function expectStream(
  t: BankApp,
  accountId: string,
  types: string,
  failures = false,
): Promise<void> {
  const events = await accountStream(t, accountId, failures);
  expect(events.map((event) => event.eventType)).toEqual(listFrom(types));
}

export async function expectAccount(
  t: BankApp,
  accountId: string,
  balance: number,
  version: number,
): Promise<void> {
  expect(await t.query(internal.reads.account, { accountId })).toMatchObject({
    accountId,
    balance,
    version,
  });
}

/** Reads the command record back from the command bus and checks its final status. */
export async function expectRecorded(
  t: BankApp,
  commandId: string,
  status: string,
  code: string,
  eventCount: number,
): Promise<void> {
  const record = await commandRecord(t, commandId);
  expect(record, `command ${commandId} was recorded`).not.toBeNull();
  expect(record).toMatchObject({ commandId, status });
  expect(record?.eventIds).toHaveLength(eventCount);
  const result = record?.result as { code?: string } | undefined;
  if (code === "none") expect(result?.code).toBeUndefined();
  else expect(result?.code).toBe(code);
}

/** "a, b, c" -> ["a", "b", "c"]; "" -> []. */
export function listFrom(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Observes a middleware: writes `<name> before` and `<name> after <status>` into `trail`. */
export function observed(middleware: Middleware, trail: string[]): Middleware {
  return {
    name: middleware.name,
    before: async (ctx) => {
      trail.push(`${middleware.name} before`);
      return middleware.before?.(ctx);
    },
    after: async (ctx, result) => {
      trail.push(`${middleware.name} after ${result.status}`);
      await middleware.after?.(ctx, result);
    },
  };
}

export interface TracedRun {
  readonly outcome: CommandOutcome;
  /** Component calls, middleware hooks and projection triggers, in the order they happened. */
  readonly trail: readonly string[];
  /** Documents written by the whole command, components included. */
  readonly writes: number;
  readonly log: MemorySink;
}

export interface TracedDeposit {
  readonly caller: { readonly userId: string; readonly roles: readonly string[] } | null;
  readonly accountId: string;
  readonly amount: number;
  readonly commandId: string;
  /** Middleware names in the order to run them; default the bank's own order. */
  readonly order?: readonly string[];
  readonly withLogging?: boolean;
}

/**
 * Runs one deposit in a mutation of the app through the bank's orchestrator, with every
 * component call, middleware hook and projection trigger written into a trail, and the
 * transaction's document writes measured.
 */
export async function tracedDeposit(t: BankApp, deposit: TracedDeposit): Promise<TracedRun> {
  const log = createMemorySink();
  const logger = createLogger("bank", { sink: log });
  const result = await t.run(async (ctx) => {
    const trail: string[] = [];
    const traced = { ...ctx, ...tracedComponentCalls(ctx, trail) };
    const middleware = bankMiddleware(deposit.withLogging === true ? { logger } : {});
    const ordered =
      deposit.order === undefined
        ? middleware
        : deposit.order.map((name) => {
            const found = middleware.find((m) => m.name === name);
            if (found === undefined) throw new Error(`the bank has no middleware "${name}"`);
            return found;
          });
    const onEventsAppended: OnEventsAppended = async (_ctx, appended) => {
      for (const { projection, partitionKey } of appended.projections) {
        trail.push(`projection ${projection} ${partitionKey.value}`);
      }
    };
    const orchestrator = bankOrchestrator({
      logger,
      middleware: ordered.map((m) => observed(m, trail)),
      onEventsAppended,
    });
    const before = await ctx.meta.getTransactionMetrics();
    const outcome = await orchestrator.execute(traced, depositConfig, {
      commandId: deposit.commandId,
      correlationId: `corr-${deposit.commandId}`,
      caller: deposit.caller,
      payload: { accountId: deposit.accountId, amount: deposit.amount },
    });
    const after = await ctx.meta.getTransactionMetrics();
    return { outcome, trail, writes: after.documentsWritten.used - before.documentsWritten.used };
  });
  return { ...result, log };
}

/** The caller a traced deposit runs for: tellers get their role, "anonymous" is null. */
export function callerNamed(name: string): TracedDeposit["caller"] {
  if (name === "anonymous") return null;
  return { userId: name, roles: TELLERS.has(name) ? ["teller"] : [] };
}
