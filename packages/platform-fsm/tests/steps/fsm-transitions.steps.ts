import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  FSMDefinitionError,
  InvalidTransitionError,
  UNKNOWN_STATE,
  UnknownStateError,
  defineFSM,
  isInvalidTransitionError,
  isUnknownStateError,
  reachableStates,
  unreachableStates,
} from "../../src/index.js";
import type { FSM } from "../../src/index.js";
import {
  captureError,
  expectedError,
  featurePath,
  listFrom,
  transitionsFromTable,
} from "../support/helpers.js";
import type { TransitionTableRow } from "../support/helpers.js";

const feature = await loadFeature(featurePath("fsm-transitions.feature"));

describeFeature(feature, ({ Background, Rule, BeforeEachScenario }) => {
  let fsm: FSM<string> | undefined;
  let refusal: unknown;
  let answer: unknown;

  // The Background defines the machine before this hook runs, so only the outcomes are reset.
  BeforeEachScenario(() => {
    refusal = undefined;
    answer = undefined;
  });

  const machine = (): FSM<string> => {
    if (fsm === undefined) throw new Error("no machine was defined");
    return fsm;
  };

  const defineFromTable = (name: string, initial: string, rows: TransitionTableRow[]) => {
    fsm = defineFSM({ name, initial, transitions: transitionsFromTable(rows) });
    expect(fsm.states).toEqual(rows.map((row) => row.state));
  };

  const transitionError = (): InvalidTransitionError => {
    expect(refusal).toBeInstanceOf(InvalidTransitionError);
    return refusal as InvalidTransitionError;
  };

  const whenAsserting = (_ctx: unknown, from: string, to: string) => {
    refusal = captureError(() => machine().assertTransition(from, to));
  };
  const thenRefusedWithReason = (_ctx: unknown, code: string, reason: string) => {
    expect(transitionError().code).toBe(code);
    expect(transitionError().reason).toBe(reason);
  };
  const thenRefusedWithCode = (_ctx: unknown, code: string) => {
    expect((refusal as { code?: unknown }).code).toBe(code);
  };
  const thenRefusalRecords = (
    _ctx: unknown,
    name: string,
    from: string,
    to: string,
    allowed: string,
  ) => {
    const error = transitionError();
    expect({ fsm: error.fsm, from: error.from, to: error.to, allowed: error.allowed }).toEqual({
      fsm: name,
      from,
      to,
      allowed: listFrom(allowed),
    });
  };
  const thenRefusalMessage = (_ctx: unknown, message: string) => {
    expect(expectedError(refusal).message).toBe(message);
  };

  Background(({ Given }) => {
    Given("the order status machine:", (_ctx, rows: TransitionTableRow[]) => {
      defineFromTable("orderStatus", "draft", rows);
    });
  });

  Rule("Only the listed transitions are allowed", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline("canTransition answers from the table", ({ When, Then }, variables) => {
      When("asking whether <from> can move to <to>", () => {
        answer = machine().canTransition(variables.from, variables.to);
        expect(typeof answer).toBe("boolean");
      });
      Then("the answer is <allowed>", () => {
        expect(answer).toBe(variables.allowed === "true");
      });
    });

    RuleScenario("transition returns the target of an allowed transition", ({ When, Then }) => {
      When(
        "the order moves from {string} to {string} with transition",
        (_ctx, from: string, to: string) => {
          refusal = captureError(() => {
            answer = machine().transition(from, to);
          });
          expect(refusal).toBeUndefined();
        },
      );
      Then("the new state is {string}", (_ctx, state: string) => {
        expect(answer).toBe(state);
      });
    });

    RuleScenario("A state may list itself to allow staying put", ({ Given, Then, And }) => {
      Given(
        "a machine named {string} starting at {string} with these transitions:",
        (_ctx, name: string, initial: string, rows: TransitionTableRow[]) => {
          defineFromTable(name, initial, rows);
        },
      );
      Then("{string} can move to {string}", (_ctx, from: string, to: string) => {
        expect(machine().canTransition(from, to)).toBe(true);
        expect(machine().transition(from, to)).toBe(to);
      });
      And("{string} cannot move to {string}", (_ctx, from: string, to: string) => {
        expect(machine().canTransition(from, to)).toBe(false);
      });
    });
  });

  Rule(
    "A refused transition names the state, the target and the allowed targets",
    ({ RuleScenario }) => {
      RuleScenario(
        "assertTransition refuses a transition that is not listed",
        ({ When, Then, And }) => {
          When("asserting the transition from {string} to {string}", whenAsserting);
          Then("it is refused with code {string} and reason {string}", thenRefusedWithReason);
          And(
            "the refusal records fsm {string}, from {string}, to {string} and allowed {string}",
            thenRefusalRecords,
          );
          And("the refusal message is:", thenRefusalMessage);
        },
      );

      RuleScenario(
        "transition throws the same error as assertTransition",
        ({ When, Then, And }) => {
          When(
            "the order moves from {string} to {string} with transition",
            (_ctx, from: string, to: string) => {
              refusal = captureError(() => {
                answer = machine().transition(from, to);
              });
              expect(answer).toBeUndefined();
            },
          );
          Then("it is refused with code {string} and reason {string}", thenRefusedWithReason);
          And("the refusal message is:", thenRefusalMessage);
        },
      );

      RuleScenario("An allowed transition passes assertTransition", ({ When, Then }) => {
        When("asserting the transition from {string} to {string}", whenAsserting);
        Then("nothing is refused", () => {
          expect(refusal).toBeUndefined();
        });
      });

      RuleScenario(
        "The guard recognises transition errors and nothing else",
        ({ When, Then, And }) => {
          When("asserting the transition from {string} to {string}", whenAsserting);
          Then("isInvalidTransitionError holds for the refusal", () => {
            expect(isInvalidTransitionError(refusal)).toBe(true);
          });
          And(
            "isInvalidTransitionError does not hold for a plain Error or an FSMDefinitionError",
            () => {
              expect(isInvalidTransitionError(new Error("INVALID_TRANSITION"))).toBe(false);
              expect(isInvalidTransitionError(new FSMDefinitionError("x", ["p"]))).toBe(false);
              expect(isInvalidTransitionError({ code: "INVALID_TRANSITION" })).toBe(false);
            },
          );
        },
      );
    },
  );

  Rule("Terminal states allow no transitions", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline("Terminal states are those with no targets", ({ Then }, variables) => {
      Then("isTerminal of <state> is <terminal>", () => {
        expect(machine().isTerminal(variables.state)).toBe(variables.terminal === "true");
      });
    });

    RuleScenario("Leaving a terminal state is refused as terminal", ({ When, Then, And }) => {
      When("asserting the transition from {string} to {string}", whenAsserting);
      Then("it is refused with code {string} and reason {string}", thenRefusedWithReason);
      And(
        "the refusal records fsm {string}, from {string}, to {string} and allowed {string}",
        thenRefusalRecords,
      );
      And("the refusal message is:", thenRefusalMessage);
    });
  });

  Rule(
    "Unknown states are refused with the list of known states",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("An unknown current state is refused", ({ When, Then, And }) => {
        When("asserting the transition from {string} to {string}", whenAsserting);
        Then("it is refused with code {string} and reason {string}", thenRefusedWithReason);
        And("the refusal message is:", thenRefusalMessage);
      });

      RuleScenario("An unknown target state is refused", ({ When, Then, And }) => {
        When("asserting the transition from {string} to {string}", whenAsserting);
        Then("it is refused with code {string} and reason {string}", thenRefusedWithReason);
        And(
          "the refusal records fsm {string}, from {string}, to {string} and allowed {string}",
          thenRefusalRecords,
        );
        And("the refusal message is:", thenRefusalMessage);
      });

      RuleScenario(
        "A non-string state read from storage is refused with its type",
        ({ When, Then, And }) => {
          When(
            "asserting the transition from {string} to the number {int}",
            (_ctx, from: string, to: number) => {
              refusal = captureError(() =>
                machine().assertTransition(from, to as unknown as string),
              );
            },
          );
          Then("it is refused with code {string} and reason {string}", thenRefusedWithReason);
          And("the refusal message is:", thenRefusalMessage);
        },
      );

      RuleScenario(
        "Asking for the targets of an unknown state is refused",
        ({ When, Then, And }) => {
          When("asking for the valid transitions from {string}", (_ctx, state: string) => {
            refusal = captureError(() => machine().validTransitions(state));
          });
          Then("it is refused with code {string}", thenRefusedWithCode);
          And("isUnknownStateError holds for the refusal", () => {
            expect(isUnknownStateError(refusal)).toBe(true);
            expect(refusal).toBeInstanceOf(UnknownStateError);
            expect((refusal as UnknownStateError).code).toBe(UNKNOWN_STATE);
            expect(isInvalidTransitionError(refusal)).toBe(false);
          });
          And("the refusal message is:", thenRefusalMessage);
        },
      );

      RuleScenarioOutline("isValidState narrows untrusted values", ({ Then }, variables) => {
        Then("isValidState of the JSON value <value> is <valid>", () => {
          const value: unknown = JSON.parse(variables.value);
          expect(machine().isValidState(value)).toBe(variables.valid === "true");
        });
      });
    },
  );

  Rule("validTransitions lists the targets in definition order", ({ RuleScenarioOutline }) => {
    RuleScenarioOutline("The targets of each state", ({ Then }, variables) => {
      Then('the valid transitions from <state> are "<targets>"', () => {
        expect(machine().validTransitions(variables.state)).toEqual(listFrom(variables.targets));
      });
    });
  });

  Rule(
    "reachableStates walks the machine breadth-first",
    ({ RuleScenario, RuleScenarioOutline }) => {
      const thenReachableFromInitial = (_ctx: unknown, states: string) => {
        expect(reachableStates(machine())).toEqual(listFrom(states));
      };

      RuleScenario("Every state is reachable from the initial state", ({ Then, And }) => {
        Then("the states reachable from the initial state are {string}", thenReachableFromInitial);
        And("no state is unreachable", () => {
          expect(unreachableStates(machine())).toEqual([]);
        });
      });

      RuleScenarioOutline("Reachable states from a given state", ({ Then }, variables) => {
        Then('the states reachable from <from> are "<reachable>"', () => {
          expect(reachableStates(machine(), variables.from)).toEqual(listFrom(variables.reachable));
        });
      });

      RuleScenario(
        "A state that no path reaches is reported as unreachable",
        ({ Given, Then, And }) => {
          Given(
            "a machine named {string} starting at {string} with these transitions:",
            (_ctx, name: string, initial: string, rows: TransitionTableRow[]) => {
              defineFromTable(name, initial, rows);
            },
          );
          Then(
            "the states reachable from the initial state are {string}",
            thenReachableFromInitial,
          );
          And("the unreachable states are {string}", (_ctx, states: string) => {
            expect(unreachableStates(machine())).toEqual(listFrom(states));
          });
        },
      );

      RuleScenario("A cycle is walked once", ({ Given, Then, And }) => {
        Given(
          "a machine named {string} starting at {string} with these transitions:",
          (_ctx, name: string, initial: string, rows: TransitionTableRow[]) => {
            defineFromTable(name, initial, rows);
          },
        );
        Then("the states reachable from the initial state are {string}", thenReachableFromInitial);
        And("the unreachable states are {string}", (_ctx, states: string) => {
          expect(unreachableStates(machine())).toEqual(listFrom(states));
        });
      });

      RuleScenario("Reachability from an unknown state is refused", ({ When, Then }) => {
        When("asking for the states reachable from {string}", (_ctx, state: string) => {
          refusal = captureError(() => reachableStates(machine(), state));
        });
        Then("it is refused with code {string}", thenRefusedWithCode);
      });
    },
  );
});
