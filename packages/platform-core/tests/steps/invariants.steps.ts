import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { defineDecider, success } from "@convex-es/platform-decider";
import type { Command, DeciderOutput, DeciderRejected, Event } from "@convex-es/platform-decider";
import { deciderSpec } from "@convex-es/platform-decider/testing";
import { expect, expectTypeOf } from "vitest";
import {
  defineInvariant,
  defineInvariantSet,
  invariantsToRejection,
  isInvariantViolationError,
} from "../../src/index.js";
import type {
  AnyInvariant,
  InvariantCodeOf,
  InvariantStateOf,
  InvariantViolation,
  InvariantViolationError,
} from "../../src/index.js";
import {
  captureError,
  featurePath,
  listFrom,
  onlyProblem,
  problemLines,
  world,
} from "../support/helpers.js";
import { evaluated, order, orderIsDraft, orderRules } from "../support/orders.js";
import type { OrderState } from "../support/orders.js";

const feature = await loadFeature(featurePath("invariants.feature"));

type Submit = Command<"SubmitOrder", Record<string, never>>;
type Submitted = Event<"OrderSubmitted", { orderId: string }>;

// A decider that answers with the first broken rule, as a decider of the example app would.
const submitDecider = defineDecider<OrderState, Submit, Submitted>({
  initialState: order("none", "draft", 0, 0),
  decide: (state): DeciderOutput<Submitted> => {
    const violation = orderRules.firstViolation(state);
    if (violation) return invariantsToRejection(violation);
    return success({ type: "OrderSubmitted", data: { orderId: state.orderId } });
  },
  evolve: (state) => ({ ...state, status: "submitted" }),
});

const validInput = {
  name: "orderHasItems",
  code: "ORDER_EMPTY",
  check: (o: OrderState) => o.items.length > 0,
  message: (o: OrderState) => `Order ${o.orderId} has no items`,
};

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    order: undefined as OrderState | undefined,
    violations: [] as readonly InvariantViolation[],
    first: undefined as InvariantViolation | undefined,
    rejection: undefined as DeciderRejected | undefined,
    refusal: undefined as unknown,
    run: undefined as (() => unknown) | undefined,
  }));
  BeforeEachScenario(() => {
    state.reset();
    evaluated.length = 0;
  });
  const current = () => {
    if (state.value.order === undefined) throw new Error("no order given");
    return state.value.order;
  };
  const givenOrder =
    (status: OrderState["status"]) => (_ctx: unknown, id: string, items: number, total: number) => {
      state.value.order = order(id, status, items, total);
      expect(current().items).toHaveLength(items);
    };
  const invariantNamed = (name: string) => {
    const found = orderRules.invariants.find((i) => i.name === name);
    if (found === undefined) throw new Error(`no order rule ${name}`);
    return found;
  };
  const refusedWithSingleProblem = (_ctx: unknown, problem: string) => {
    expect(onlyProblem(state.value.refusal)).toBe(problem);
  };
  const refusedWithProblems = (_ctx: unknown, problems: string) => {
    expect(problemLines(state.value.refusal)).toEqual(problems.split("\n"));
  };

  Rule("An invariant reports a typed violation when its rule does not hold", ({ RuleScenario }) => {
    RuleScenario("A rule that holds reports nothing", ({ Given, Then, And }) => {
      Given("a draft order {string} with {int} items totalling {int}", givenOrder("draft"));
      Then("the invariant {string} holds", (_ctx, name: string) => {
        expect(invariantNamed(name).check(current())).toBe(true);
      });
      And("it reports no violation and asserting it passes", () => {
        const invariant = invariantNamed("orderHasItems");
        expect(invariant.violation(current())).toBeUndefined();
        expect(() => invariant.assert(current())).not.toThrow();
      });
    });

    RuleScenario("A broken rule reports its code, message and context", ({ Given, Then, And }) => {
      Given("a draft order {string} with {int} items totalling {int}", givenOrder("draft"));
      Then(
        "the invariant {string} reports {string} with context {string}",
        (_ctx, name: string, text: string, context: string) => {
          const violation = invariantNamed(name).violation(current());
          expect(`${violation?.code}: ${violation?.message}`).toBe(text);
          expect(violation).toEqual({
            invariant: name,
            code: text.split(":")[0],
            message: violation?.message,
            context: JSON.parse(context),
          });
          expect(Object.isFrozen(violation)).toBe(true);
        },
      );
      And(
        "asserting it throws an InvariantViolationError with code {string} and message {string}",
        (_ctx, code: string, message: string) => {
          const error = captureError(() => invariantNamed("orderHasItems").assert(current()));
          expect(isInvariantViolationError(error, code)).toBe(true);
          expect(isInvariantViolationError(error, "ORDER_NOT_DRAFT")).toBe(false);
          expect((error as InvariantViolationError).code).toBe(code);
          expect((error as Error).message).toBe(message);
        },
      );
    });

    RuleScenario("A rule reads the context its caller passes", ({ Given, Then, And }) => {
      Given("a draft order {string} with {int} items totalling {int}", givenOrder("draft"));
      Then("{string} holds with a credit limit of {int}", (_ctx, name: string, limit: number) => {
        expect(invariantNamed(name).check(current(), { creditLimit: limit })).toBe(true);
        expect(invariantNamed(name).check(current())).toBe(true);
      });
      And(
        "{string} is violated with a credit limit of {int}, saying {string}",
        (_ctx, name: string, limit: number, message: string) => {
          const violation = invariantNamed(name).violation(current(), { creditLimit: limit });
          expect(violation?.message).toBe(message);
          expect(violation?.code).toBe("CREDIT_LIMIT_EXCEEDED");
          expect(violation).not.toHaveProperty("context");
        },
      );
    });
  });

  Rule("A set checks every rule, or stops at the first broken one", ({ RuleScenario }) => {
    RuleScenario(
      "checkAll collects every violation in the set's order",
      ({ Given, When, Then, And }) => {
        Given(
          "a submitted order {string} with {int} items totalling {int}",
          givenOrder("submitted"),
        );
        When("all order rules are checked with a credit limit of {int}", (_ctx, limit: number) => {
          state.value.violations = orderRules.checkAll(current(), { creditLimit: limit });
        });
        Then("the violation codes are {string}", (_ctx, codes: string) => {
          expect(state.value.violations.map((v) => v.code)).toEqual(listFrom(codes));
          expect(evaluated).toEqual(["orderIsDraft", "orderHasItems", "totalWithinCreditLimit"]);
        });
        And(
          "the set reports the names {string} and the codes {string}",
          (_ctx, names: string, codes: string) => {
            expect(orderRules.names).toEqual(listFrom(names));
            expect(orderRules.codes).toEqual(listFrom(codes));
            expect(Object.isFrozen(orderRules)).toBe(true);
            expectTypeOf<InvariantCodeOf<typeof orderRules>>().toEqualTypeOf<
              "ORDER_NOT_DRAFT" | "ORDER_EMPTY" | "CREDIT_LIMIT_EXCEEDED"
            >();
            expectTypeOf<InvariantStateOf<typeof orderIsDraft>>().toEqualTypeOf<OrderState>();
            expect(orderRules.invariants[0]).toBe(orderIsDraft);
          },
        );
      },
    );

    RuleScenario("firstViolation stops at the first broken rule", ({ Given, When, Then }) => {
      Given("a submitted order {string} with {int} items totalling {int}", givenOrder("submitted"));
      When("the first violation is asked for", () => {
        state.value.first = orderRules.firstViolation(current());
      });
      Then(
        "it is {string} and only {string} was evaluated",
        (_ctx, code: string, names: string) => {
          expect(state.value.first?.code).toBe(code);
          expect(evaluated).toEqual(listFrom(names));
        },
      );
    });

    RuleScenario("A state that keeps every rule has no violation", ({ Given, When, Then }) => {
      Given("a draft order {string} with {int} items totalling {int}", givenOrder("draft"));
      When("all order rules are checked with a credit limit of {int}", (_ctx, limit: number) => {
        state.value.violations = orderRules.checkAll(current(), { creditLimit: limit });
      });
      Then("there is no violation, no first violation, and assertAll passes", () => {
        expect(state.value.violations).toEqual([]);
        expect(orderRules.firstViolation(current(), { creditLimit: 500 })).toBeUndefined();
        expect(() => orderRules.assertAll(current(), { creditLimit: 500 })).not.toThrow();
      });
    });

    RuleScenario("assertAll throws every violation at once", ({ Given, When, Then, And }) => {
      Given("a submitted order {string} with {int} items totalling {int}", givenOrder("submitted"));
      When("assertAll runs", () => {
        state.value.refusal = captureError(() => orderRules.assertAll(current()));
      });
      Then(
        "it throws an InvariantViolationError with code {string} listing {string}",
        (_ctx, code: string, codes: string) => {
          expect(isInvariantViolationError(state.value.refusal, "ORDER_EMPTY")).toBe(true);
          const error = state.value.refusal as InvariantViolationError;
          expect(error.code).toBe(code);
          expect(error.violations.map((v) => v.code)).toEqual(listFrom(codes));
        },
      );
      And("its message starts with {string}", (_ctx, start: string) => {
        const message = (state.value.refusal as Error).message;
        expect(message.startsWith(start)).toBe(true);
        expect(message.split("\n")).toEqual([
          start,
          '  - ORDER_NOT_DRAFT: Order o-4 is submitted, not a draft (invariant "orderIsDraft")',
          '  - ORDER_EMPTY: Order o-4 has no items (invariant "orderHasItems")',
        ]);
      });
    });
  });

  Rule("A violation becomes the decider's rejection", ({ RuleScenario }) => {
    RuleScenario(
      "A decider answers with the first violation, exactly as rejected() would",
      ({ Given, When, Then }) => {
        Given(
          "a submitted order {string} with {int} items totalling {int}",
          givenOrder("submitted"),
        );
        When("the submit decider decides on it", () => {
          state.value.run = () =>
            deciderSpec(submitDecider)
              .givenState(current())
              .when({ type: "SubmitOrder", data: {} });
        });
        Then(
          "the decider rejects with {string}, message {string} and context {string}",
          (_ctx, code: string, message: string, context: string) => {
            const result = state.value.run!() as ReturnType<
              ReturnType<ReturnType<typeof deciderSpec>["givenState"]>["when"]
            >;
            result.thenRejected(code, { message, context: JSON.parse(context) });
            expect(result.output).toEqual({
              status: "rejected",
              code,
              message,
              context: JSON.parse(context),
            });
          },
        );
      },
    );

    RuleScenario(
      "Several violations keep every message and every violation",
      ({ Given, When, Then, And }) => {
        Given(
          "a submitted order {string} with {int} items totalling {int}",
          givenOrder("submitted"),
        );
        When("all order rules are checked and turned into a rejection", () => {
          state.value.rejection = invariantsToRejection(orderRules.checkAll(current()));
        });
        Then(
          "the rejection has code {string} and message {string}",
          (_ctx, code: string, message: string) => {
            expect(state.value.rejection?.status).toBe("rejected");
            expect(state.value.rejection?.code).toBe(code);
            expect(state.value.rejection?.message).toBe(message);
          },
        );
        And(
          "its context lists the violated invariants {string} after the first one's context",
          (_ctx, names: string) => {
            const context = state.value.rejection?.context as Record<string, unknown>;
            expect(context.orderId).toBe("o-5");
            expect(context.status).toBe("submitted");
            const violations = context.violations as InvariantViolation[];
            expect(violations.map((v) => v.invariant)).toEqual(listFrom(names));
            expect(violations[1]).toEqual({
              invariant: "orderHasItems",
              code: "ORDER_EMPTY",
              message: "Order o-5 has no items",
              context: { orderId: "o-5" },
            });
          },
        );
      },
    );

    RuleScenario(
      "Turning no violation into a rejection is a programming error",
      ({ When, Then }) => {
        When("an empty list of violations is turned into a rejection", () => {
          state.value.refusal = captureError(() => invariantsToRejection([]));
        });
        Then("it is refused with the single problem {string}", refusedWithSingleProblem);
      },
    );
  });

  Rule("Definitions are checked when they are made", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "A malformed invariant is refused with what was expected",
      ({ When, Then }, variables) => {
        When("an invariant is defined with <field> set to <value>", () => {
          const value: unknown =
            variables.value === "nothing" ? undefined : JSON.parse(variables.value!);
          const input = { ...validInput, [variables.field!]: value };
          state.value.refusal = captureError(() =>
            defineInvariant(input as unknown as typeof validInput),
          );
        });
        Then("it is refused with the single problem '<problem>'", () =>
          refusedWithSingleProblem(undefined, variables.problem!),
        );
      },
    );

    RuleScenario("Every problem of a definition is reported at once", ({ When, Then }) => {
      When("an invariant is defined with a lower-case code and no message", () => {
        const { message: _message, ...withoutMessage } = validInput;
        state.value.refusal = captureError(() =>
          defineInvariant({
            ...withoutMessage,
            code: "order-empty",
          } as unknown as typeof validInput),
        );
      });
      Then("it is refused with the problems:", refusedWithProblems);
    });

    RuleScenario(
      "A set refuses a repeated name and entries that are not invariants",
      ({ When, Then }) => {
        When(
          'a set is built from "orderIsDraft", "orderHasItems", "orderIsDraft" and a plain object',
          () => {
            const [draft, items] = orderRules.invariants as [AnyInvariant, AnyInvariant];
            state.value.refusal = captureError(() =>
              defineInvariantSet([
                draft,
                items,
                draft,
                { name: "fake" } as unknown as AnyInvariant,
              ]),
            );
          },
        );
        Then("it is refused with the problems:", refusedWithProblems);
      },
    );

    RuleScenario(
      "A check that answers something other than a boolean is refused when it runs",
      ({ Given, When, Then }) => {
        Given("an invariant whose check returns the number 1", () => {
          const sloppy = defineInvariant({
            name: "sloppyRule",
            code: "SLOPPY",
            check: () => 1 as unknown as boolean,
            message: () => "never shown",
          });
          expect(sloppy.code).toBe("SLOPPY");
          state.value.run = () => sloppy.check(order("o-1", "draft", 0, 0));
        });
        When("it is checked", () => {
          state.value.refusal = captureError(() => state.value.run!());
        });
        Then("it is refused with the single problem {string}", refusedWithSingleProblem);
      },
    );
  });
});
