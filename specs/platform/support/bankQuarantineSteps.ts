// Steps of a bank projection handler that keeps failing: a fault injected for one account, the
// runtime's retries and quarantine read back from its jobs and dead letters, and the operator's
// replay once the fault is gone.
import { expect } from "vitest";
import { internal } from "./bankApp/convex/_generated/api.js";
import {
  accountOf,
  BALANCES,
  balanceRowOf,
  bank,
  deadLettersOf,
  deposited,
  historyOf,
  lastEventOf,
  projectionWorld as world,
  runCatchUpJobs,
  settleAndDispatch,
} from "./bankProjections.js";
import type { StepDefiners } from "./bankProjections.js";
import { accountStream, expectAccount, listFrom } from "./bankSteps.js";

export function quarantineSteps({ Step }: StepDefiners): void {
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
      // Read back: the record the retry answered with is the one the component keeps.
      expect(await deadLettersOf(bank(), BALANCES, "replayed")).toEqual([
        expect.objectContaining({ eventId, attempts, status }),
      ]);
    },
  );
  Step("the {string} projection has no dead letter left", async (_ctx, projection: string) => {
    expect(await deadLettersOf(bank(), projection)).toEqual([]);
    expect(await bank().query(internal.projections.listFailedJobs, { limit: 10 })).toEqual([]);
  });
}
