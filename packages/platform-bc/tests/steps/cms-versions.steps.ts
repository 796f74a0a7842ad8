import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, expectTypeOf } from "vitest";
import { z } from "zod";
import {
  defineCMS,
  defineEvent,
  isUpcastError,
  upcastCMS,
  upcastEvent,
  UpcastError,
} from "../../src/index.js";
import type { CMSDefinition, CMSUpcastResult, Upcaster } from "../../src/index.js";
import {
  captureError,
  definitionError,
  featurePath,
  listFrom,
  onlyProblem,
  problemLines,
  trimLines,
} from "../support/helpers.js";
import type { OrderCMS } from "../support/orders.js";
import { orderCMS, orderSubmitted } from "../support/orders.js";

const feature = await loadFeature(featurePath("cms-versions.feature"));

const identity: Upcaster = (previous: Record<string, unknown>) => ({ ...previous });

/** Upcasters named by what they add, as the feature's tables describe them. */
const knownUpcasters: Record<string, Upcaster> = {
  "totalCents from total × 100": (v1: { total: number }) => ({
    ...v1,
    totalCents: Math.round(v1.total * 100),
  }),
  'currency "EUR"': (v2: object) => ({ ...v2, currency: "EUR" }),
};

/** `{"1": "fn"}` -> `{ 1: identity }`: the string "fn" stands for a function. */
function upcastersFrom(json: string): unknown {
  const value: unknown = JSON.parse(json);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, item === "fn" ? identity : item]),
  );
}

function chain(versions: string): Record<number, Upcaster> {
  return Object.fromEntries(listFrom(versions).map((version) => [Number(version), identity]));
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let cms: CMSDefinition | undefined;
  let refusal: unknown;
  let stored: unknown;
  let storedCopy: unknown;
  let result: CMSUpcastResult<object> | undefined;
  let eventResult: { payload: unknown; wasUpcast: boolean; fromVersion: number } | undefined;

  BeforeEachScenario(() => {
    cms = undefined;
    refusal = undefined;
    stored = undefined;
    storedCopy = undefined;
    result = undefined;
    eventResult = undefined;
  });

  const defineWith = (definition: unknown) => {
    refusal = captureError(() => {
      cms = defineCMS(definition as Parameters<typeof defineCMS>[0]);
    });
  };
  const refusedWithSingleProblem = (_ctx: unknown, problem: string) => {
    expect(cms).toBeUndefined();
    expect(onlyProblem(refusal)).toBe(problem);
  };
  const upcastStored = (_ctx: unknown, json: string) => {
    if (cms === undefined) throw new Error("no CMS definition");
    const definition = cms;
    stored = JSON.parse(json);
    storedCopy = structuredClone(stored);
    refusal = captureError(() => {
      result = upcastCMS(definition, stored as Record<string, unknown>);
    });
  };
  const givenOrdersCms = (_ctx: unknown, version: number) => {
    cms = orderCMS;
    expect(orderCMS.currentVersion).toBe(version);
  };
  const givenChainTable = (
    _ctx: unknown,
    cmsType: string,
    version: number,
    rows: { from: string; adds: string }[],
  ) => {
    const upcasters = Object.fromEntries(
      rows.map((row) => {
        const upcaster = knownUpcasters[row.adds];
        expect(upcaster, `no known upcaster adds ${row.adds}`).toBeDefined();
        return [Number(row.from), upcaster as Upcaster];
      }),
    );
    cms = defineCMS({ cmsType, currentVersion: version, upcasters });
    expect(Object.keys(cms.upcasters)).toEqual(rows.map((row) => row.from));
  };
  const thenStateIs = (_ctx: unknown, json: string) => {
    expect(refusal).toBeUndefined();
    expect(result?.state).toEqual(JSON.parse(json));
  };
  const thenUpcastFrom = (_ctx: unknown, version: number) => {
    expect(result?.wasUpcast).toBe(true);
    expect(result?.fromVersion).toBe(version);
  };
  const refusedWithCodeAndMessage = (_ctx: unknown, code: string, message: string) => {
    expect(isUpcastError(refusal), String(refusal)).toBe(true);
    expect((refusal as UpcastError).code).toBe(code);
    expect((refusal as UpcastError).message).toBe(message);
  };

  Rule(
    "The upcaster chain is complete when the CMS is defined",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("A CMS at version 1 needs no upcasters", ({ When, Then }) => {
        When(
          "a CMS {string} at current version {int} is defined without upcasters",
          (_ctx, cmsType: string, currentVersion: number) =>
            defineWith({ cmsType, currentVersion }),
        );
        Then("it is accepted with no upcasters", () => {
          expect(refusal).toBeUndefined();
          expect(cms?.upcasters).toEqual({});
          expect(cms?.kind).toBe("cms");
          expect(Object.isFrozen(cms)).toBe(true);
        });
      });

      RuleScenario(
        "A gap in the chain is refused with CMS_UPCASTER_CHAIN_GAP",
        ({ When, Then }) => {
          When(
            "a CMS {string} at current version {int} is defined with upcasters for versions {string}",
            (_ctx, cmsType: string, currentVersion: number, versions: string) =>
              defineWith({ cmsType, currentVersion, upcasters: chain(versions) }),
          );
          Then(
            "it is refused with code {string} and the message:",
            (_ctx, code: string, message: string) => {
              expect(definitionError(refusal).code).toBe(code);
              expect(trimLines(definitionError(refusal).message)).toBe(message);
            },
          );
        },
      );

      RuleScenario(
        "A current version without any upcaster is a gap at every step",
        ({ When, Then }) => {
          When(
            "a CMS {string} at current version {int} is defined with upcasters for versions {string}",
            (_ctx, cmsType: string, currentVersion: number, versions: string) =>
              defineWith({ cmsType, currentVersion, upcasters: chain(versions) }),
          );
          Then("it is refused with the single problem {string}", refusedWithSingleProblem);
        },
      );

      RuleScenarioOutline(
        "Upcasters that are not steps of the chain are refused",
        ({ When, Then }, variables) => {
          When('a CMS "orderCMS" at current version 3 is defined with upcasters <upcasters>', () =>
            defineWith({
              cmsType: "orderCMS",
              currentVersion: 3,
              upcasters: upcastersFrom(variables.upcasters),
            }),
          );
          Then("it is refused with the problems '<problems>'", () => {
            expect(cms).toBeUndefined();
            expect(problemLines(refusal)).toEqual([variables.problems]);
          });
        },
      );

      RuleScenarioOutline("A malformed CMS definition is refused", ({ When, Then }, variables) => {
        When("a CMS is defined from <definition>", () =>
          defineWith(JSON.parse(variables.definition)),
        );
        Then("it is refused with the single problem '<problem>'", () =>
          refusedWithSingleProblem(undefined, variables.problem),
        );
      });
    },
  );

  Rule("A stored snapshot is upcast step by step to the current version", ({ RuleScenario }) => {
    RuleScenario(
      "A snapshot at an older version is upcast through every step",
      ({ Given, When, Then, And }) => {
        Given("the CMS {string} at current version {int} whose upcasters are:", givenChainTable);
        When("the stored snapshot {any} is upcast", upcastStored);
        Then("the state is {any}", thenStateIs);
        And("it was upcast from version {int}", thenUpcastFrom);
        And("the stored snapshot is unchanged", () => {
          expect(stored).toEqual(storedCopy);
          expect(result?.state).not.toBe(stored);
        });
      },
    );

    RuleScenario(
      "A snapshot one version behind goes through the last step only",
      ({ Given, When, Then, And }) => {
        Given("the CMS {string} at current version {int} whose upcasters are:", givenChainTable);
        When("the stored snapshot {any} is upcast", upcastStored);
        Then("the state is {any}", thenStateIs);
        And("it was upcast from version {int}", thenUpcastFrom);
      },
    );

    RuleScenario(
      "A snapshot at the current version is returned as it is",
      ({ Given, When, Then }) => {
        Given("the orders CMS at current version {int}", givenOrdersCms);
        When("the stored snapshot {any} is upcast", upcastStored);
        Then(
          "the very same object is returned, not upcast, from version {int}",
          (_ctx, version: number) => {
            expect(result?.state).toBe(stored);
            expect(result?.wasUpcast).toBe(false);
            expect(result?.fromVersion).toBe(version);
            const typed = upcastCMS(orderCMS, {
              stateVersion: 2,
              orderId: "o",
              status: "draft",
              totalCents: 1,
            });
            expectTypeOf(typed.state).toEqualTypeOf<OrderCMS & { readonly stateVersion: number }>();
          },
        );
      },
    );
  });

  Rule(
    "A snapshot that cannot be upcast is refused with a clear error",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Snapshots from the future or without a version are refused",
        ({ Given, When, Then }, variables) => {
          Given("the orders CMS at current version 2", () => givenOrdersCms(undefined, 2));
          When("the stored snapshot <stored> is upcast", () =>
            upcastStored(undefined, variables.stored),
          );
          Then("it is refused with code \"<code>\" and the message '<message>'", () =>
            refusedWithCodeAndMessage(undefined, variables.code, variables.message),
          );
        },
      );

      RuleScenario(
        "An upcaster that throws is reported with its step and cause",
        ({ Given, When, Then, And }) => {
          let thrown: Error | undefined;
          Given(
            "a CMS {string} at current version {int} whose upcaster from {int} throws {string}",
            (_ctx, cmsType: string, currentVersion: number, from: number, message: string) => {
              thrown = new Error(message);
              const failing = thrown;
              cms = defineCMS({
                cmsType,
                currentVersion,
                upcasters: {
                  [from]: () => {
                    throw failing;
                  },
                },
              });
              expect(cms.currentVersion).toBe(currentVersion);
            },
          );
          When("the stored snapshot {any} is upcast", upcastStored);
          Then(
            "it is refused with code {string} and the message {string}",
            refusedWithCodeAndMessage,
          );
          And(
            "the error keeps the upcaster's error as its cause, the stored version {int} and the current version {int}",
            (_ctx, storedVersion: number, currentVersion: number) => {
              const error = refusal as UpcastError;
              expect(error.cause).toBe(thrown);
              expect(error.storedVersion).toBe(storedVersion);
              expect(error.currentVersion).toBe(currentVersion);
            },
          );
        },
      );

      RuleScenario(
        "An upcaster that returns something other than an object is refused",
        ({ Given, When, Then }) => {
          Given(
            "a CMS {string} at current version {int} whose upcaster from {int} returns null",
            (_ctx, cmsType: string, currentVersion: number, from: number) => {
              cms = defineCMS({ cmsType, currentVersion, upcasters: { [from]: () => null } });
              expect(cms.upcasters[from]).toBeTypeOf("function");
            },
          );
          When("the stored snapshot {any} is upcast", upcastStored);
          Then(
            "it is refused with code {string} and the message {string}",
            refusedWithCodeAndMessage,
          );
        },
      );

      RuleScenario("Upcast errors are recognised by their guard", ({ Given, When, Then, And }) => {
        Given("the orders CMS at current version {int}", givenOrdersCms);
        When("the stored snapshot {any} is upcast", upcastStored);
        Then(
          "isUpcastError holds for the refusal, with {string} and not with {string}",
          (_ctx, code: string, other: string) => {
            expect(isUpcastError(refusal)).toBe(true);
            expect(isUpcastError(refusal, code as "CMS_VERSION_FROM_FUTURE")).toBe(true);
            expect(isUpcastError(refusal, other as "CMS_UPCAST_FAILED")).toBe(false);
          },
        );
        And("the refusal is an UpcastError for type {string}", (_ctx, typeName: string) => {
          expect(refusal).toBeInstanceOf(UpcastError);
          expect((refusal as UpcastError).typeName).toBe(typeName);
          expect((refusal as UpcastError).storedVersion).toBe(9);
        });
        And("isUpcastError does not hold for a plain Error", () => {
          expect(isUpcastError(new Error("CMS_UPCAST_FAILED"))).toBe(false);
          expect(isUpcastError({ name: "UpcastError", code: "CMS_UPCAST_FAILED" })).toBe(false);
        });
      });
    },
  );

  Rule(
    "Stored event payloads are upcast at read time the same way",
    ({ RuleScenario, RuleScenarioOutline }) => {
      const givenEvent = (_ctx: unknown, version: number) => {
        expect(orderSubmitted.schemaVersion).toBe(version);
      };
      const upcastPayload = (_ctx: unknown, json: string, version: number) => {
        refusal = captureError(() => {
          eventResult = upcastEvent(orderSubmitted, {
            schemaVersion: version,
            payload: JSON.parse(json),
          });
        });
      };
      const thenPayloadIs = (_ctx: unknown, json: string) => {
        expect(refusal).toBeUndefined();
        expect(eventResult?.payload).toEqual(JSON.parse(json));
      };

      RuleScenario(
        "A version 1 OrderSubmitted payload is read as version 2",
        ({ Given, When, Then, And }) => {
          Given("the OrderSubmitted event definition at schema version {int}", givenEvent);
          When("the stored payload {any} at schema version {int} is upcast", upcastPayload);
          Then("the payload is {any}", thenPayloadIs);
          And("it was upcast from version {int}", (_ctx, version: number) => {
            expect(eventResult?.wasUpcast).toBe(true);
            expect(eventResult?.fromVersion).toBe(version);
          });
        },
      );

      RuleScenario(
        "A current payload is parsed without upcasting",
        ({ Given, When, Then, And }) => {
          Given("the OrderSubmitted event definition at schema version {int}", givenEvent);
          When("the stored payload {any} at schema version {int} is upcast", upcastPayload);
          Then("the payload is {any}", thenPayloadIs);
          And("it was not upcast", () => {
            expect(eventResult?.wasUpcast).toBe(false);
            expect(eventResult?.fromVersion).toBe(2);
          });
        },
      );

      RuleScenarioOutline(
        "A stored event that cannot be read as the current version is refused",
        ({ Given, When, Then }, variables) => {
          Given("the OrderSubmitted event definition at schema version 2", () =>
            givenEvent(undefined, 2),
          );
          When("the stored payload <payload> at schema version <version> is upcast", () =>
            upcastPayload(undefined, variables.payload, Number(variables.version)),
          );
          Then('it is refused with code "<code>"', () => {
            expect(eventResult).toBeUndefined();
            expect((refusal as { code?: unknown }).code).toBe(variables.code);
          });
        },
      );

      RuleScenario(
        "An event definition with a gap in its upcasters is refused",
        ({ When, Then }) => {
          When(
            "an event {string} at schema version {int} is defined with upcasters for versions {string}",
            (_ctx, eventType: string, schemaVersion: number, versions: string) => {
              refusal = captureError(() =>
                defineEvent({
                  eventType,
                  boundedContext: "orders",
                  schemaVersion,
                  category: "domain",
                  payload: z.object({ orderId: z.string() }),
                  upcasters: chain(versions),
                }),
              );
            },
          );
          Then("it is refused with the single problem {string}", (_ctx, problem: string) => {
            expect(onlyProblem(refusal)).toBe(problem);
          });
        },
      );
    },
  );
});
