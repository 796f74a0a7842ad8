import { expect } from "vitest";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import { listFrom } from "../../support/helpers.js";
import type { DefineStepsCallback } from "./world.js";
import {
  app,
  capture,
  expectCounts,
  expectSaga,
  expectSagaError,
  journal,
  ledger,
  refuseEffect,
  runBackgroundWork,
  sagaOf,
  startFulfillment,
  startPaymentApproval,
  world,
} from "./world.js";

/**
 * Steps several scenarios share, matched whatever their keyword. Scenario outlines do not see
 * them (vitest-cucumber matches an outline's shared steps by keyword), so outlines define their
 * own.
 */
export const sharedSteps: DefineStepsCallback = ({ Step }) => {
  Step("the background work runs", runBackgroundWork);
  Step("the {string} effect of {string} is refused", (_ctx, action: string, orderId: string) =>
    refuseEffect(orderId, action),
  );
  Step("order {string} starts the order fulfilment saga", (_ctx, orderId: string) =>
    startFulfillment(orderId),
  );
  Step("order {string} starts the order fulfilment saga again", (_ctx, orderId: string) =>
    startFulfillment(orderId),
  );
  Step(
    "order {string} starts the order fulfilment saga and the background work runs",
    async (_ctx, orderId: string) => {
      await startFulfillment(orderId);
      await runBackgroundWork();
    },
  );
  Step("order {string} starts the payment approval saga", (_ctx, orderId: string) =>
    startPaymentApproval(orderId),
  );
  Step(
    "order {string} starts the payment approval saga and the background work runs",
    async (_ctx, orderId: string) => {
      await startPaymentApproval(orderId);
      await runBackgroundWork();
    },
  );
  Step("order {string} completed its order fulfilment saga", async (_ctx, orderId: string) => {
    await startFulfillment(orderId);
    await runBackgroundWork();
  });
  Step("order {string} compensated its order fulfilment saga", async (_ctx, orderId: string) => {
    await refuseEffect(orderId, "confirmOrder");
    await startFulfillment(orderId);
    await runBackgroundWork();
  });
  Step("order {string} waits in its payment approval saga", async (_ctx, orderId: string) => {
    await startPaymentApproval(orderId);
    await runBackgroundWork();
  });

  Step("the ledger of {string} reads {string}", async (_ctx, orderId: string, actions: string) => {
    expect((await ledger(orderId)).map((entry) => entry.action)).toEqual(listFrom(actions));
  });
  Step("the ledger of {string} is empty", async (_ctx, orderId: string) => {
    expect(await ledger(orderId)).toEqual([]);
  });
  Step(
    "the ledger entry {string} of {string} says {string}",
    async (_ctx, action: string, orderId: string, detail: string) => {
      const entries = (await ledger(orderId)).filter((entry) => entry.action === action);
      expect(entries).toEqual([{ action, detail }]);
    },
  );
  const sagaIs = (_ctx: unknown, sagaType: string, sagaId: string, status: string, n: number) =>
    expectSaga(sagaType, sagaId, status, n);
  Step("the {string} saga {string} is {string} after {int} attempt", sagaIs);
  Step("the {string} saga {string} is {string} after {int} attempts", sagaIs);
  Step(
    "the journal of the {string} saga {string} reads {string}",
    async (_ctx, sagaType: string, sagaId: string, entries: string) => {
      expect(await journal(sagaType, sagaId)).toEqual(listFrom(entries));
    },
  );
  Step(
    "it failed at step {string} with an error saying {string}",
    async (_ctx, step: string, text: string) => {
      const saga = await lastSaga();
      expect(saga.failedStep).toBe(step);
      expect(saga.error).toContain(text);
    },
  );
  Step("it compensated {string}", async (_ctx, steps: string) => {
    expect((await lastSaga()).compensatedSteps).toEqual(listFrom(steps));
  });
  const holds = (_ctx: unknown, sagas: number, workflows: number) => expectCounts(sagas, workflows);
  Step("the app holds {int} saga and the workflow component {int} workflow", holds);
  Step("the app holds {int} sagas and the workflow component {int} workflows", holds);
  Step("an operator retries the {string} saga {string}", (_ctx, sagaType: string, sagaId: string) =>
    capture(async () => {
      world.retried = await app().mutation(internal.sagaAdmin.retry, { sagaType, sagaId });
    }),
  );
  Step(
    "an operator cancels the {string} saga {string} because {string}",
    (_ctx, sagaType: string, sagaId: string, reason: string) =>
      capture(() => app().mutation(internal.sagaAdmin.cancel, { sagaType, sagaId, reason })),
  );
  Step("the operation is refused with {string}", (_ctx, code: string) => expectSagaError(code));
  Step(
    "the payment {string} of order {string} is confirmed again",
    (_ctx, paymentId: string, orderId: string) =>
      capture(() => app().mutation(internal.orders.confirmPayment, { orderId, paymentId })),
  );
  Step("the event is refused with {string}", (_ctx, code: string) => expectSagaError(code));
};

/** The saga the scenario started last, as stored now. */
async function lastSaga() {
  const started = world.starts.at(-1);
  if (started === undefined) throw new Error("no saga was started in this scenario");
  return sagaOf(started.saga.sagaType, started.saga.sagaId);
}
