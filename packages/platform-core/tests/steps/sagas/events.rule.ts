import { expect } from "vitest";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import type { RuleCallback } from "./world.js";
import { app, runBackgroundWork } from "./world.js";

const confirm = (orderId: string, paymentId: string) =>
  app().mutation(internal.orders.confirmPayment, { orderId, paymentId });

/** Rule: A saga can wait for an external event */
export const eventsRule: RuleCallback = ({ RuleScenario }) => {
  RuleScenario("A saga waiting for the payment resumes when it is sent", ({ And, When }) => {
    And(
      "the workflow of the {string} saga {string} waits on {string}",
      async (_ctx, sagaType: string, sagaId: string, event: string) => {
        const inspection = await app().query(internal.sagaAdmin.inspect, { sagaType, sagaId });
        expect(inspection?.workflow).toEqual({ state: "inProgress", waitingOn: [event] });
      },
    );
    When(
      "the payment {string} of order {string} is confirmed and the background work runs",
      async (_ctx, paymentId: string, orderId: string) => {
        expect(await confirm(orderId, paymentId)).toEqual(expect.any(String));
        await runBackgroundWork();
      },
    );
  });

  RuleScenario("An event sent before the saga waits for it is not lost", ({ And }) => {
    And(
      "the payment {string} of order {string} is confirmed at once",
      async (_ctx, paymentId: string, orderId: string) => {
        await confirm(orderId, paymentId);
      },
    );
  });

  RuleScenario("An event sent twice is consumed once", ({ And }) => {
    And(
      "the payment {string} of order {string} is confirmed twice before the saga runs",
      async (_ctx, paymentId: string, orderId: string) => {
        const first = await confirm(orderId, paymentId);
        const second = await confirm(orderId, paymentId);
        expect(second).not.toBe(first);
      },
    );
  });

  RuleScenario("A declined payment makes the waiting saga compensate", ({ And }) => {
    And(
      "the payment of order {string} is declined with {string} and the background work runs",
      async (_ctx, orderId: string, reason: string) => {
        await app().mutation(internal.orders.declinePayment, { orderId, reason });
        await runBackgroundWork();
      },
    );
  });

  RuleScenario("An event for a saga that no longer runs is refused", ({ And }) => {
    And(
      "the payment {string} of order {string} is confirmed and the background work runs",
      async (_ctx, paymentId: string, orderId: string) => {
        await confirm(orderId, paymentId);
        await runBackgroundWork();
      },
    );
  });

  RuleScenario("An event for an unknown saga is refused", () => {});
};
