import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  PROJECTION_CATEGORIES,
  assertClientAccess,
  assertReactiveSubscriptionAllowed,
  defineProjection,
  isBoundedContextDefinitionError,
  projectionCategoryCharacteristics,
} from "@convex-es/platform-bc";
import type { ProjectionCategory } from "@convex-es/platform-bc";
import { accessOutcome, orderProjection } from "./support/projections.js";
import { createWorld, thrownBy } from "./support/world.js";

const feature = await loadFeature("./projection-categories.feature");

const world = createWorld(() => ({
  projection: undefined as ReturnType<typeof orderProjection> | undefined,
  outcome: "",
  error: undefined as unknown,
}));

function current() {
  if (!world.value.projection) throw new Error("No projection was defined in this scenario");
  return world.value.projection;
}

describeFeature(feature, ({ Rule, BeforeEachScenario, defineSteps }) => {
  BeforeEachScenario(() => world.reset());

  defineSteps(({ Then }) => {
    Then("the definition is refused with code {string}", (_ctx, code: string) => {
      expect(isBoundedContextDefinitionError(world.value.error)).toBe(true);
      expect((world.value.error as { code: string }).code).toBe(code);
    });
  });

  Rule(
    "Projections are classified into four distinct categories",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("There are exactly four categories", ({ Then }) => {
        Then("the projection categories are {string}", (_ctx, names: string) => {
          expect([...PROJECTION_CATEGORIES]).toEqual(names.split(", "));
        });
      });

      RuleScenarioOutline(
        "A projection belongs to exactly one category",
        ({ When, Then }, variables) => {
          When('the projection "<name>" is defined with category "<category>"', () => {
            world.value.projection = orderProjection(variables.name, variables.category);
          });
          Then('it is a "<category>" projection and no other', () => {
            expect(current().category).toBe(variables.category);
            const others = PROJECTION_CATEGORIES.filter(
              (category) => category !== variables.category,
            );
            expect(others).toHaveLength(3);
            expect(others).not.toContain(current().category);
          });
        },
      );
    },
  );

  Rule("Categories determine projection characteristics", ({ RuleScenarioOutline }) => {
    RuleScenarioOutline("Each category prescribes its characteristics", ({ Then }, variables) => {
      Then(
        'the "<category>" category has cardinality "<cardinality>", freshness "<freshness>" and exposure "<exposure>"',
        () => {
          const characteristics =
            projectionCategoryCharacteristics[variables.category as ProjectionCategory];
          expect(characteristics).toMatchObject({
            cardinality: variables.cardinality,
            freshness: variables.freshness,
            clientExposure: variables.exposure,
          });
        },
      );
    });
  });

  Rule("Projections must declare explicit category", ({ RuleScenario }) => {
    RuleScenario("A projection without a category is refused", ({ When }) => {
      When("a projection {string} is defined without a category", (_ctx, name: string) => {
        world.value.error = thrownBy(() =>
          defineProjection({
            projectionName: name,
            description: "no category",
            targetTable: name,
            eventSubscriptions: ["OrderCreated"],
            context: "orders",
          } as unknown as Parameters<typeof defineProjection>[0]),
        );
      });
    });

    RuleScenario("A projection with an unknown category is refused", ({ When, And }) => {
      When(
        "a projection {string} is defined with category {string}",
        (_ctx, name: string, category: string) => {
          world.value.error = thrownBy(() => orderProjection(name, category));
        },
      );
      And("the refusal lists the four categories", () => {
        const message = (world.value.error as Error).message;
        for (const category of PROJECTION_CATEGORIES) expect(message).toContain(`"${category}"`);
      });
    });
  });

  Rule("Category determines client exposure", ({ RuleScenarioOutline }) => {
    RuleScenarioOutline("Who may read each category", ({ Given, When, Then }, variables) => {
      Given('a "<category>" projection "<name>"', () => {
        world.value.projection = orderProjection(variables.name, variables.category);
      });
      When('a caller with role "<role>" reads it', () => {
        world.value.outcome = accessOutcome(() =>
          assertClientAccess(current(), { role: variables.role }),
        );
      });
      Then('the read is "<access>"', () => {
        expect(world.value.outcome).toBe(variables.access);
      });
    });
  });

  Rule(
    "Only View projections require reactive subscriptions",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Reactive subscriptions by category",
        ({ Given, When, Then }, variables) => {
          Given('a "<category>" projection "<name>"', () => {
            world.value.projection = orderProjection(variables.name, variables.category);
          });
          When("a client subscribes to it reactively", () => {
            world.value.outcome = accessOutcome(() => assertReactiveSubscriptionAllowed(current()));
          });
          Then('the subscription is "<result>"', () => {
            expect(world.value.outcome).toBe(variables.result);
          });
        },
      );

      RuleScenario("The refusal explains why", ({ Given, When, Then }) => {
        Given("a {string} projection {string}", (_ctx, category: string, name: string) => {
          world.value.projection = orderProjection(name, category);
        });
        When("a client subscribes to it reactively", () => {
          world.value.error = thrownBy(() => assertReactiveSubscriptionAllowed(current()));
        });
        Then(
          "the refusal names {string}, its category {string} and that only view projections support reactive subscriptions",
          (_ctx, name: string, category: string) => {
            const message = (world.value.error as Error).message;
            expect(message).toContain(name);
            expect(message).toContain(category);
            expect(message).toMatch(/only view projections support reactive subscriptions/i);
          },
        );
      });
    },
  );
});
