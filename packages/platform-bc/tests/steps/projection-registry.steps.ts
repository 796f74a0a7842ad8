import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, expectTypeOf } from "vitest";
import { defineProjectionRegistry, isProjectionCategory } from "../../src/index.js";
import type { ProjectionDefinition, ProjectionRegistry } from "../../src/index.js";
import { captureError, featurePath, listFrom, onlyProblem } from "../support/helpers.js";
import { projectionsByCategory } from "../support/orders.js";

const feature = await loadFeature(featurePath("projection-registry.feature"));

const byName: Record<string, ProjectionDefinition> = Object.fromEntries(
  Object.values(projectionsByCategory).map((p) => [p.projectionName, p]),
);

function projectionsNamed(names: string): ProjectionDefinition[] {
  return listFrom(names).map((name) => {
    const projection = byName[name];
    if (projection === undefined) throw new Error(`no orders projection named ${name}`);
    return projection;
  });
}

const names = (projections: readonly ProjectionDefinition[]) =>
  projections.map((p) => p.projectionName);

describeFeature(feature, ({ Background, Rule, BeforeEachScenario }) => {
  let registry: ProjectionRegistry | undefined;
  let refusal: unknown;

  // The Background runs before BeforeEachScenario, so only the refusal is reset here.
  BeforeEachScenario(() => {
    refusal = undefined;
  });

  Background(({ Given }) => {
    Given("a registry of the orders projections {string}", (_ctx, list: string) => {
      registry = defineProjectionRegistry(projectionsNamed(list));
      expect(registry.size).toBe(listFrom(list).length);
    });
  });

  const current = (): ProjectionRegistry => {
    if (registry === undefined) throw new Error("no registry");
    return registry;
  };
  const refusedWithSingleProblem = (_ctx: unknown, problem: string) => {
    expect(onlyProblem(refusal)).toBe(problem);
  };

  Rule(
    "The registry finds projections by name, category and event type",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "Projections are listed in registration order and found by name",
        ({ Then, And }) => {
          Then(
            "the registry has {int} projections named {string}",
            (_ctx, count: number, list: string) => {
              expect(current().size).toBe(count);
              expect(current().names).toEqual(listFrom(list));
              expect(names(current().all())).toEqual(listFrom(list));
            },
          );
          And(
            "{string} is found by name and {string} is not",
            (_ctx, known: string, unknown: string) => {
              expect(current().get(known)).toBe(byName[known]);
              expect(current().has(known)).toBe(true);
              expect(current().get(unknown)).toBeUndefined();
              expect(current().has(unknown)).toBe(false);
            },
          );
        },
      );

      RuleScenarioOutline("Projections are listed by category", ({ Then }, variables) => {
        Then('the <category> projections are "<names>"', () => {
          if (!isProjectionCategory(variables.category)) throw new Error(variables.category);
          expect(names(current().byCategory(variables.category))).toEqual(
            listFrom(variables.names),
          );
        });
      });

      RuleScenarioOutline(
        "Projections are listed by the event types they subscribe to",
        ({ Then }, variables) => {
          Then('the projections of "<eventType>" are "<names>"', () => {
            expect(names(current().byEventType(variables.eventType))).toEqual(
              listFrom(variables.names ?? ""),
            );
          });
        },
      );

      RuleScenario("The registry lists every subscribed event type once", ({ Then, And }) => {
        Then("the registry's event types are {string}", (_ctx, types: string) => {
          expect(current().eventTypes()).toEqual(listFrom(types));
        });
        And("the registry and its lists are frozen", () => {
          expect(Object.isFrozen(current())).toBe(true);
          expect(Object.isFrozen(current().names)).toBe(true);
          expect(Object.isFrozen(current().all())).toBe(true);
          expect(Object.isFrozen(current().byCategory("view"))).toBe(true);
          const typed = defineProjectionRegistry([
            projectionsByCategory.view,
            projectionsByCategory.logic,
          ]);
          expectTypeOf(typed.byCategory("view")[0]).toEqualTypeOf<
            typeof projectionsByCategory.view | undefined
          >();
          expect(typed.byCategory("view")).toEqual([projectionsByCategory.view]);
        });
      });
    },
  );

  Rule(
    "A registry refuses duplicate names and entries that are not projections",
    ({ RuleScenario }) => {
      RuleScenario("Two projections with one name are refused", ({ When, Then }) => {
        When("a registry is built from the orders projections {string}", (_ctx, list: string) => {
          refusal = captureError(() => defineProjectionRegistry(projectionsNamed(list)));
        });
        Then("it is refused with the single problem {string}", refusedWithSingleProblem);
      });

      RuleScenario(
        "An entry that was not made by defineProjection is refused",
        ({ When, Then }) => {
          When(
            "a registry is built from the orders view projection and a plain object without a category",
            () => {
              const { kind: _kind, category: _category, ...plain } = projectionsByCategory.logic;
              refusal = captureError(() =>
                defineProjectionRegistry([
                  projectionsByCategory.view,
                  plain as unknown as ProjectionDefinition,
                ]),
              );
            },
          );
          Then("it is refused with the single problem {string}", refusedWithSingleProblem);
        },
      );

      RuleScenario("An entry edited after definition is checked again", ({ When, Then }) => {
        When(
          "a registry is built from a copy of the orders view projection whose category was changed to {string}",
          (_ctx, category: string) => {
            const edited = {
              ...projectionsByCategory.view,
              category,
            } as unknown as ProjectionDefinition;
            refusal = captureError(() => defineProjectionRegistry([edited]));
          },
        );
        Then("it is refused with the single problem {string}", refusedWithSingleProblem);
      });

      RuleScenario("A registry needs an array", ({ When, Then }) => {
        When(
          "a registry is built from the orders view projection itself instead of an array",
          () => {
            refusal = captureError(() =>
              defineProjectionRegistry(
                projectionsByCategory.view as unknown as ProjectionDefinition[],
              ),
            );
          },
        );
        Then("it is refused with the single problem {string}", refusedWithSingleProblem);
      });
    },
  );
});
