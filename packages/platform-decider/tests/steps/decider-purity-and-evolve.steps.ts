import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { decideAndEvolve, fold, isRejected, isSuccess } from "../../src/index.js";
import type { AddItem, OrderOutput, OrderState } from "../fixtures/orderDecider.js";
import { initialOrderState, orderDecider } from "../fixtures/orderDecider.js";
import {
  addItem,
  contextAt,
  createOrder,
  draftHistory,
  draftOrder,
  itemAdded,
  nearLimitOrder,
  orderSubmitted,
  submitOrder,
  submittedOrder,
} from "../fixtures/orders.js";
import { deepFrozen, featurePath } from "../fixtures/support.js";

const feature = await loadFeature(
  featurePath("decider-purity-and-evolve.feature", import.meta.url),
);

const at = contextAt(1_700_000_000_000);

describeFeature(feature, ({ Rule }) => {
  Rule("Deciders must be pure functions", ({ RuleScenario }) => {
    RuleScenario(
      "The same state, command and context give deep-equal outputs",
      ({ Given, And, When, Then }) => {
        let state: OrderState;
        let copy: OrderState;
        let command: AddItem;
        let outputs: OrderOutput[];
        Given(
          "a deeply frozen draft order {string} with an item {string} of quantity {int} at {int}",
          (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
            copy = draftOrder(orderId, [[sku, quantity, price]]);
            state = deepFrozen(draftOrder(orderId, [[sku, quantity, price]]));
          },
        );
        And(
          "a deeply frozen command adding an item {string} of quantity {int} at {int}",
          (_ctx, sku: string, quantity: number, price: number) => {
            command = deepFrozen(addItem(sku, quantity, price));
          },
        );
        When("the command is decided twice with the same context", () => {
          // A frozen input makes any attempt to mutate it throw a TypeError here.
          outputs = [1, 2].map(() => orderDecider.decide(state, command, at));
        });
        Then("both outputs are deep-equal", () => {
          expect(outputs[0]?.status).toBe("success");
          expect(outputs[1]).toStrictEqual(outputs[0]);
          expect(outputs[1]).not.toBe(outputs[0]);
        });
        And("the frozen state still deep-equals the copy taken before deciding", () => {
          expect(Object.isFrozen(state.items)).toBe(true);
          expect(state).toStrictEqual(copy);
        });
      },
    );

    RuleScenario(
      "Time comes in through the context, never from a clock",
      ({ Given, When, And, Then }) => {
        let state: OrderState;
        const outputs: OrderOutput[] = [];
        Given("no order yet", () => {
          state = orderDecider.initialState;
          expect(state.status).toBe("none");
        });
        When(
          "order {string} is created with the context time {int}",
          (_ctx, orderId: string, now: number) => {
            outputs.push(orderDecider.decide(state, createOrder(orderId), contextAt(now)));
          },
        );
        And(
          "order {string} is created again with the context time {int}",
          (_ctx, orderId: string, now: number) => {
            outputs.push(orderDecider.decide(state, createOrder(orderId), contextAt(now)));
          },
        );
        Then("the first OrderCreated event has createdAt {int}", (_ctx, createdAt: number) => {
          const [first] = outputs;
          expect(first && isSuccess(first) ? first.events[0].data : undefined).toMatchObject({
            createdAt,
          });
        });
        And("the second OrderCreated event has createdAt {int}", (_ctx, createdAt: number) => {
          const second = outputs[1];
          expect(second && isSuccess(second) ? second.events[0].data : undefined).toMatchObject({
            createdAt,
          });
        });
      },
    );

    RuleScenario(
      "evolve returns a new state and leaves the previous one untouched",
      ({ Given, When, Then, And }) => {
        let previous: OrderState;
        let next: OrderState;
        Given(
          "a deeply frozen draft order {string} with an item {string} of quantity {int} at {int}",
          (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
            previous = deepFrozen(draftOrder(orderId, [[sku, quantity, price]]));
          },
        );
        When(
          "an ItemAdded event for {string} with line total {int} is evolved onto it",
          (_ctx, sku: string, lineTotal: number) => {
            next = orderDecider.evolve(previous, itemAdded("ord-1", sku, 1, lineTotal));
          },
        );
        Then(
          "the new state has {int} items and total {int}",
          (_ctx, count: number, total: number) => {
            expect(next.items).toHaveLength(count);
            expect(next.total).toBe(total);
          },
        );
        And(
          "the previous state still has {int} item and total {int}",
          (_ctx, count: number, total: number) => {
            expect(previous.items).toHaveLength(count);
            expect(previous.total).toBe(total);
            expect(next).not.toBe(previous);
          },
        );
      },
    );
  });

  Rule("Evolve functions use event payload as source of truth", ({ RuleScenario }) => {
    RuleScenario(
      "The line total comes from the event, not from quantity times price",
      ({ Given, When, Then, And }) => {
        let state: OrderState;
        Given("a draft order {string} without items", (_ctx, orderId: string) => {
          state = draftOrder(orderId);
          expect(state.items).toEqual([]);
        });
        When(
          "an ItemAdded event with quantity {int}, unit price {int} and line total {int} is evolved",
          (_ctx, quantity: number, unitPrice: number, lineTotal: number) => {
            state = orderDecider.evolve(
              state,
              itemAdded("ord-1", "sku-1", quantity, unitPrice, lineTotal),
            );
          },
        );
        Then("the order total is {int}", (_ctx, total: number) => {
          expect(state.total).toBe(total);
        });
        And(
          "the item records the line total {int} next to quantity {int} and unit price {int}",
          (_ctx, lineTotal: number, quantity: number, unitPrice: number) => {
            expect(state.items).toEqual([{ productId: "sku-1", quantity, unitPrice, lineTotal }]);
          },
        );
      },
    );

    RuleScenario("The submitted total comes from the event", ({ Given, When, Then, And }) => {
      let state: OrderState;
      Given(
        "a draft order {string} with an item {string} of quantity {int} at {int}",
        (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
          state = draftOrder(orderId, [[sku, quantity, price]]);
        },
      );
      When(
        "an OrderSubmitted event with total {int} at time {int} is evolved",
        (_ctx, total: number, submittedAt: number) => {
          state = orderDecider.evolve(state, orderSubmitted("ord-1", total, 1, submittedAt));
        },
      );
      Then("the order total is {int}", (_ctx, total: number) => {
        expect(state.total).toBe(total);
      });
      And("the order status is {string} since {int}", (_ctx, status: string, since: number) => {
        expect(state.status).toBe(status);
        expect(state.submittedAt).toBe(since);
      });
    });
  });

  Rule("fold replays history from the initial state", ({ RuleScenario }) => {
    RuleScenario("fold applies events in order from the initial state", ({ Given, When, Then }) => {
      let history: ReturnType<typeof draftHistory>;
      let state: OrderState;
      Given(
        "the history of order {string} with items {string} for {int} and {string} for {int}",
        (_ctx, orderId: string, first: string, p1: number, second: string, p2: number) => {
          history = draftHistory(orderId, [
            [first, 1, p1],
            [second, 1, p2],
          ]);
        },
      );
      When("the history is folded", () => {
        state = fold(orderDecider, history);
      });
      Then(
        "the state is a draft order {string} with the items {string} and total {int}",
        (_ctx, orderId: string, skus: string, total: number) => {
          expect(state).toMatchObject({ status: "draft", orderId, total });
          expect(state.items.map((item) => item.productId)).toEqual(skus.split(", "));
        },
      );
    });

    RuleScenario("fold of no events is the initial state itself", ({ When, Then }) => {
      let state: OrderState;
      When("no events are folded", () => {
        state = fold(orderDecider, []);
      });
      Then("the result is the initial state object of the decider", () => {
        expect(state).toBe(orderDecider.initialState);
      });
    });

    RuleScenario("fold continues from a given state", ({ Given, When, Then }) => {
      let state: OrderState;
      Given(
        "a draft order {string} with an item {string} of quantity {int} at {int}",
        (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
          state = draftOrder(orderId, [[sku, quantity, price]]);
        },
      );
      When(
        "an ItemAdded event for {string} with line total {int} is folded from that state",
        (_ctx, sku: string, lineTotal: number) => {
          state = fold(orderDecider, [itemAdded("ord-1", sku, 1, lineTotal)], state);
        },
      );
      Then("the order total is {int}", (_ctx, total: number) => {
        expect(state.total).toBe(total);
      });
    });

    RuleScenario(
      "defineDecider freezes the decider and its initial state",
      ({ Given, Then, And }) => {
        let decider: typeof orderDecider;
        Given("the order decider made with defineDecider", () => {
          decider = orderDecider;
          expect(decider.initialState).toBe(initialOrderState);
        });
        Then("the decider object is frozen", () => {
          expect(Object.isFrozen(decider)).toBe(true);
          expect(() => {
            (decider as { evolve: unknown }).evolve = () => initialOrderState;
          }).toThrow(TypeError);
        });
        And("its initial state and the initial items list are frozen", () => {
          expect(Object.isFrozen(decider.initialState)).toBe(true);
          expect(Object.isFrozen(decider.initialState.items)).toBe(true);
          expect(() => (decider.initialState.items as unknown[]).push("x")).toThrow(TypeError);
        });
      },
    );
  });

  Rule("decideAndEvolve returns the output and the next state", ({ RuleScenario }) => {
    RuleScenario(
      "A success evolves the emitted events into the next state",
      ({ Given, When, Then, And }) => {
        let given: OrderState;
        let result: { output: OrderOutput; state: OrderState };
        Given(
          "a draft order {string} with an item {string} of quantity {int} at {int}",
          (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
            given = draftOrder(orderId, [[sku, quantity, price]]);
          },
        );
        When("the order is submitted at {int} through decideAndEvolve", (_ctx, now: number) => {
          result = decideAndEvolve(orderDecider, given, submitOrder, contextAt(now));
        });
        Then("the output is a success", () => {
          expect(result.output.status).toBe("success");
        });
        And("the next state is {string} since {int}", (_ctx, status: string, since: number) => {
          expect(result.state).toEqual({ ...given, status, submittedAt: since });
          expect(given.status).toBe("draft");
        });
      },
    );

    RuleScenario("A rejection leaves the state as it was", ({ Given, When, Then, And }) => {
      let given: OrderState;
      let result: { output: OrderOutput; state: OrderState };
      Given("a submitted order {string}", (_ctx, orderId: string) => {
        given = submittedOrder(orderId);
      });
      When("the order is submitted at {int} through decideAndEvolve", (_ctx, now: number) => {
        result = decideAndEvolve(orderDecider, given, submitOrder, contextAt(now));
      });
      Then("the output is rejected with code {string}", (_ctx, code: string) => {
        expect(isRejected(result.output) && result.output.code).toBe(code);
      });
      And("the next state is the given state object itself", () => {
        expect(result.state).toBe(given);
      });
    });

    RuleScenario("A failure evolves its audit event", ({ Given, When, Then, And }) => {
      let given: OrderState;
      let result: { output: OrderOutput; state: OrderState };
      Given(
        "a draft order {string} whose total is {int} below the safe integer limit",
        (_ctx, orderId: string, below: number) => {
          given = nearLimitOrder(orderId, below);
          expect(given.flagged).toBe(false);
        },
      );
      When(
        "an item {string} of quantity {int} at {int} is added through decideAndEvolve",
        (_ctx, sku: string, quantity: number, price: number) => {
          result = decideAndEvolve(orderDecider, given, addItem(sku, quantity, price), at);
        },
      );
      Then("the output is failed", () => {
        expect(result.output.status).toBe("failed");
      });
      And("the next state is flagged and keeps its total", () => {
        expect(result.state).toEqual({ ...given, flagged: true });
      });
    });
  });
});
