import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import type { DeciderOutput } from "../../src/index.js";
import {
  failed,
  isDeciderError,
  isFailed,
  isRejected,
  isSuccess,
  matchOutput,
  rejected,
  success,
} from "../../src/index.js";
import type {
  ItemAdded,
  OrderOutput,
  OrderState,
  OrderSubmitted,
} from "../fixtures/orderDecider.js";
import { orderDecider } from "../fixtures/orderDecider.js";
import {
  addItem,
  asOutcomeKind,
  contextAt,
  draftOrder,
  itemAdded,
  nearLimitOrder,
  orderSubmitted,
  sampleOutput,
  submitOrder,
  submittedOrder,
} from "../fixtures/orders.js";
import { featurePath, thrownBy } from "../fixtures/support.js";

const feature = await loadFeature(featurePath("decider-outputs.feature", import.meta.url));

const at = contextAt(1_700_000_000_000);

function expectDeciderError(error: unknown, code: string): void {
  expect(isDeciderError(error), `expected a DeciderError, got ${String(error)}`).toBe(true);
  expect((error as { code?: unknown }).code).toBe(code);
}

describeFeature(feature, ({ Rule }) => {
  Rule("DeciderOutput encodes three outcomes", ({ RuleScenario }) => {
    RuleScenario(
      "A valid command succeeds with events, data for the caller and a state update",
      ({ Given, When, Then, And }) => {
        let state: OrderState;
        let output: OrderOutput;
        Given(
          "a draft order {string} with an item {string} of quantity {int} at {int}",
          (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
            state = draftOrder(orderId, [[sku, quantity, price]]);
          },
        );
        When("the order is submitted at {int}", (_ctx, now: number) => {
          output = orderDecider.decide(state, submitOrder, contextAt(now));
        });
        Then("the output is a success with the event types {string}", (_ctx, types: string) => {
          expect(output.status).toBe("success");
          if (!isSuccess(output)) return;
          expect(output.events.map((event) => event.type)).toEqual(types.split(", "));
        });
        And(
          "the OrderSubmitted event carries total {int}, item count {int} and time {int}",
          (_ctx, total: number, itemCount: number, submittedAt: number) => {
            if (!isSuccess(output)) throw new Error("expected a success");
            expect(output.events[0]).toEqual(
              orderSubmitted("ord-1", total, itemCount, submittedAt),
            );
          },
        );
        And(
          "the data returned to the caller is order {string} with total {int}",
          (_ctx, orderId: string, total: number) => {
            if (!isSuccess(output)) throw new Error("expected a success");
            expect(output.data).toEqual({ orderId, total });
          },
        );
        And(
          "the state update sets the status to {string} with total {int}",
          (_ctx, status: string, total: number) => {
            if (!isSuccess(output)) throw new Error("expected a success");
            expect(output.stateUpdate).toEqual({ status, total });
          },
        );
      },
    );

    RuleScenario(
      "A business rule violation is rejected with a code, a message and no event",
      ({ Given, When, Then, And }) => {
        let state: OrderState;
        let output: OrderOutput;
        Given("a submitted order {string}", (_ctx, orderId: string) => {
          state = submittedOrder(orderId);
        });
        When(
          "an item {string} of quantity {int} at {int} is added",
          (_ctx, sku: string, quantity: number, price: number) => {
            output = orderDecider.decide(state, addItem(sku, quantity, price), at);
          },
        );
        Then("the output is rejected with code {string}", (_ctx, code: string) => {
          expect(output.status).toBe("rejected");
          expect(isRejected(output) && output.code).toBe(code);
        });
        And("the rejection message is {string}", (_ctx, message: string) => {
          expect(isRejected(output) && output.message).toBe(message);
        });
        And(
          "the rejection context names order {string} in status {string}",
          (_ctx, orderId: string, status: string) => {
            expect(isRejected(output) && output.context).toEqual({ orderId, status });
          },
        );
        And("the rejection carries no events", () => {
          expect(output).not.toHaveProperty("events");
          expect(output).not.toHaveProperty("event");
          expect(Object.keys(output).sort()).toEqual(["code", "context", "message", "status"]);
        });
      },
    );

    RuleScenario(
      "An unexpected failure keeps its reason, its context and an audit event",
      ({ Given, When, Then, And }) => {
        let state: OrderState;
        let output: OrderOutput;
        Given(
          "a draft order {string} whose total is {int} below the safe integer limit",
          (_ctx, orderId: string, below: number) => {
            state = nearLimitOrder(orderId, below);
          },
        );
        When(
          "an item {string} of quantity {int} at {int} is added",
          (_ctx, sku: string, quantity: number, price: number) => {
            output = orderDecider.decide(state, addItem(sku, quantity, price), at);
          },
        );
        Then("the output is failed with reason {string}", (_ctx, reason: string) => {
          expect(output.status).toBe("failed");
          expect(isFailed(output) && output.reason).toBe(reason);
        });
        And(
          "the failure carries the audit event {string} with attempted line total {int}",
          (_ctx, type: string, lineTotal: number) => {
            if (!isFailed(output)) throw new Error("expected a failure");
            expect(output.event?.type).toBe(type);
            expect(output.event?.data).toMatchObject({ attemptedLineTotal: lineTotal });
          },
        );
        And(
          "the failure context preserves the attempted line total {int} and the order {string}",
          (_ctx, lineTotal: number, orderId: string) => {
            if (!isFailed(output)) throw new Error("expected a failure");
            expect(output.context).toEqual({
              orderId,
              total: state.total,
              attemptedLineTotal: lineTotal,
            });
          },
        );
      },
    );
  });

  Rule(
    "Constructors refuse outputs that cannot be represented",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("success refuses an empty list of events", ({ When, Then, And }) => {
        let error: unknown;
        When("success is called with an empty list of events", () => {
          error = thrownBy(() => success([]));
        });
        Then("it throws a DeciderError with code {string}", (_ctx, code: string) => {
          expectDeciderError(error, code);
        });
        And("the error message says {string}", (_ctx, text: string) => {
          expect((error as Error).message).toContain(text);
        });
      });

      RuleScenario("success takes a single event or a non-empty list", ({ Given, Then, And }) => {
        let added: ItemAdded;
        let submitted: OrderSubmitted;
        Given("an ItemAdded event and an OrderSubmitted event", () => {
          added = itemAdded("ord-1", "sku-1", 1, 200);
          submitted = orderSubmitted("ord-1", 200, 1, 5);
        });
        Then("success with the ItemAdded event alone holds exactly that 1 event", () => {
          const output = success(added);
          expect(output.events).toHaveLength(1);
          expect(output.events[0]).toBe(added);
        });
        And("success with both events holds 2 events in the order given", () => {
          const output = success([added, submitted]);
          expect(output.events).toEqual([added, submitted]);
          expect(output.events[1]).toBe(submitted);
        });
      });

      RuleScenarioOutline(
        "rejected accepts only SCREAMING_SNAKE codes",
        ({ When, Then }, variables) => {
          let outcome: () => unknown;
          When('rejected is called with the code "<code>"', () => {
            const code = String(variables.code);
            outcome = () => rejected(code, "A rule said no");
          });
          Then("the code is <verdict>", () => {
            if (variables.verdict === "accepted") {
              expect(outcome()).toEqual({
                status: "rejected",
                code: variables.code,
                message: "A rule said no",
              });
            } else {
              expect(variables.verdict).toBe("refused");
              expectDeciderError(thrownBy(outcome), "INVALID_REJECTION_CODE");
            }
          });
        },
      );

      RuleScenario("A refused rejection code comes with a suggestion", ({ When, Then, And }) => {
        let error: unknown;
        When("rejected is called with the code {string}", (_ctx, code: string) => {
          error = thrownBy(() => rejected(code, "A rule said no"));
        });
        Then("it throws a DeciderError with code {string}", (_ctx, code: string) => {
          expectDeciderError(error, code);
        });
        And("the error message suggests {string}", (_ctx, code: string) => {
          expect((error as Error).message).toContain(`for example "${code}"`);
        });
      });

      RuleScenario("Outputs are frozen", ({ Given, Then, And }) => {
        let outputs: DeciderOutput<ItemAdded>[];
        let contexts: Record<string, unknown>[];
        Given("a success, a rejection with context and a failure with context", () => {
          contexts = [{ status: "submitted" }, { sku: "sku-1" }];
          outputs = [
            success(itemAdded("ord-1", "sku-1", 1, 200)),
            rejected("ORDER_NOT_DRAFT", "Not a draft", contexts[0]),
            failed("Price list missing", { context: contexts[1] }),
          ];
        });
        Then("each output is frozen", () => {
          expect(outputs.map((output) => Object.isFrozen(output))).toEqual([true, true, true]);
          expect(() => {
            (outputs[0] as { status: string }).status = "rejected";
          }).toThrow(TypeError);
        });
        And("the events of the success cannot be pushed to", () => {
          const events = (outputs[0] as unknown as { events: ItemAdded[] }).events;
          expect(() => events.push(itemAdded("ord-1", "sku-2", 1, 1))).toThrow(TypeError);
          expect(events).toHaveLength(1);
        });
        And("the contexts of the rejection and the failure are frozen copies", () => {
          const [, rejection, failure] = outputs;
          const frozen = [rejection, failure].map(
            (output) => (output as { context: object }).context,
          );
          expect(frozen.map((context) => Object.isFrozen(context))).toEqual([true, true]);
          expect(frozen).toEqual(contexts);
          expect(frozen[0]).not.toBe(contexts[0]);
        });
      });
    },
  );

  Rule("Type guards are mutually exclusive", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "Exactly one guard holds for each outcome",
      ({ Given, Then }, variables) => {
        let output: OrderOutput;
        Given("an output of the order decider that is <kind>", () => {
          output = sampleOutput(asOutcomeKind(variables.kind));
          expect(output.status).toBe(variables.kind);
        });
        Then(
          "isSuccess is <isSuccess>, isRejected is <isRejected> and isFailed is <isFailed>",
          () => {
            expect([isSuccess(output), isRejected(output), isFailed(output)]).toEqual([
              variables.isSuccess === "true",
              variables.isRejected === "true",
              variables.isFailed === "true",
            ]);
          },
        );
      },
    );

    RuleScenario(
      "A guard narrows the output to the fields of its outcome",
      ({ Given, Then, And }) => {
        let output: OrderOutput;
        Given("an output of the order decider that is rejected", () => {
          output = sampleOutput("rejected");
        });
        Then("after isRejected its code reads {string}", (_ctx, code: string) => {
          // Each branch reads a field that exists only on the narrowed outcome.
          expect(isRejected(output) ? output.code : undefined).toBe(code);
        });
        And(
          "after isSuccess on a success its first event type reads {string}",
          (_ctx, type: string) => {
            const success = sampleOutput("success");
            expect(isSuccess(success) ? success.events[0].type : undefined).toBe(type);
          },
        );
        And("after isFailed on a failure its reason reads {string}", (_ctx, reason: string) => {
          const failure = sampleOutput("failed");
          expect(isFailed(failure) ? failure.reason : undefined).toBe(reason);
        });
      },
    );
  });

  Rule("matchOutput folds every outcome exhaustively", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "matchOutput calls only the handler for the outcome",
      ({ Given, When, Then, And }, variables) => {
        let output: OrderOutput;
        let ran: string[];
        let result: string;
        Given("an output of the order decider that is <kind>", () => {
          output = sampleOutput(asOutcomeKind(variables.kind));
        });
        When("it is matched with one handler per outcome", () => {
          ran = [];
          result = matchOutput(output, {
            success: (s) => {
              ran.push("success");
              return `events:${s.events.map((event) => event.type).join(",")}`;
            },
            rejected: (r) => {
              ran.push("rejected");
              return `rejected:${r.code}`;
            },
            failed: (f) => {
              ran.push("failed");
              return `failed:${f.reason}`;
            },
          });
        });
        Then("only the <kind> handler ran", () => {
          expect(ran).toEqual([variables.kind]);
        });
        And('the match result is "<result>"', () => {
          expect(result).toBe(variables.result);
        });
      },
    );

    RuleScenario("matchOutput refuses a value with an unknown status", ({ When, Then, And }) => {
      let error: unknown;
      When("a value with the status {string} is matched", (_ctx, status: string) => {
        const bogus = { status } as unknown as OrderOutput;
        error = thrownBy(() =>
          matchOutput(bogus, { success: () => 1, rejected: () => 2, failed: () => 3 }),
        );
      });
      Then("it throws a DeciderError with code {string}", (_ctx, code: string) => {
        expectDeciderError(error, code);
      });
      And("the error message says {string}", (_ctx, text: string) => {
        expect((error as Error).message).toContain(text);
      });
    });
  });
});

// Compile-time checks: matchOutput needs all three handlers. Never called.
export function _matchOutputIsExhaustive(output: OrderOutput): void {
  // @ts-expect-error the failed handler is missing
  matchOutput(output, { success: () => 1, rejected: () => 2 });
}
