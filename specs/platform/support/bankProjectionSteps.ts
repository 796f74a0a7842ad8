// Steps that run the platform's projections runtime in the bank app: catch-up jobs called out
// of order, a handler that keeps failing, and projection definitions refused without a partition
// key. Defined once per rule (`defineSteps`), so a reading can appear twice in one scenario.
import type { defineSteps } from "@amiceli/vitest-cucumber";
import {
  assertCommandConfigPartitionKeys,
  defineProjectionHandlers,
  isCoreError,
} from "@convex-es/platform-core";
import type { CatchUpReport, CoreErrorCode } from "@convex-es/platform-core";
import type { FunctionReturnType } from "convex/server";
import { expect, vi } from "vitest";
import { internal } from "./bankApp/convex/_generated/api.js";
import { accountBalances, accountBalancesEventHandlers } from "./bankApp/convex/accountBalances.js";
import { depositConfig, openConfig, withdrawConfig } from "./bankApp/convex/bank.js";
import {
  accountOf,
  BALANCES,
  balanceRowOf,
  checkpointOf,
  deadLettersOf,
  historyOf,
  lastEventOf,
  runCatchUpJobs,
  settleAndDispatch,
} from "./bankProjections.js";
import { accountStream, expectAccount, listFrom, open, send } from "./bankSteps.js";
import { newBankApp } from "./bankTestApp.js";
import type { BankApp } from "./bankTestApp.js";
import { createWorld, thrownBy } from "./world.js";

type StepDefiners = Parameters<Parameters<typeof defineSteps>[0]>[0];
type DeadLetterRetry = FunctionReturnType<typeof internal.projections.retryDeadLetter>;

/** 10 s past a minute: the bank's rate limit counts each caller's commands per minute. */
const START = Date.UTC(2031, 2, 1, 12, 0, 10);

const world = createWorld(() => ({
  t: undefined as BankApp | undefined,
  commands: 0,
  /** Account events the dispatches routed so far. */
  routed: 0,
  /** Reports of the catch-up mutations called directly, in order. */
  catchUps: [] as CatchUpReport[],
  /** Reports of the catch-up jobs the Workpool ran in the last run. */
  jobs: [] as CatchUpReport[],
  retry: undefined as DeadLetterRetry | undefined,
  error: undefined as unknown,
}));

const bank = (): BankApp => {
  if (world.value.t === undefined) throw new Error("no bank app in this scenario");
  return world.value.t;
};
const nextCommand = () => ({ commandId: `cmd-${++world.value.commands}` });

async function opened(caller: string, accountId: string): Promise<void> {
  const outcome = await open(bank(), caller, accountId, `owner of ${accountId}`, nextCommand());
  expect(outcome.status).toBe("executed");
}

async function deposited(caller: string, accountId: string, amount: number): Promise<void> {
  const outcome = await send(bank(), caller, "deposit", accountId, amount, nextCommand());
  expect(outcome.status).toBe("executed");
}

/** Dispatches the new events of the account without running the job it enqueues. */
async function dispatchedWithoutRunning(accountId: string): Promise<void> {
  const events = await accountStream(bank(), accountId);
  const report = await settleAndDispatch(bank());
  expect(report).toMatchObject({ routed: events.length - world.value.routed, partitions: 1 });
  world.value.routed = events.length;
  expect(await balanceRowOf(bank(), accountId)).toBeNull();
  expect(await checkpointOf(bank(), `stream:${accountId}`)).toBeNull();
}

async function catchUpCalled(projection: string, partitionKey: string): Promise<CatchUpReport> {
  const report = await bank().mutation(internal.projections.catchUp, { projection, partitionKey });
  world.value.catchUps.push(report);
  return report;
}

/** The definitions refused with `code` as their only problem, the message naming each of `names`. */
function expectRefused(code: string, names: string[]): void {
  const error = world.value.error;
  expect(isCoreError(error, code as CoreErrorCode), String(error)).toBe(true);
  expect((error as { codes: readonly string[] }).codes).toEqual([code]);
  for (const name of names) expect(String(error)).toContain(name);
}

export function bankProjectionSteps({ Step }: StepDefiners): void {
  Step(
    "the bank app with its projections runtime, where teller {string} opened account {string}",
    async (_ctx, caller: string, accountId: string) => {
      world.reset();
      // Workpool jobs run on timers: fake them all, not only the clock.
      vi.useFakeTimers();
      vi.setSystemTime(START);
      world.value.t = newBankApp();
      await opened(caller, accountId);
    },
  );
  Step(
    "the bank app with its projections runtime, where teller {string} opened accounts {string} and {string} and both were projected",
    async (_ctx, caller: string, first: string, second: string) => {
      world.reset();
      vi.useFakeTimers();
      vi.setSystemTime(START);
      world.value.t = newBankApp();
      for (const accountId of [first, second]) await opened(caller, accountId);
      expect(await settleAndDispatch(bank())).toMatchObject({ routed: 2, partitions: 2 });
      await runCatchUpJobs(bank());
      for (const accountId of [first, second]) {
        expect(await balanceRowOf(bank(), accountId)).toMatchObject({ balance: 0 });
      }
    },
  );
  Step(
    "teller {string} deposits {int} and {int} into account {string}, which settle and are dispatched as a first job left queued",
    async (_ctx, caller: string, one: number, two: number, accountId: string) => {
      for (const amount of [one, two]) await deposited(caller, accountId, amount);
      await dispatchedWithoutRunning(accountId);
    },
  );
  Step(
    "teller {string} deposits {int} into account {string}, which settles and is dispatched as a second job left queued",
    async (_ctx, caller: string, amount: number, accountId: string) => {
      await deposited(caller, accountId, amount);
      await dispatchedWithoutRunning(accountId);
    },
  );
  Step(
    "the {string} catch-up of partition {string} is called for the later job first",
    async (_ctx, projection: string, partitionKey: string) => {
      const last = await lastEventOf(bank(), accountOf(partitionKey));
      // Both batches wait after the checkpoint: the first job to run applies all of them.
      expect(await catchUpCalled(projection, partitionKey)).toEqual({
        projection,
        partitionKey,
        applied: world.value.routed,
        skipped: 0,
        checkpoint: last.globalPosition,
      });
    },
  );
  Step(
    "the {string} catch-up of partition {string} is called again for the earlier job, late",
    async (_ctx, projection: string, partitionKey: string) => {
      const first = world.value.catchUps[0];
      expect(await catchUpCalled(projection, partitionKey)).toEqual({
        ...first,
        applied: 0,
      });
    },
  );
  Step(
    "the Workpool runs the {int} queued catch-up jobs, which find nothing left to apply",
    async (_ctx, count: number) => {
      const first = world.value.catchUps[0];
      world.value.jobs = await runCatchUpJobs(bank());
      expect(world.value.jobs).toEqual(new Array(count).fill({ ...first, applied: 0 }));
      expect(await bank().query(internal.projections.listFailedJobs, { limit: 10 })).toEqual([]);
    },
  );
  Step(
    "the balance history of account {string} lists its {int} events once each, in stream order",
    async (_ctx, accountId: string, count: number) => {
      const events = await accountStream(bank(), accountId);
      expect(events).toHaveLength(count);
      const history = await historyOf(bank(), accountId);
      expect(history.map((line) => line.eventId)).toEqual(events.map((event) => event.eventId));
      expect(history.map((line) => line.version)).toEqual(events.map((_, index) => index + 1));
    },
  );
  Step(
    "the balance view of account {string} reads {int} from its last event",
    async (_ctx, accountId: string, balance: number) => {
      const last = await lastEventOf(bank(), accountId);
      expect(await balanceRowOf(bank(), accountId)).toMatchObject({
        balance,
        lastEventId: last.eventId,
        lastPosition: last.globalPosition,
      });
    },
  );
  Step(
    "the {string} checkpoint of partition {string} is at the last event of account {string}, with {int} applied and {int} skipped",
    async (
      _ctx,
      projection: string,
      partitionKey: string,
      accountId: string,
      eventsApplied: number,
      eventsSkipped: number,
    ) => {
      const last = await lastEventOf(bank(), accountId);
      expect(await checkpointOf(bank(), partitionKey)).toMatchObject({
        projection,
        partitionKey,
        lastPosition: last.globalPosition,
        lastEventId: last.eventId,
        eventsApplied,
        eventsSkipped,
      });
    },
  );
  Step(
    "the accountBalances handlers throw {string} for account {string}",
    async (_ctx, message: string, accountId: string) => {
      const faults = await bank().mutation(internal.projectionFaults.inject, {
        accountId,
        message,
      });
      expect(faults).toBe(1);
    },
  );
  Step(
    "teller {string} deposits {int} into account {string} and {int} into account {string}",
    async (_ctx, caller: string, one: number, first: string, two: number, second: string) => {
      await deposited(caller, first, one);
      await deposited(caller, second, two);
      await expectAccount(bank(), first, one, 2);
      await expectAccount(bank(), second, two, 2);
    },
  );
  Step("the events settle and the projections are dispatched and their jobs run", async () => {
    expect(await settleAndDispatch(bank())).toMatchObject({ routed: 2, partitions: 2 });
    world.value.jobs = await runCatchUpJobs(bank());
    expect(world.value.jobs.length).toBeGreaterThanOrEqual(2);
  });
  Step(
    "the jobs of partition {string} retried the deposit twice, then quarantined it",
    async (_ctx, partitionKey: string) => {
      const [openedEvent, deposit] = await accountStream(bank(), accountOf(partitionKey));
      const retrying = {
        projection: BALANCES,
        partitionKey,
        applied: 0,
        skipped: 0,
        // Until the quarantine the partition waits at the event before the deposit.
        checkpoint: openedEvent?.globalPosition,
        retryingEventId: deposit?.eventId,
      };
      const { retryingEventId: _, ...quarantined } = retrying;
      expect(world.value.jobs.filter((job) => job.partitionKey === partitionKey)).toEqual([
        retrying,
        retrying,
        { ...quarantined, skipped: 1, checkpoint: deposit?.globalPosition },
      ]);
    },
  );
  Step(
    "the {string} dead letters list the deposit of account {string} with {int} attempts, status {string} and error {string}",
    async (
      _ctx,
      projection: string,
      accountId: string,
      attempts: number,
      status: string,
      lastError: string,
    ) => {
      const deposit = await lastEventOf(bank(), accountId);
      expect(await deadLettersOf(bank(), projection)).toEqual([
        expect.objectContaining({
          projection,
          partitionKey: `stream:${accountId}`,
          eventId: deposit.eventId,
          globalPosition: deposit.globalPosition,
          attempts,
          status,
          lastError,
        }),
      ]);
    },
  );
  Step(
    "the balance view of account {string} still reads {int}, its history holding only {string}",
    async (_ctx, accountId: string, balance: number, types: string) => {
      // The failed handler's writes were rolled back with its sub-transaction.
      expect(await balanceRowOf(bank(), accountId)).toMatchObject({
        balance,
        lastEventType: listFrom(types).at(-1),
      });
      const history = await historyOf(bank(), accountId);
      expect(history.map((line) => line.eventType)).toEqual(listFrom(types));
    },
  );
  Step(
    "the fault of account {string} is removed and the dead letter of its deposit is retried",
    async (_ctx, accountId: string) => {
      expect(await bank().mutation(internal.projectionFaults.remove, { accountId })).toBe(1);
      const deposit = await lastEventOf(bank(), accountId);
      world.value.retry = await bank().mutation(internal.projections.retryDeadLetter, {
        projection: BALANCES,
        eventId: deposit.eventId,
      });
    },
  );
  Step(
    "the retry answered {string} and the poison record of the deposit reads {int} attempts, status {string}",
    async (_ctx, answer: string, attempts: number, status: string) => {
      const retry = world.value.retry;
      expect(retry).toMatchObject({ status: answer, record: { attempts, status } });
      const eventId = retry !== undefined && "record" in retry ? retry.record.eventId : undefined;
      expect(await deadLettersOf(bank(), BALANCES, "replayed")).toEqual([
        expect.objectContaining({ eventId, attempts, status }),
      ]);
    },
  );
  Step("the {string} projection has no dead letter left", async (_ctx, projection: string) => {
    expect(await deadLettersOf(bank(), projection)).toEqual([]);
    expect(await bank().query(internal.projections.listFailedJobs, { limit: 10 })).toEqual([]);
  });
  Step("the accountBalances handlers are defined without a partition", () => {
    world.value.error = thrownBy(() =>
      // The bank's own handlers, every subscribed event covered: only the partition is missing
      // (which the types demand, so the input goes in untyped).
      defineProjectionHandlers(accountBalances, {
        handlers: accountBalancesEventHandlers,
      } as unknown as Parameters<typeof defineProjectionHandlers>[1]),
    );
  });
  Step(
    "the definition is refused with code {string} naming projection {string}",
    (_ctx, code: string, projection: string) => {
      expectRefused(code, [`projection "${projection}"`]);
    },
  );
  Step(
    "the {string} command config triggers {string} without a partition key",
    (_ctx, commandType: string, projection: string) => {
      expect(depositConfig.definition.commandType).toBe(commandType);
      // Untyped, as a config from plain JavaScript would be: the types demand the key.
      const config = { ...depositConfig, projections: [{ projection }] };
      world.value.error = thrownBy(() =>
        assertCommandConfigPartitionKeys(
          config as unknown as Parameters<typeof assertCommandConfigPartitionKeys>[0],
        ),
      );
    },
  );
  Step(
    "assertCommandConfigPartitionKeys refuses it with code {string} naming command {string} and projection {string}",
    (_ctx, code: string, commandType: string, projection: string) => {
      expectRefused(code, [`command "${commandType}"`, `projection "${projection}"`]);
    },
  );
  Step(
    "the bank's own {string} config, whose trigger has a partition key, passes the check",
    (_ctx, commandType: string) => {
      const config = [openConfig, depositConfig, withdrawConfig].find(
        (c) => c.definition.commandType === commandType,
      );
      if (config === undefined) throw new Error(`the bank has no ${commandType} config`);
      expect(config.projections?.[0]?.partitionKey).toBeTypeOf("function");
      expect(() => assertCommandConfigPartitionKeys(config)).not.toThrow();
    },
  );
}
