import { expect } from "vitest";
import { COMPENSATION_STEP_PREFIX, SAGA_COMPENSATION_FAILED } from "../../../src/index.js";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import type { RuleCallback } from "./world.js";
import { app, sagaOf, world } from "./world.js";

/** Rule: A failed step makes the saga undo its completed steps in reverse order */
export const compensationRule: RuleCallback = ({ RuleScenario }) => {
  RuleScenario("The third step fails: step two then step one are compensated", () => {});
  RuleScenario("The first step fails: there is nothing to undo", () => {});

  RuleScenario(
    "A compensation that fails leaves the saga failed, and a retry resumes with it",
    ({ And, Then, When }) => {
      And("its error starts with {string}", async (_ctx, text: string) => {
        expect(text.startsWith(SAGA_COMPENSATION_FAILED)).toBe(true);
        expect((await sagaOf("orderFulfillment", "o-4")).error?.startsWith(text)).toBe(true);
      });
      When(
        "the {string} effect of {string} is allowed again",
        async (_ctx, action: string, orderId: string) => {
          await app().mutation(internal.orders.clearFault, { sagaId: orderId, action });
        },
      );
      Then(
        "the retry resumes from journal step {string} and the saga is {string} again",
        async (_ctx, step: string, status: string) => {
          expect(world.error).toBeUndefined();
          expect(step.startsWith(COMPENSATION_STEP_PREFIX)).toBe(true);
          expect(world.retried).toMatchObject({
            resumedFrom: { name: step, stepNumber: 3 },
            saga: { status, attempts: 2 },
          });
          expect(world.retried?.saga).toEqual(await sagaOf("orderFulfillment", "o-4"));
        },
      );
    },
  );
};
