import { expect } from "vitest";
import {
  clockReadingDecider,
  emptySuccessDecider,
  stateMutatingDecider,
} from "../../fixtures/impureDeciders.js";
import { draftHistory } from "../../fixtures/orders.js";
import type { RuleCallback } from "./world.js";
import { result, specOf, world } from "./world.js";

/** Rule: The spec catches deciders that are not pure */
export const purityRule: RuleCallback = ({ RuleScenario }) => {
  RuleScenario(
    "A decider that reads its own clock is reported as not deterministic",
    ({ Given }) => {
      Given("a spec of a decider that reads its own clock, given nothing", () => {
        world.given = specOf(clockReadingDecider()).givenNothing();
      });
    },
  );

  RuleScenario("The determinism check can be switched off", ({ Given }) => {
    Given(
      "a spec of a decider that reads its own clock with checkPurity off, given nothing",
      () => {
        world.given = specOf(clockReadingDecider(), { checkPurity: false }).givenNothing();
      },
    );
  });

  RuleScenario(
    "A decider that mutates the given state is reported with the mutated path",
    ({ Given }) => {
      Given(
        "a spec of a decider that pushes into the given items, given the events of order {string} with an item {string} of quantity {int} at {int}",
        (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
          world.given = specOf(stateMutatingDecider).given(
            draftHistory(orderId, [[sku, quantity, price]]),
          );
        },
      );
    },
  );

  RuleScenario("An exception from decide is reported, and can be expected", ({ Given, Then }) => {
    Given(
      "a spec of a decider that answers submit with an empty success, given the events of order {string} with an item {string} of quantity {int} at {int}",
      (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
        world.given = specOf(emptySuccessDecider).given(
          draftHistory(orderId, [[sku, quantity, price]]),
        );
      },
    );
    Then("thenThrows {string} passes", (_ctx, code: string) => {
      expect(result().thenThrows(code)).toBe(result());
      result().thenThrows(/at least one event/);
    });
  });
};
