import { expect } from "vitest";
import { outcomeOf, runDeciderCases } from "../../../src/testing/index.js";
import type { OrderCase } from "../../fixtures/orderCases.js";
import { commandNamed, givenNamed } from "../../fixtures/orderCases.js";
import type { OrderState } from "../../fixtures/orderDecider.js";
import { orderDecider } from "../../fixtures/orderDecider.js";
import {
  addItem,
  draftHistory,
  draftOrder,
  itemAdded,
  submitOrder,
} from "../../fixtures/orders.js";
import type { RuleCallback } from "./world.js";
import { world } from "./world.js";

/** Rule: Case tables drive one decider from many examples */
export const casesRule: RuleCallback = ({ RuleScenario, RuleScenarioOutline }) => {
  RuleScenarioOutline(
    "Each row of the table is one case of the order decider",
    ({ Given, When, Then }, variables) => {
      let testCase: Omit<OrderCase, "when" | "expect">;
      Given("an order case that is <given>", () => {
        testCase = { name: `${variables.given}`, given: givenNamed(String(variables.given)) };
      });
      When('the case <command> runs expecting "<outcome>"', () => {
        const command = commandNamed(String(variables.command));
        world.caseResults = runDeciderCases(orderDecider, [
          { ...testCase, when: command, expect: String(variables.outcome) },
        ]);
      });
      Then('the case passes with the outcome "<outcome>"', () => {
        const [only] = world.caseResults ?? [];
        expect(only?.outcome).toBe(variables.outcome);
        expect(only && outcomeOf(only.output)).toBe(variables.outcome);
      });
    },
  );

  RuleScenario("One error lists every failing case with its differences", ({ And }) => {
    And("the passing case {string} is not listed", (_ctx, name: string) => {
      expect((world.caseError as Error).message).not.toContain(name);
    });
  });

  // Every step of this scenario is a shared step.
  RuleScenario("A malformed outcome is reported, not ignored", () => {});

  RuleScenario(
    "Cases can also check events and state, and return their results",
    ({ Given, And, Then }) => {
      Given(
        "a case adding {string} of quantity {int} at {int} to a draft that expects its ItemAdded event and total {int}",
        (_ctx, sku: string, quantity: number, price: number, total: number) => {
          world.cases.push({
            name: "add to a draft",
            given: draftHistory("ord-1", [["sku-1", 1, 200]]),
            when: addItem(sku, quantity, price),
            expect: {
              events: [itemAdded("ord-1", sku, quantity, price)],
              stateMatches: { total },
            },
          });
        },
      );
      And(
        "a case submitting a draft given as state that expects the status {string}",
        (_ctx, status: OrderState["status"]) => {
          world.cases.push({
            name: "submit a draft",
            given: { state: draftOrder("ord-1", [["sku-1", 1, 200]]) },
            when: submitOrder,
            expect: { outcome: "success", stateMatches: { status } },
          });
        },
      );
      Then("every case passes and the results carry their names, outcomes and states", () => {
        expect(world.caseError).toBeUndefined();
        expect(
          world.caseResults?.map(({ name, outcome, state }) => [name, outcome, state.total]),
        ).toEqual([
          ["add to a draft", "success", 800],
          ["submit a draft", "success", 200],
        ]);
        expect(world.caseResults?.[1]?.state.status).toBe("submitted");
      });
    },
  );
};
