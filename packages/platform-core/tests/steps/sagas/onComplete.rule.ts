import { expect } from "vitest";
import { recordSagaCompletion } from "../../../src/index.js";
import type { SagaCompletion } from "../../../src/index.js";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import type { RuleCallback } from "./world.js";
import {
  app,
  capture,
  expectSaga,
  expectSagaError,
  refuseEffect,
  runBackgroundWork,
  sagaOf,
  startFulfillment,
  startPaymentApproval,
  world,
} from "./world.js";

const endings: Record<string, (orderId: string) => Promise<void>> = {
  "completing every step": startFulfillment,
  "compensating a refused confirmation": async (orderId) => {
    await refuseEffect(orderId, "confirmOrder");
    await startFulfillment(orderId);
  },
  "failing to compensate a refused confirmation": async (orderId) => {
    await refuseEffect(orderId, "confirmOrder");
    await refuseEffect(orderId, "refundPayment");
    await startFulfillment(orderId);
  },
  "being canceled while it waits for the payment": async (orderId) => {
    await startPaymentApproval(orderId);
    await runBackgroundWork();
    await app().mutation(internal.sagaAdmin.cancel, {
      sagaType: "paymentApproval",
      sagaId: orderId,
      reason: "the customer asked",
    });
  },
};

/** Rule: The saga's status is recorded by the workflow's onComplete, never inside the workflow */
export const onCompleteRule: RuleCallback = ({ RuleScenario, RuleScenarioOutline }) => {
  RuleScenario("While its workflow runs, a saga record does not change", ({ And }) => {
    And(
      "the {string} saga {string} is exactly as its start returned it",
      async (_ctx, sagaType: string, sagaId: string) => {
        const started = world.starts.at(-1)?.saga;
        expect(started).toMatchObject({ status: "running", updatedAt: started?.startedAt });
        expect(await sagaOf(sagaType, sagaId)).toEqual(started);
      },
    );
  });

  RuleScenarioOutline(
    "Each way a workflow ends gives the saga its status",
    ({ Given, Then, And }, variables) => {
      Given("order {string} ends its saga by <ending>", async (_ctx, orderId: string) => {
        const end = endings[variables.ending];
        if (end === undefined) throw new Error(`no ending "${variables.ending}"`);
        await end(orderId);
        await runBackgroundWork();
      });
      Then(`the "<sagaType>" saga "o-15" is "<status>" after 1 attempt`, () =>
        expectSaga(variables.sagaType, "o-15", variables.status, 1),
      );
      And("the saga's completion time is its last update", async () => {
        const saga = await sagaOf(variables.sagaType, "o-15");
        expect(saga.completedAt).toEqual(expect.any(Number));
        expect(saga.completedAt).toBe(saga.updatedAt);
      });
    },
  );

  RuleScenarioOutline(
    "An onComplete that does not fit the saga is refused and changes nothing",
    ({ When, And, Then }, variables) => {
      When(
        "order {string} starts the order fulfilment saga and the background work runs",
        async (_ctx, orderId: string) => {
          await startFulfillment(orderId);
          await runBackgroundWork();
        },
      );
      And("an onComplete arrives for <target>", async () => {
        const saga = await sagaOf("orderFulfillment", "o-16");
        const completion: Record<string, SagaCompletion> = {
          "an unknown saga": {
            workflowId: saga.workflowId,
            result: { kind: "success", returnValue: { status: "completed" } },
            context: { sagaType: "orderFulfillment", sagaId: "o-404" },
          },
          "another workflow of the saga": {
            workflowId: "another-workflow",
            result: { kind: "canceled" },
            context: { sagaType: "orderFulfillment", sagaId: "o-16" },
          },
          "the saga, which has ended": {
            workflowId: saga.workflowId,
            result: { kind: "failed", error: "late" },
            context: { sagaType: "orderFulfillment", sagaId: "o-16" },
          },
        };
        const args = completion[variables.target];
        if (args === undefined) throw new Error(`no onComplete for "${variables.target}"`);
        // The onComplete's body, in a transaction of the app.
        await capture(() => app().run((ctx) => recordSagaCompletion(ctx, args)));
      });
      Then(`the onComplete is refused with "<code>"`, () => expectSagaError(variables.code));
      And(
        "the {string} saga {string} is {string} after {int} attempt",
        (_ctx, type, id, status, n) => expectSaga(type, id, status, n),
      );
    },
  );
};
