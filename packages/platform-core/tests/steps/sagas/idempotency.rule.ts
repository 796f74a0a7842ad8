import { expect } from "vitest";
import { isSagaError, SAGA_ERROR_CODES } from "../../../src/index.js";
import type { SagaErrorCode } from "../../../src/index.js";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import type { RuleCallback } from "./world.js";
import { app, capture, expectCounts, world } from "./world.js";

/** Rule: A saga starts once per sagaId */
export const idempotencyRule: RuleCallback = ({ RuleScenario, RuleScenarioOutline }) => {
  const secondStart = () => {
    expect(world.starts).toHaveLength(2);
    const [first, second] = world.starts;
    expect(first?.started).toBe(true);
    expect(second?.started).toBe(false);
    return { first: first!, second: second! };
  };

  RuleScenario("A second start is a no-op that returns the existing saga", ({ Then }) => {
    Then("the second start started nothing and returned the saga of the first", () => {
      const { first, second } = secondStart();
      expect(second.saga).toEqual(first.saga);
    });
  });

  RuleScenario("A start after the saga ended is a no-op too", ({ Then }) => {
    Then(
      "the second start started nothing and returned the saga as {string}",
      (_ctx, status: string) => {
        const { first, second } = secondStart();
        expect(second.saga).toMatchObject({ workflowId: first.saga.workflowId, status });
      },
    );
  });

  RuleScenario("The same sagaId in another saga type is another saga", () => {});

  RuleScenarioOutline(
    "A start the saga cannot take writes nothing",
    ({ When, Then, And }, variables) => {
      When(
        `a saga is started with sagaType "<sagaType>", sagaId "<sagaId>" and input '<input>'`,
        () =>
          capture(() =>
            app().mutation(internal.orders.startUnchecked, {
              sagaType: variables.sagaType,
              sagaId: variables.sagaId,
              input: JSON.parse(variables.input) as unknown,
            }),
          ),
      );
      Then(`the start is refused with "<refusal>"`, () => {
        const refusal: string = variables.refusal;
        expect(world.error).toBeInstanceOf(Error);
        if ((SAGA_ERROR_CODES as readonly string[]).includes(refusal)) {
          expect(isSagaError(world.error, refusal as SagaErrorCode)).toBe(true);
        } else {
          // The workflow's own argument validation names what did not match.
          expect(String(world.error)).toContain(refusal);
        }
      });
      And(
        "the app holds {int} sagas and the workflow component {int} workflows",
        (_ctx, sagas, workflows) => expectCounts(sagas, workflows),
      );
    },
  );
};
