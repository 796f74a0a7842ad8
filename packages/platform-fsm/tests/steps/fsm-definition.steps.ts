import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, expectTypeOf } from "vitest";
import {
  FSMDefinitionError,
  InvalidTransitionError,
  defineFSM,
  isFSMDefinitionError,
} from "../../src/index.js";
import type { FSM, FSMDefinition, StateOf } from "../../src/index.js";
import {
  captureError,
  expectedError,
  featurePath,
  listFrom,
  transitionsFromTable,
  trimLines,
} from "../support/helpers.js";
import type { TransitionTableRow } from "../support/helpers.js";

const feature = await loadFeature(featurePath("fsm-definition.feature"));

const defineOrderStatusInline = () =>
  defineFSM({
    name: "orderStatus",
    initial: "draft",
    transitions: {
      draft: ["submitted", "cancelled"],
      submitted: ["confirmed", "cancelled"],
      confirmed: [],
      cancelled: [],
    },
  });

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let definition: unknown;
  let fsm: FSM<string> | undefined;
  let refusal: unknown;

  BeforeEachScenario(() => {
    definition = undefined;
    fsm = undefined;
    refusal = undefined;
  });

  const defineMachine = () => {
    refusal = captureError(() => {
      fsm = defineFSM(definition as FSMDefinition<string>);
    });
  };

  const machine = (): FSM<string> => {
    if (fsm === undefined) throw new Error(`the machine was not defined: ${String(refusal)}`);
    return fsm;
  };

  const definitionError = (): FSMDefinitionError => {
    expect(refusal).toBeInstanceOf(FSMDefinitionError);
    return refusal as FSMDefinitionError;
  };

  const givenNamedTable = (
    _ctx: unknown,
    name: string,
    initial: string,
    rows: TransitionTableRow[],
  ) => {
    definition = { name, initial, transitions: transitionsFromTable(rows) };
    expect(rows.length).toBeGreaterThan(0);
  };

  Rule("The states are the keys of the transition table", ({ RuleScenario }) => {
    RuleScenario(
      "States, initial state and name come from the definition",
      ({ Given, When, Then, And }) => {
        Given(
          "a definition named {string} starting at {string} with these transitions:",
          givenNamedTable,
        );
        When("the machine is defined", () => {
          defineMachine();
          expect(refusal).toBeUndefined();
        });
        Then("the machine's states are {string}", (_ctx, states: string) => {
          expect(machine().states).toEqual(listFrom(states));
        });
        And("the machine's initial state is {string}", (_ctx, initial: string) => {
          expect(machine().initial).toBe(initial);
        });
        And("the machine's name is {string}", (_ctx, name: string) => {
          expect(machine().name).toBe(name);
        });
      },
    );

    RuleScenario(
      "The state union is inferred from the keys at compile time",
      ({ When, Then, And }) => {
        let inline: ReturnType<typeof defineOrderStatusInline> | undefined;
        When("the order status machine is defined inline in TypeScript", () => {
          inline = defineOrderStatusInline();
          expect(inline.initial).toBe("draft");
        });
        Then('its state type is exactly "draft" | "submitted" | "confirmed" | "cancelled"', () => {
          const expected = ["draft", "submitted", "confirmed", "cancelled"] as const;
          // Checked by `tsc --noEmit` over the tests; the run-time half checks the same states.
          expectTypeOf<StateOf<ReturnType<typeof defineOrderStatusInline>>>().toEqualTypeOf<
            (typeof expected)[number]
          >();
          expect(inline?.states).toEqual(expected);
        });
        And("a target that is not a key is a compile error and is refused at run time", () => {
          const typo = captureError(() =>
            defineFSM({
              initial: "draft",
              // @ts-expect-error "shiped" is not one of the keys
              transitions: { draft: ["shiped"], shipped: [] },
            }),
          );
          const badInitial = captureError(() =>
            defineFSM({
              // @ts-expect-error "new" is not one of the keys
              initial: "new",
              transitions: { draft: [] },
            }),
          );
          expect(isFSMDefinitionError(typo)).toBe(true);
          expect(isFSMDefinitionError(badInitial)).toBe(true);
        });
      },
    );

    RuleScenario(
      'A machine without a name is called "fsm" in messages',
      ({ Given, When, Then, And }) => {
        Given(
          "a definition without a name starting at {string} with these transitions:",
          (_ctx, initial: string, rows: TransitionTableRow[]) => {
            definition = { initial, transitions: transitionsFromTable(rows) };
            expect(definition).not.toHaveProperty("name");
          },
        );
        When("the machine is defined", () => {
          defineMachine();
          expect(refusal).toBeUndefined();
        });
        Then("the machine's name is {string}", (_ctx, name: string) => {
          expect(machine().name).toBe(name);
        });
        And(
          "the refusal of {string} to {string} starts with {string}",
          (_ctx, from: string, to: string, prefix: string) => {
            const error = expectedError(captureError(() => machine().assertTransition(from, to)));
            expect(error.message.startsWith(prefix)).toBe(true);
          },
        );
      },
    );

    RuleScenario(
      "The machine is frozen and does not follow later edits of its definition",
      ({ Given, When, Then, And }) => {
        Given(
          "a definition named {string} starting at {string} with these transitions:",
          givenNamedTable,
        );
        When("the machine is defined", () => {
          defineMachine();
          expect(refusal).toBeUndefined();
        });
        And(
          "the definition's targets of {string} are edited to add {string}",
          (_ctx, state: string, target: string) => {
            const transitions = (definition as { transitions: Record<string, string[]> })
              .transitions;
            transitions[state]?.push(target);
            expect(transitions[state]).toContain(target);
          },
        );
        Then("the machine is frozen", () => {
          expect(Object.isFrozen(machine())).toBe(true);
          expect(Object.isFrozen(machine().states)).toBe(true);
          expect(Object.isFrozen(machine().validTransitions("off"))).toBe(true);
        });
        And("the machine still refuses {string} to {string}", (_ctx, from: string, to: string) => {
          expect(machine().canTransition(from, to)).toBe(false);
          expect(machine().validTransitions(from)).toEqual(["on"]);
        });
      },
    );
  });

  const whenRefused = () => {
    defineMachine();
    expect(fsm).toBeUndefined();
  };
  const thenRefusedWithCode = (_ctx: unknown, code: string) => {
    expect(definitionError().code).toBe(code);
  };
  const thenProblemsAre = (_ctx: unknown, rows: { problem: string }[]) => {
    expect(definitionError().problems).toEqual(rows.map((row) => row.problem));
  };
  const givenJsonDefinition = (_ctx: unknown, json: string) => {
    definition = JSON.parse(json);
    expect(definition).not.toBeUndefined();
  };

  Rule(
    "A definition with a problem is refused with code INVALID_FSM_DEFINITION",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Each kind of problem is named",
        ({ Given, When, Then, And }, variables) => {
          Given("the definition <definition>", () =>
            givenJsonDefinition(undefined, variables.definition),
          );
          When("the machine is defined", whenRefused);
          Then("it is refused with code {string}", thenRefusedWithCode);
          And("the only problem is <problem>", () => {
            expect(definitionError().problems).toEqual([variables.problem]);
          });
        },
      );

      RuleScenario("A machine with no states is refused", ({ Given, When, Then, And }) => {
        Given("the definition {any}", givenJsonDefinition);
        When("the machine is defined", whenRefused);
        Then("it is refused with code {string}", thenRefusedWithCode);
        And("the problems are:", thenProblemsAre);
      });

      RuleScenario(
        "A transition table that is not an object is refused",
        ({ Given, When, Then, And }) => {
          Given("the definition {any}", givenJsonDefinition);
          When("the machine is defined", whenRefused);
          Then("it is refused with code {string}", thenRefusedWithCode);
          And("the problems are:", thenProblemsAre);
        },
      );

      RuleScenario("A state name that is a symbol is refused", ({ Given, When, Then, And }) => {
        Given("a definition whose transition table has a symbol key", () => {
          definition = { initial: "a", transitions: { a: [], [Symbol("b")]: [] } };
          expect(
            Object.getOwnPropertySymbols((definition as { transitions: object }).transitions),
          ).toHaveLength(1);
        });
        When("the machine is defined", whenRefused);
        Then("it is refused with code {string}", thenRefusedWithCode);
        And("the problems are:", thenProblemsAre);
      });

      RuleScenario(
        "Every problem is reported at once, in the error and its message",
        ({ Given, When, Then, And }) => {
          Given("the definition {any}", givenJsonDefinition);
          When("the machine is defined", whenRefused);
          Then("it is refused with code {string}", thenRefusedWithCode);
          And("the problems are:", thenProblemsAre);
          And("the error message is:", (_ctx, message: string) => {
            expect(trimLines(definitionError().message)).toBe(message);
          });
        },
      );

      RuleScenario(
        "The guard recognises definition errors and nothing else",
        ({ Given, When, Then, And }) => {
          Given("the definition {any}", givenJsonDefinition);
          When("the machine is defined", whenRefused);
          Then("isFSMDefinitionError holds for the refusal", () => {
            expect(isFSMDefinitionError(refusal)).toBe(true);
          });
          And(
            "isFSMDefinitionError does not hold for a plain Error or an InvalidTransitionError",
            () => {
              const transitionError = new InvalidTransitionError({
                fsm: "x",
                from: "a",
                to: "b",
                allowed: [],
                reason: "terminal",
                knownStates: ["a", "b"],
              });
              expect(isFSMDefinitionError(new Error("INVALID_FSM_DEFINITION"))).toBe(false);
              expect(isFSMDefinitionError(transitionError)).toBe(false);
              expect(isFSMDefinitionError({ code: "INVALID_FSM_DEFINITION" })).toBe(false);
            },
          );
        },
      );
    },
  );
});
