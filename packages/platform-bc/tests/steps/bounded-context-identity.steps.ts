import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, expectTypeOf } from "vitest";
import {
  BoundedContextDefinitionError,
  DEFINITION_ERROR_CODES,
  defineBoundedContext,
  isBoundedContextDefinitionError,
  ProjectionAccessError,
} from "../../src/index.js";
import type { BoundedContextIdentity } from "../../src/index.js";
import {
  captureError,
  definitionError,
  featurePath,
  listFrom,
  onlyProblem,
  trimLines,
} from "../support/helpers.js";

const feature = await loadFeature(featurePath("bounded-context-identity.feature"));

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let input: unknown;
  let identity: BoundedContextIdentity | undefined;
  let refusal: unknown;

  BeforeEachScenario(() => {
    input = undefined;
    identity = undefined;
    refusal = undefined;
  });

  const givenIdentity = (_ctx: unknown, json: string) => {
    input = JSON.parse(json);
    expect(json.trim().length).toBeGreaterThan(0);
  };
  const define = () => {
    refusal = captureError(() => {
      identity = defineBoundedContext(input as BoundedContextIdentity);
    });
  };
  const defineAccepted = () => {
    define();
    expect(refusal).toBeUndefined();
  };
  const defineRefused = () => {
    define();
    expect(identity).toBeUndefined();
  };

  Rule("A well-formed identity is accepted and frozen", ({ RuleScenario }) => {
    RuleScenario(
      "The identity keeps its fields and cannot be changed",
      ({ Given, When, Then, And }) => {
        Given("the identity {any}", givenIdentity);
        When("the bounded context is defined", defineAccepted);
        Then(
          "the context's name is {string}, its version {int} and its stream type prefix {string}",
          (_ctx, name: string, version: number, prefix: string) => {
            expect(identity).toEqual({
              name,
              description: "Order lifecycle",
              version,
              streamTypePrefix: prefix,
            });
          },
        );
        And("the identity is frozen", () => {
          expect(Object.isFrozen(identity)).toBe(true);
          expect(() => {
            (identity as { version: number }).version = 4;
          }).toThrow(TypeError);
        });
      },
    );

    RuleScenario("The context name is kept as a literal type", ({ When, Then }) => {
      let inline: BoundedContextIdentity<"orders"> | undefined;
      When("the orders identity is defined inline in TypeScript", () => {
        inline = defineBoundedContext({
          name: "orders",
          description: "Orders",
          version: 1,
          streamTypePrefix: "Order",
        });
        expect(inline.name).toBe("orders");
      });
      Then('its name type is exactly "orders"', () => {
        const defined = defineBoundedContext({
          name: "orders",
          description: "Orders",
          version: 1,
          streamTypePrefix: "Order",
        });
        expectTypeOf(defined.name).toEqualTypeOf<"orders">();
        expect(defined).toEqual(inline);
      });
    });
  });

  Rule(
    "A malformed identity is refused with a code per problem",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Each malformed field is named with what was expected",
        ({ Given, When, Then }, variables) => {
          Given("the identity <identity>", () => givenIdentity(undefined, variables.identity));
          When("the bounded context is defined", defineRefused);
          Then('it is refused with the single problem "<problem>"', () => {
            expect(onlyProblem(refusal)).toBe(variables.problem);
          });
        },
      );

      RuleScenario(
        "Every problem is reported at once, unknown fields last",
        ({ Given, When, Then, And }) => {
          Given("the identity {any}", givenIdentity);
          When("the bounded context is defined", defineRefused);
          Then("it is refused with code {string}", (_ctx, code: string) => {
            expect(definitionError(refusal).code).toBe(code);
          });
          And("the error message is:", (_ctx, message: string) => {
            expect(trimLines(definitionError(refusal).message)).toBe(message);
          });
          And("the error's codes are {string}", (_ctx, codes: string) => {
            expect(definitionError(refusal).codes).toEqual(listFrom(codes));
          });
        },
      );
    },
  );

  Rule("Definition errors are recognised by their guard and codes", ({ RuleScenario }) => {
    RuleScenario(
      "The guard matches any of the error's codes and nothing else",
      ({ Given, When, Then, And }) => {
        Given("the identity {any}", givenIdentity);
        When("the bounded context is defined", defineRefused);
        Then(
          "isBoundedContextDefinitionError holds for the refusal with {string}, with {string} and with no code",
          (_ctx, first: string, second: string) => {
            expect(isBoundedContextDefinitionError(refusal, first as "INVALID_NAME")).toBe(true);
            expect(isBoundedContextDefinitionError(refusal, second as "INVALID_NAME")).toBe(true);
            expect(isBoundedContextDefinitionError(refusal)).toBe(true);
          },
        );
        And("it does not hold for the refusal with {string}", (_ctx, code: string) => {
          expect(isBoundedContextDefinitionError(refusal, code as "INVALID_VERSION")).toBe(false);
        });
        And(
          "it does not hold for a plain Error, a look-alike object or a projection access error",
          () => {
            const lookAlike = { name: "BoundedContextDefinitionError", codes: ["INVALID_NAME"] };
            const access = new ProjectionAccessError(
              "ADMIN_ROLE_REQUIRED",
              "dailySalesReport",
              "reporting",
              "admin only",
            );
            expect(isBoundedContextDefinitionError(new Error("INVALID_NAME"))).toBe(false);
            expect(isBoundedContextDefinitionError(lookAlike)).toBe(false);
            expect(isBoundedContextDefinitionError(access)).toBe(false);
          },
        );
        And(
          "the refusal is a BoundedContextDefinitionError whose definition is {string}",
          (_ctx, definition: string) => {
            expect(refusal).toBeInstanceOf(BoundedContextDefinitionError);
            expect(definitionError(refusal).definition).toBe(definition);
            expect(Object.isFrozen(definitionError(refusal).problems)).toBe(true);
          },
        );
      },
    );

    RuleScenario("Every code a definition can be refused with is listed", ({ Then, And }) => {
      Then("DEFINITION_ERROR_CODES lists each code once, all in SCREAMING_SNAKE_CASE", () => {
        expect(new Set(DEFINITION_ERROR_CODES).size).toBe(DEFINITION_ERROR_CODES.length);
        for (const code of DEFINITION_ERROR_CODES) {
          expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
        }
      });
      And("DEFINITION_ERROR_CODES contains {string}", (_ctx, codes: string) => {
        expect(DEFINITION_ERROR_CODES).toEqual(expect.arrayContaining(listFrom(codes)));
      });
    });
  });
});
