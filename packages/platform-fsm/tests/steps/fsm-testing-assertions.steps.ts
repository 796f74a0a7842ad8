import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { FSMDefinitionError, defineFSM } from "../../src/index.js";
import type { FSM } from "../../src/index.js";
import {
  assertCanTransition,
  assertCannotTransition,
  assertNotTerminal,
  assertRejectsDefinition,
  assertTerminal,
  assertTransitionTable,
  assertValidTransitions,
} from "../../src/testing/index.js";
import type { TransitionRow } from "../../src/testing/index.js";
import {
  captureError,
  featurePath,
  listFrom,
  transitionsFromTable,
  trimLines,
} from "../support/helpers.js";
import type { TransitionTableRow } from "../support/helpers.js";

const feature = await loadFeature(featurePath("fsm-testing-assertions.feature"));

const singleTransitionAssertions = { assertCanTransition, assertCannotTransition };
const terminalAssertions = { assertTerminal, assertNotTerminal };

function pick<T>(assertions: Record<string, T>, name: string): T {
  const assertion = assertions[name];
  if (assertion === undefined) throw new Error(`unknown assertion ${name}`);
  return assertion;
}

describeFeature(feature, ({ Background, Rule, BeforeEachScenario }) => {
  let fsm: FSM<string> | undefined;
  let failure: unknown;
  let returned: unknown;

  // The Background defines the machine before this hook runs, so only the outcomes are reset.
  BeforeEachScenario(() => {
    failure = undefined;
    returned = undefined;
  });

  const machine = (): FSM<string> => {
    if (fsm === undefined) throw new Error("no machine was defined");
    return fsm;
  };

  const run = (assertion: () => unknown) => {
    failure = captureError(() => {
      returned = assertion();
    });
  };

  /** A failure is a plain Error, so specs never depend on this package's error classes. */
  const failureMessage = (): string => {
    expect(failure).toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(failure)).toBe(Error.prototype);
    return (failure as Error).message;
  };

  const thenOutcome = (outcome: string) => {
    if (outcome === "passes") {
      expect(failure).toBeUndefined();
      return;
    }
    const prefix = "fails with: ";
    expect(outcome.startsWith(prefix)).toBe(true);
    expect(failureMessage()).toBe(outcome.slice(prefix.length));
  };
  const thenPasses = () => thenOutcome("passes");
  const thenFailsWith = (_ctx: unknown, message: string) => {
    expect(failureMessage()).toBe(message);
  };
  const thenFailsWithMessage = (_ctx: unknown, message: string) => {
    expect(trimLines(failureMessage())).toBe(message);
  };

  Background(({ Given }) => {
    Given("the order status machine:", (_ctx, rows: TransitionTableRow[]) => {
      fsm = defineFSM({
        name: "orderStatus",
        initial: "draft",
        transitions: transitionsFromTable(rows),
      });
      expect(fsm.states).toHaveLength(rows.length);
    });
  });

  Rule(
    "assertCanTransition and assertCannotTransition check one transition",
    ({ RuleScenarioOutline }) => {
      RuleScenarioOutline("Checking a single transition", ({ When, Then }, variables) => {
        When("<assertion> is called with <from> and <to>", () => {
          const assertion = pick(singleTransitionAssertions, variables.assertion);
          run(() => assertion(machine(), variables.from, variables.to));
        });
        Then("the assertion <outcome>", () => thenOutcome(variables.outcome));
      });
    },
  );

  Rule(
    "assertTerminal and assertNotTerminal check whether a state has targets",
    ({ RuleScenarioOutline }) => {
      RuleScenarioOutline("Checking terminal states", ({ When, Then }, variables) => {
        When("<assertion> is called with <state>", () => {
          const assertion = pick(terminalAssertions, variables.assertion);
          run(() => assertion(machine(), variables.state));
        });
        Then("the assertion <outcome>", () => thenOutcome(variables.outcome));
      });
    },
  );

  Rule(
    "assertValidTransitions compares the targets of a state in any order",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Matching targets pass whatever their order",
        ({ When, Then }, variables) => {
          When('assertValidTransitions is called for <from> expecting "<expected>"', () => {
            run(() =>
              assertValidTransitions(machine(), variables.from, listFrom(variables.expected)),
            );
          });
          Then("the assertion passes", thenPasses);
        },
      );

      RuleScenario(
        "Different targets fail, showing expected, actual, missing and unexpected",
        ({ When, Then }) => {
          When(
            "assertValidTransitions is called for {string} expecting {string}",
            (_ctx, from: string, expected: string) => {
              run(() => assertValidTransitions(machine(), from, listFrom(expected)));
            },
          );
          Then("the assertion fails with the message:", thenFailsWithMessage);
        },
      );
    },
  );

  Rule(
    "assertTransitionTable checks many rows and reports every mismatch at once",
    ({ RuleScenario }) => {
      const whenTable = (_ctx: unknown, rows: { from: string; to: string; allowed: string }[]) => {
        const table: TransitionRow<string>[] = rows.map((row) => ({
          from: row.from,
          to: row.to,
          allowed: row.allowed === "true",
        }));
        expect(table.length).toBeGreaterThan(0);
        run(() => assertTransitionTable(machine(), table));
      };

      RuleScenario("A table that matches the machine passes", ({ When, Then }) => {
        When("assertTransitionTable is called with:", whenTable);
        Then("the assertion passes", thenPasses);
      });

      RuleScenario("Every mismatching row is reported", ({ When, Then }) => {
        When("assertTransitionTable is called with:", whenTable);
        Then("the assertion fails with the message:", thenFailsWithMessage);
      });

      RuleScenario("A single mismatch is reported as one", ({ When, Then }) => {
        When("assertTransitionTable is called with:", whenTable);
        Then("the assertion fails with the message:", thenFailsWithMessage);
      });

      RuleScenario("An empty table fails rather than passing vacuously", ({ When, Then }) => {
        When("assertTransitionTable is called with no rows", () => {
          run(() => assertTransitionTable(machine(), []));
        });
        Then("the assertion fails with: {any}", thenFailsWith);
      });
    },
  );

  Rule("assertRejectsDefinition checks that defineFSM refuses a definition", ({ RuleScenario }) => {
    const thenReturnsError = (_ctx: unknown, count: number) => {
      expect(returned).toBeInstanceOf(FSMDefinitionError);
      expect((returned as FSMDefinitionError).problems).toHaveLength(count);
    };

    RuleScenario("A refused definition passes and the error is returned", ({ When, Then, And }) => {
      When(
        "assertRejectsDefinition is called with {any} and {string}",
        (_ctx, json: string, problem: string) => {
          run(() => assertRejectsDefinition(JSON.parse(json), problem));
        },
      );
      Then("the assertion passes", thenPasses);
      And("it returns the FSMDefinitionError with {int} problem", thenReturnsError);
    });

    RuleScenario(
      "A refused definition passes without an expected problem",
      ({ When, Then, And }) => {
        When("assertRejectsDefinition is called with {any}", (_ctx, json: string) => {
          run(() => assertRejectsDefinition(JSON.parse(json)));
        });
        Then("the assertion passes", thenPasses);
        And("it returns the FSMDefinitionError with {int} problems", thenReturnsError);
      },
    );

    RuleScenario("An accepted definition fails", ({ When, Then }) => {
      When("assertRejectsDefinition is called with {any}", (_ctx, json: string) => {
        run(() => assertRejectsDefinition(JSON.parse(json)));
      });
      Then("the assertion fails with: {any}", thenFailsWith);
    });

    RuleScenario(
      "A refusal for another reason fails and lists the actual problems",
      ({ When, Then }) => {
        When(
          "assertRejectsDefinition is called with {any} and {string}",
          (_ctx, json: string, problem: string) => {
            run(() => assertRejectsDefinition(JSON.parse(json), problem));
          },
        );
        Then("the assertion fails with the message:", thenFailsWithMessage);
      },
    );
  });

  Rule("The testing helpers depend on no test runner", ({ RuleScenario }) => {
    RuleScenario("The testing entry point imports only from this package", ({ When, Then }) => {
      let imports: string[] = [];
      When("the sources of the testing entry point are read", () => {
        const dir = fileURLToPath(new URL("../../src/testing/", import.meta.url));
        const sources = readdirSync(dir)
          .filter((file) => file.endsWith(".ts"))
          .map((file) => readFileSync(`${dir}${file}`, "utf8"));
        imports = sources.flatMap((source) =>
          [...source.matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((match) => match[1] ?? ""),
        );
        expect(sources.length).toBeGreaterThan(0);
        expect(imports.length).toBeGreaterThan(0);
      });
      Then("every import in them is a relative import", () => {
        expect(imports.filter((specifier) => !specifier.startsWith("."))).toEqual([]);
      });
    });
  });
});
