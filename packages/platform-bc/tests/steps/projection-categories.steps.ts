import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, expectTypeOf } from "vitest";
import {
  assertClientAccess,
  assertReactiveSubscriptionAllowed,
  canSubscribeReactively,
  defineProjection,
  isClientExposed,
  isProjectionAccessError,
  isProjectionCategory,
  PROJECTION_CATEGORIES,
  ProjectionAccessError,
  projectionCategoryCharacteristics,
  requiresAdmin,
} from "../../src/index.js";
import type { ProjectionCategory, ProjectionDefinition } from "../../src/index.js";
import {
  captureError,
  definitionError,
  featurePath,
  listFrom,
  onlyProblem,
  problemLines,
  thrownBy,
} from "../support/helpers.js";
import { projectionsByCategory, validProjectionFields } from "../support/orders.js";

const feature = await loadFeature(featurePath("projection-categories.feature"));

function asCategory(value: string): ProjectionCategory {
  if (!isProjectionCategory(value)) throw new Error(`not a category: ${value}`);
  return value;
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let fields: Record<string, unknown> = { ...validProjectionFields };
  let projection: ProjectionDefinition | undefined;
  let refusal: unknown;

  BeforeEachScenario(() => {
    fields = { ...validProjectionFields };
    projection = undefined;
    refusal = undefined;
  });

  const setField = (field: string, json: string) => {
    const value: unknown = JSON.parse(json);
    if (value === null) delete fields[field];
    else fields[field] = value;
  };
  const define = () => {
    refusal = captureError(() => {
      projection = defineProjection(fields as unknown as Parameters<typeof defineProjection>[0]);
    });
  };
  const givenFieldTable = (_ctx: unknown, rows: { field: string; value: string }[]) => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) setField(row.field, row.value);
  };
  const refusedWithSingleProblem = (_ctx: unknown, problem: string) => {
    expect(projection).toBeUndefined();
    expect(onlyProblem(refusal)).toBe(problem);
  };
  const givenOrdersProjection = (category: string) => {
    projection = projectionsByCategory[asCategory(category)];
    expect(projection.category).toBe(category);
  };
  const checkSubscription = () => {
    const target = projection;
    if (target === undefined) throw new Error("no projection");
    refusal = captureError(() => assertReactiveSubscriptionAllowed(target));
  };

  Rule(
    "Projections must declare an explicit, known category",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "A projection without a category is refused with CATEGORY_REQUIRED",
        ({ Given, When, Then }) => {
          Given("a valid view projection definition without its category", () => {
            delete fields.category;
            expect(fields).not.toHaveProperty("category");
          });
          When("the projection is defined", define);
          Then("it is refused with the single problem {string}", refusedWithSingleProblem);
        },
      );

      RuleScenarioOutline(
        "A category outside the four is refused with INVALID_CATEGORY",
        ({ Given, When, Then }, variables) => {
          Given("a valid view projection definition with category <category>", () => {
            setField("category", variables.category);
            expect(isProjectionCategory(fields.category)).toBe(false);
          });
          When("the projection is defined", define);
          Then(
            `it is refused with the single problem 'INVALID_CATEGORY: category must be one of "logic", "view", "reporting", "integration" (got <got>)'`,
            () =>
              refusedWithSingleProblem(
                undefined,
                `INVALID_CATEGORY: category must be one of "logic", "view", "reporting", "integration" (got ${variables.got})`,
              ),
          );
        },
      );

      RuleScenario("The category problem comes first among several", ({ Given, When, Then }) => {
        Given("a valid view projection definition with these fields:", givenFieldTable);
        When("the projection is defined", define);
        Then(
          "it is refused with code {string} and the problems:",
          (_ctx, code: string, rows: { problem: string }[]) => {
            expect(definitionError(refusal).code).toBe(code);
            expect(problemLines(refusal)).toEqual(rows.map((row) => row.problem));
          },
        );
      });

      RuleScenarioOutline(
        "The other fields of a projection are checked too",
        ({ Given, When, Then }, variables) => {
          Given("a valid view projection definition with <field> set to <value>", () =>
            setField(variables.field, variables.value),
          );
          When("the projection is defined", define);
          Then("it is refused with the single problem '<problem>'", () =>
            refusedWithSingleProblem(undefined, variables.problem),
          );
        },
      );

      RuleScenario(
        "A valid projection is frozen and keeps its category as a literal type",
        ({ Given, When, Then, And }) => {
          Given("a valid view projection definition with these fields:", givenFieldTable);
          When("the projection is defined", define);
          Then(
            "the projection is a frozen {string} projection of context {string} writing {string} and {string}",
            (_ctx, category: string, context: string, table: string, secondary: string) => {
              expect(refusal).toBeUndefined();
              expect(projection).toMatchObject({
                kind: "projection",
                category,
                context,
                targetTable: table,
                secondaryTables: [secondary],
              });
              expect(Object.isFrozen(projection)).toBe(true);
              expect(Object.isFrozen(projection?.eventSubscriptions)).toBe(true);
            },
          );
          And(
            "the category of the orders view projection has the type {string}",
            (_ctx, category: string) => {
              expectTypeOf(projectionsByCategory.view.category).toEqualTypeOf<"view">();
              expectTypeOf(
                projectionsByCategory.view.projectionName,
              ).toEqualTypeOf<"orderSummary">();
              expect(projectionsByCategory.view.category).toBe(category);
            },
          );
        },
      );
    },
  );

  Rule("Categories determine projection characteristics", ({ RuleScenario }) => {
    RuleScenario(
      "Each category prescribes cardinality, freshness, exposure and reactivity",
      ({ Then, And }) => {
        Then(
          "the characteristics of the categories are:",
          (
            _ctx,
            rows: {
              category: string;
              cardinality: string;
              freshness: string;
              clientExposure: string;
              reactiveEligible: string;
            }[],
          ) => {
            expect(rows.map((row) => row.category)).toEqual(
              Object.keys(projectionCategoryCharacteristics),
            );
            for (const row of rows) {
              expect(projectionCategoryCharacteristics[asCategory(row.category)]).toMatchObject({
                cardinality: row.cardinality,
                freshness: row.freshness,
                clientExposure: row.clientExposure,
                reactiveEligible: row.reactiveEligible === "true",
              });
            }
            expect(Object.isFrozen(projectionCategoryCharacteristics.view)).toBe(true);
          },
        );
        And("PROJECTION_CATEGORIES are {string}", (_ctx, categories: string) => {
          expect(PROJECTION_CATEGORIES).toEqual(listFrom(categories));
        });
        And(
          'isProjectionCategory holds for each of them and not for "View", "cache" or undefined',
          () => {
            for (const category of PROJECTION_CATEGORIES)
              expect(isProjectionCategory(category)).toBe(true);
            for (const other of ["View", "cache", undefined, "toString"]) {
              expect(isProjectionCategory(other)).toBe(false);
            }
          },
        );
      },
    );
  });

  Rule("Category determines client exposure", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenario("Exposure helpers follow the category", ({ Then }) => {
      Then(
        "the exposure helpers answer:",
        (
          _ctx,
          rows: {
            category: string;
            isClientExposed: string;
            requiresAdmin: string;
            canSubscribeReactively: string;
          }[],
        ) => {
          expect(rows).toHaveLength(PROJECTION_CATEGORIES.length);
          for (const row of rows) {
            const category = asCategory(row.category);
            expect(isClientExposed(category), row.category).toBe(row.isClientExposed === "true");
            expect(requiresAdmin(category), row.category).toBe(row.requiresAdmin === "true");
            expect(canSubscribeReactively(category), row.category).toBe(
              row.canSubscribeReactively === "true",
            );
          }
        },
      );
    });

    RuleScenarioOutline(
      "Client access is allowed or refused by category and role",
      ({ Given, When, Then }, variables) => {
        Given("the orders <category> projection", () => givenOrdersProjection(variables.category));
        When('a client with role "<role>" reads it', () => {
          const target = projection as ProjectionDefinition;
          const caller = variables.role === "none" ? {} : { role: variables.role };
          refusal = captureError(() => assertClientAccess(target, caller));
        });
        Then("the read is <outcome>", () => {
          if (variables.outcome === "allowed") {
            expect(refusal).toBeUndefined();
            return;
          }
          const code = variables.outcome.replace("refused with ", "");
          expect(
            isProjectionAccessError(refusal, code as "ADMIN_ROLE_REQUIRED"),
            String(refusal),
          ).toBe(true);
        });
      },
    );

    RuleScenario("The refusals say why and what is allowed instead", ({ Then, And }) => {
      const messageOf = (category: ProjectionCategory, role?: string) =>
        (thrownBy(() => assertClientAccess(projectionsByCategory[category], { role })) as Error)
          .message;
      Then("reading the logic projection refuses with the message:", (_ctx, message: string) => {
        expect(messageOf("logic")).toBe(message);
      });
      And(
        "reading the integration projection refuses with the message:",
        (_ctx, message: string) => {
          expect(messageOf("integration")).toBe(message);
        },
      );
      And(
        "reading the reporting projection with role {string} refuses with the message:",
        (_ctx, role: string, message: string) => {
          expect(messageOf("reporting", role)).toBe(message);
        },
      );
    });
  });

  Rule(
    "Only View projections require reactive subscriptions",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("A view projection may be subscribed to reactively", ({ Given, When, Then }) => {
        Given("the orders view projection", () => givenOrdersProjection("view"));
        When("a reactive subscription to it is checked", checkSubscription);
        Then("it is allowed and the projection is narrowed to a view projection", () => {
          expect(refusal).toBeUndefined();
          const some: ProjectionDefinition = projectionsByCategory.view;
          assertReactiveSubscriptionAllowed(some);
          expectTypeOf(some.category).toEqualTypeOf<"view">();
          expect(some.category).toBe("view");
        });
      });

      RuleScenarioOutline(
        "Other categories refuse reactive subscriptions with SUBSCRIPTIONS_NOT_SUPPORTED",
        ({ Given, When, Then, And }, variables) => {
          Given("the orders <category> projection", () =>
            givenOrdersProjection(variables.category),
          );
          When("a reactive subscription to it is checked", checkSubscription);
          Then(
            "it is refused with code \"SUBSCRIPTIONS_NOT_SUPPORTED\" and the message '<message>'",
            () => {
              expect(isProjectionAccessError(refusal, "SUBSCRIPTIONS_NOT_SUPPORTED")).toBe(true);
              expect((refusal as Error).message).toBe(variables.message);
            },
          );
          And('the error names projection "<name>" and category "<category>"', () => {
            const error = refusal as ProjectionAccessError;
            expect(error.projectionName).toBe(variables.name);
            expect(error.category).toBe(variables.category);
          });
        },
      );

      RuleScenario(
        "Projection access errors are recognised by their guard",
        ({ Given, When, Then, And }) => {
          Given("the orders logic projection", () => givenOrdersProjection("logic"));
          When("a reactive subscription to it is checked", checkSubscription);
          Then(
            "isProjectionAccessError holds for the refusal, with {string} and not with {string}",
            (_ctx, code: string, other: string) => {
              expect(isProjectionAccessError(refusal)).toBe(true);
              expect(isProjectionAccessError(refusal, code as "SUBSCRIPTIONS_NOT_SUPPORTED")).toBe(
                true,
              );
              expect(isProjectionAccessError(refusal, other as "ADMIN_ROLE_REQUIRED")).toBe(false);
            },
          );
          And(
            "the refusal is a ProjectionAccessError and isProjectionAccessError does not hold for a plain Error",
            () => {
              expect(refusal).toBeInstanceOf(ProjectionAccessError);
              expect(isProjectionAccessError(new Error("SUBSCRIPTIONS_NOT_SUPPORTED"))).toBe(false);
            },
          );
        },
      );
    },
  );
});
