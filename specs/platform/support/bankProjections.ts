// The bank app's projections runtime as the specs drive it: the scenario's app and commands,
// the dispatcher run past the event store's settle window, the catch-up jobs the Workpool runs,
// and what they persisted (the accountBalances view and history, checkpoints, dead letters).
import type { defineSteps } from "@amiceli/vitest-cucumber";
import type { CatchUpReport, DispatchReport } from "@convex-es/platform-core";
import type { FunctionReturnType } from "convex/server";
import { expect, vi } from "vitest";
import { internal } from "./bankApp/convex/_generated/api.js";
import { projections } from "./bankApp/convex/runtime.js";
import { accountStream, open, send } from "./bankSteps.js";
import { newBankApp } from "./bankTestApp.js";
import type { BankApp } from "./bankTestApp.js";
import { createWorld } from "./world.js";

/** What a rule's `defineSteps` hands its callback. */
export type StepDefiners = Parameters<Parameters<typeof defineSteps>[0]>[0];

/** The bank's one projection. */
export const BALANCES = "accountBalances";

/** 10 s past a minute: the bank's rate limit counts each caller's commands per minute. */
const START = Date.UTC(2031, 2, 1, 12, 0, 10);

export const projectionWorld = createWorld(() => ({
  t: undefined as BankApp | undefined,
  commands: 0,
  /** Account events the dispatches routed so far. */
  routed: 0,
  /** Reports of the catch-up mutations called directly, in order. */
  catchUps: [] as CatchUpReport[],
  /** Reports of the catch-up jobs the Workpool ran in the last run. */
  jobs: [] as CatchUpReport[],
  retry: undefined as FunctionReturnType<typeof internal.projections.retryDeadLetter> | undefined,
}));

/** A fresh bank app for the scenario, with every timer faked: Workpool jobs run on timers. */
export function startBank(): BankApp {
  projectionWorld.reset();
  vi.useFakeTimers();
  vi.setSystemTime(START);
  projectionWorld.value.t = newBankApp();
  return projectionWorld.value.t;
}

export function bank(): BankApp {
  if (projectionWorld.value.t === undefined) throw new Error("no bank app in this scenario");
  return projectionWorld.value.t;
}

const nextCommand = () => ({ commandId: `cmd-${++projectionWorld.value.commands}` });

export async function opened(caller: string, accountId: string): Promise<void> {
  const outcome = await open(bank(), caller, accountId, `owner of ${accountId}`, nextCommand());
  expect(outcome.status).toBe("executed");
}

export async function deposited(caller: string, accountId: string, amount: number): Promise<void> {
  const outcome = await send(bank(), caller, "deposit", accountId, amount, nextCommand());
  expect(outcome.status).toBe("executed");
}

/** Past the event store's settle window (5 s): only events older than it are handed out. */
const SETTLE_MS = 6_000;

/** Moves the clock past the settle window and runs the dispatcher once: its accountBalances report. */
export async function settleAndDispatch(t: BankApp): Promise<DispatchReport> {
  vi.setSystemTime(Date.now() + SETTLE_MS);
  const reports = await t.mutation(internal.projections.dispatch, {});
  const report = reports.find((r) => r.projection === BALANCES);
  if (report === undefined) throw new Error(`the dispatch reported no ${BALANCES}`);
  // One dispatch reads everything settled: nothing is left for a rescheduled one.
  expect(report).toMatchObject({ unroutable: 0, continued: false });
  return report;
}

/**
 * Runs every queued Workpool job, retries after their backoff included, and every scheduled
 * function until none is left. Answers the report of each catch-up job that ran, in the order
 * they ran, observed on the runtime the jobs call into (the calls go through unchanged).
 */
export async function runCatchUpJobs(t: BankApp): Promise<CatchUpReport[]> {
  const calls = vi.spyOn(projections, "catchUp");
  try {
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    return calls.mock.settledResults.map((result, index) => {
      if (result.type !== "fulfilled") {
        throw new Error(`catch-up job ${index} did not complete: ${String(result.value)}`);
      }
      return result.value;
    });
  } finally {
    calls.mockRestore();
  }
}

/** "stream:acc-1" -> "acc-1": the bank partitions its view by account stream. */
export function accountOf(partitionKey: string): string {
  const accountId = partitionKey.replace(/^stream:/, "");
  if (accountId === partitionKey) {
    throw new Error(`expected a stream partition such as "stream:acc-1", got "${partitionKey}"`);
  }
  return accountId;
}

/** The last event of the account's stream: what its partition's checkpoint should reach. */
export async function lastEventOf(t: BankApp, accountId: string) {
  const last = (await accountStream(t, accountId)).at(-1);
  if (last === undefined) throw new Error(`account ${accountId} has no event`);
  return last;
}

export const checkpointOf = (t: BankApp, partitionKey: string) =>
  t.query(internal.projections.getCheckpoint, { projection: BALANCES, partitionKey });

export const balanceRowOf = (t: BankApp, accountId: string) =>
  t.query(internal.reads.accountBalance, { accountId });

export const historyOf = (t: BankApp, accountId: string) =>
  t.query(internal.reads.balanceHistory, { accountId });

export const deadLettersOf = (
  t: BankApp,
  projection: string,
  status?: "quarantined" | "replayed",
) =>
  t.query(internal.projections.listDeadLetters, {
    projection,
    limit: 10,
    ...(status !== undefined && { status }),
  });
