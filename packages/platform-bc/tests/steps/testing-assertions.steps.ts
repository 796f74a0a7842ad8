import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { defineProjection, isBoundedContextDefinitionError } from "../../src/index.js";
import type { BoundedContextDefinitionError } from "../../src/index.js";
import {
  assertContractCovers,
  assertDefinitionRefused,
  assertProjectionCategory,
  assertUpcastsTo,
} from "../../src/testing/index.js";
import type { ContractCoverage } from "../../src/testing/index.js";
import { captureError, featurePath, trimLines } from "../support/helpers.js";
import {
  createOrder,
  orderCMS,
  orderCreated,
  ordersContract,
  orderSubmitted,
  projectionsByCategory,
  submitOrder,
  validProjectionFields,
} from "../support/orders.js";

const feature = await loadFeature(featurePath("testing-assertions.feature"));

type Coverage = {
  commandTypes: NonNullable<ContractCoverage["commandTypes"]>[number][];
  eventTypes: string[];
  cms: { cmsType: string; currentVersion: number }[];
  errorCodes: string[];
};

const definitionsToRun: Record<string, () => unknown> = {
  "a valid projection definition": () =>
    defineProjection(validProjectionFields as unknown as Parameters<typeof defineProjection>[0]),
  "a projection with an unknown category": () =>
    defineProjection({ ...validProjectionFields, category: "ui" } as unknown as Parameters<
      typeof defineProjection
    >[0]),
  "a function that throws a TypeError": () => {
    throw new TypeError("boom");
  },
};

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let failure: unknown;
  let returned: BoundedContextDefinitionError | undefined;

  BeforeEachScenario(() => {
    failure = undefined;
    returned = undefined;
  });

  const givenOrdersContract = () => {
    expect(ordersContract.identity.name).toBe("orders");
  };
  const failsWithMessage = (_ctx: unknown, message: string) => {
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe("Error");
    expect(trimLines((failure as Error).message)).toBe(message);
  };
  const givenOrdersCms = (_ctx: unknown, version: number) => {
    expect(orderCMS.currentVersion).toBe(version);
  };

  Rule(
    "assertContractCovers checks that a contract declares what the code defines",
    ({ RuleScenario }) => {
      RuleScenario("A contract that declares every definition passes", ({ Given, When, Then }) => {
        Given("the orders contract", givenOrdersContract);
        When(
          'assertContractCovers checks it against the SubmitOrder and CreateOrder commands, the OrderSubmitted and OrderCreated events, the orders CMS and the code "ORDER_NOT_FOUND"',
          () => {
            failure = captureError(() =>
              assertContractCovers(ordersContract, {
                commandTypes: [submitOrder, createOrder],
                eventTypes: [orderSubmitted, orderCreated],
                cms: [orderCMS],
                errorCodes: ["ORDER_NOT_FOUND"],
              }),
            );
          },
        );
        Then("the assertion passes", () => {
          expect(failure).toBeUndefined();
        });
      });

      RuleScenario("Every gap is listed in one error", ({ Given, When, Then }) => {
        Given("the orders contract", givenOrdersContract);
        When(
          "assertContractCovers checks it against:",
          (_ctx, rows: { kind: string; value: string }[]) => {
            const coverage: Coverage = {
              commandTypes: [],
              eventTypes: [],
              cms: [],
              errorCodes: [],
            };
            for (const { kind, value } of rows) {
              const foreign = /^(\w+) of context "(\w+)"$/.exec(value);
              const cms = /^(\w+) at version (\d+)$/.exec(value);
              if (kind === "command" && foreign) {
                coverage.commandTypes.push({
                  commandType: foreign[1] ?? "",
                  boundedContext: foreign[2] ?? "",
                });
              } else if (kind === "command") coverage.commandTypes.push(value);
              else if (kind === "event") coverage.eventTypes.push(value);
              else if (kind === "cms" && cms) {
                coverage.cms.push({ cmsType: cms[1] ?? "", currentVersion: Number(cms[2]) });
              } else if (kind === "errorCode") coverage.errorCodes.push(value);
              else throw new Error(`unknown row ${kind} ${value}`);
            }
            failure = captureError(() => assertContractCovers(ordersContract, coverage));
          },
        );
        Then("the assertion fails with the message:", failsWithMessage);
      });
    },
  );

  Rule("assertProjectionCategory checks a projection's category", ({ RuleScenario }) => {
    RuleScenario(
      "The right category passes and a wrong one is explained",
      ({ Given, Then, And }) => {
        Given("the orders view projection", () => {
          expect(projectionsByCategory.view.category).toBe("view");
        });
        Then('assertProjectionCategory passes for "view"', () => {
          expect(() => assertProjectionCategory(projectionsByCategory.view, "view")).not.toThrow();
        });
        And('assertProjectionCategory for "logic" fails with {string}', (_ctx, message: string) => {
          failure = captureError(() =>
            assertProjectionCategory(projectionsByCategory.view, "logic"),
          );
          expect((failure as Error).message).toBe(message);
        });
      },
    );
  });

  Rule(
    "assertDefinitionRefused checks that a definition is refused with a code",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "A refusal with the expected code passes and returns the error",
        ({ When, Then }) => {
          When(
            'assertDefinitionRefused runs a projection definition without a category, expecting "CATEGORY_REQUIRED"',
            () => {
              const { category: _category, ...fields } = validProjectionFields;
              failure = captureError(() => {
                returned = assertDefinitionRefused(
                  () =>
                    defineProjection(fields as unknown as Parameters<typeof defineProjection>[0]),
                  "CATEGORY_REQUIRED",
                );
              });
            },
          );
          Then("it returns the definition error with code {string}", (_ctx, code: string) => {
            expect(failure).toBeUndefined();
            expect(isBoundedContextDefinitionError(returned, code as "CATEGORY_REQUIRED")).toBe(
              true,
            );
            expect(returned?.code).toBe(code);
          });
        },
      );

      RuleScenarioOutline(
        "Anything else fails with what happened instead",
        ({ When, Then }, variables) => {
          When('assertDefinitionRefused runs <what>, expecting "CATEGORY_REQUIRED"', () => {
            const run = definitionsToRun[variables.what];
            if (run === undefined) throw new Error(`unknown definition ${variables.what}`);
            failure = captureError(() => assertDefinitionRefused(run, "CATEGORY_REQUIRED"));
          });
          Then("the assertion fails with a message starting '<message>'", () => {
            expect(failure).toBeInstanceOf(Error);
            expect(
              (failure as Error).message.startsWith(variables.message),
              (failure as Error).message,
            ).toBe(true);
          });
        },
      );
    },
  );

  Rule("assertUpcastsTo checks what a stored CMS snapshot becomes", ({ RuleScenario }) => {
    RuleScenario("The expected current state passes", ({ Given, Then }) => {
      Given("the orders CMS at current version {int}", givenOrdersCms);
      Then(
        "assertUpcastsTo passes for {any} becoming {any}",
        (_ctx, stored: string, expected: string) => {
          expect(() =>
            assertUpcastsTo(orderCMS, JSON.parse(stored), JSON.parse(expected)),
          ).not.toThrow();
        },
      );
    });

    RuleScenario("A different state is reported path by path", ({ Given, When, Then }) => {
      Given("the orders CMS at current version {int}", givenOrdersCms);
      When(
        "assertUpcastsTo checks {any} against {any}",
        (_ctx, stored: string, expected: string) => {
          failure = captureError(() =>
            assertUpcastsTo(orderCMS, JSON.parse(stored), JSON.parse(expected)),
          );
        },
      );
      Then("the assertion fails with the message:", failsWithMessage);
    });
  });
});
