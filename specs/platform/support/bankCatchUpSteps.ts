// Steps that run the bank app's projections runtime: the app and its accounts, catch-up jobs of
// one partition called out of order, and the view, history and checkpoint read back after them.
// Defined once per rule (`defineSteps`), so a reading can appear twice in one scenario.
import type { CatchUpReport } from "@convex-es/platform-core";
import { expect } from "vitest";
import { internal } from "./bankApp/convex/_generated/api.js";
import {
  accountOf,
  balanceRowOf,
  bank,
  checkpointOf,
  deposited,
  historyOf,
  lastEventOf,
  opened,
  projectionWorld as world,
  runCatchUpJobs,
  settleAndDispatch,
  startBank,
} from "./bankProjections.js";
import type { StepDefiners } from "./bankProjections.js";
import { accountStream } from "./bankSteps.js";

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

export function catchUpSteps({ Step }: StepDefiners): void {
  Step(
    "the bank app with its projections runtime, where teller {string} opened account {string}",
    async (_ctx, caller: string, accountId: string) => {
      startBank();
      await opened(caller, accountId);
    },
  );
  Step(
    "the bank app with its projections runtime, where teller {string} opened accounts {string} and {string} and both were projected",
    async (_ctx, caller: string, first: string, second: string) => {
      startBank();
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
      expect(await catchUpCalled(projection, partitionKey)).toEqual({ ...first, applied: 0 });
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
}
