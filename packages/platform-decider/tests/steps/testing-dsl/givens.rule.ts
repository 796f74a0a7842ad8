import { expect } from "vitest";
import { defaultSpecContext } from "../../../src/testing/index.js";
import { orderDecider } from "../../fixtures/orderDecider.js";
import { createOrder, draftOrder, orderSubmitted } from "../../fixtures/orders.js";
import type { RuleCallback } from "./world.js";
import { given, result, specOf, world } from "./world.js";

/** Rule: Givens set up the state the command is decided against */
export const givensRule: RuleCallback = ({ RuleScenario }) => {
  RuleScenario("An event-based given folds the events from the initial state", ({ And }) => {
    And("the result state is {string} with total {int}", (_ctx, status: string, total: number) => {
      expect(result().state).toMatchObject({ status, total, orderId: "ord-1" });
    });
  });

  RuleScenario("A state-based given uses the state exactly as given", ({ Given, Then }) => {
    Given(
      "a spec given the state of a draft order {string} whose total was set to {int}",
      (_ctx, orderId: string, total: number) => {
        // Inconsistent with its items on purpose: a given state is used, not recomputed.
        world.given = specOf().givenState({ ...draftOrder(orderId, [["sku-1", 1, 200]]), total });
      },
    );
    Then(
      "thenEvents with an OrderSubmitted event of total {int} at the default spec time passes",
      (_ctx, total: number) => {
        result().thenEvents([orderSubmitted("ord-1", total, 1, defaultSpecContext.now)]);
      },
    );
  });

  RuleScenario("givenNothing starts from the initial state", ({ Given, Then, And }) => {
    Given("a spec given nothing", () => {
      world.given = specOf().givenNothing();
    });
    Then(
      "thenEvents with OrderCreated {string} for {string} at the default spec time passes",
      (_ctx, orderId: string, customerId: string) => {
        result().thenEvents([
          {
            type: "OrderCreated",
            data: { orderId, customerId, createdAt: defaultSpecContext.now },
          },
        ]);
      },
    );
    And(
      "thenData with order {string} and total {int} passes",
      (_ctx, orderId: string, total: number) => {
        result().thenData({ orderId, total });
      },
    );
  });

  RuleScenario(
    "The spec context sets the time, and one when can override it",
    ({ Given, Then, And }) => {
      Given("a spec with the context time {int} given nothing", (_ctx, now: number) => {
        world.given = specOf(orderDecider, { context: { now } }).givenNothing();
      });
      Then("the OrderCreated event has createdAt {int}", (_ctx, createdAt: number) => {
        expect(result().output).toMatchObject({ events: [{ data: { createdAt } }] });
      });
      And(
        "the same given with the time {int} for one when gives createdAt {int}",
        (_ctx, now: number, createdAt: number) => {
          const overridden = given().when(createOrder("ord-1"), { now });
          expect(overridden.output).toMatchObject({ events: [{ data: { createdAt } }] });
        },
      );
    },
  );
};
