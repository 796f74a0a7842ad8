import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, expectTypeOf } from "vitest";
import {
  declaresErrorCode,
  defineDualWriteContract,
  EXECUTION_MODES,
  handlesCommand,
  producesEvent,
} from "../../src/index.js";
import type {
  AnyDualWriteContract,
  CMSTypeOf,
  CommandTypeOf,
  ContextNameOf,
  ErrorCodeOf,
  EventTypeOf,
} from "../../src/index.js";
import {
  captureError,
  definitionError,
  featurePath,
  listFrom,
  onlyProblem,
  problemLines,
  trimLines,
} from "../support/helpers.js";
import { ordersContract, ordersIdentity } from "../support/orders.js";

const feature = await loadFeature(featurePath("dual-write-contract.feature"));

type Orders = typeof ordersContract;

const baseFields = (): Record<string, unknown> => ({
  identity: ordersIdentity,
  executionMode: "dual-write",
  commandTypes: ["CreateOrder", "SubmitOrder", "CancelOrder"],
  eventTypes: ["OrderCreated", "OrderSubmitted", "OrderCancelled"],
  cmsTypes: { orderCMS: { currentVersion: 2 } },
  errorCodes: ["ORDER_NOT_FOUND", "ORDER_NOT_IN_DRAFT"],
});

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let fields: Record<string, unknown> = baseFields();
  let contract: AnyDualWriteContract | undefined;
  let refusal: unknown;

  BeforeEachScenario(() => {
    fields = baseFields();
    contract = undefined;
    refusal = undefined;
  });

  const givenOrdersContract = () => {
    contract = ordersContract;
    expect(contract.identity).toBe(ordersIdentity);
  };
  const givenFieldValue = (_ctx: unknown, field: string, json: string) => {
    expect(fields, `unknown field ${field}`).toHaveProperty(field);
    fields[field] = JSON.parse(json);
  };
  const define = () => {
    refusal = captureError(() => {
      contract = defineDualWriteContract(
        fields as unknown as Parameters<typeof defineDualWriteContract>[0],
      );
    });
  };
  const defineRefused = () => {
    define();
    expect(contract).toBeUndefined();
  };
  const current = (): AnyDualWriteContract => {
    if (contract === undefined) throw new Error(`no contract: ${String(refusal)}`);
    return contract;
  };

  Rule("A valid contract is frozen and its type unions are inferred", ({ RuleScenario }) => {
    RuleScenario("The contract keeps what it declares", ({ Given, Then, And }) => {
      Given("the orders contract", givenOrdersContract);
      Then("its command types are {string}", (_ctx, types: string) => {
        expect(current().commandTypes).toEqual(listFrom(types));
      });
      And("its event types are {string}", (_ctx, types: string) => {
        expect(current().eventTypes).toEqual(listFrom(types));
      });
      And("its CMS {string} is at version {int}", (_ctx, cmsType: string, version: number) => {
        expect(current().cmsTypes[cmsType]).toEqual({ currentVersion: version });
      });
      And("its error codes are {string}", (_ctx, codes: string) => {
        expect(current().errorCodes).toEqual(listFrom(codes));
      });
      And("the contract, its lists and its CMS declarations are frozen", () => {
        const c = current();
        for (const part of [
          c,
          c.commandTypes,
          c.eventTypes,
          c.errorCodes,
          c.cmsTypes,
          c.identity,
        ]) {
          expect(Object.isFrozen(part)).toBe(true);
        }
        expect(Object.isFrozen(c.cmsTypes.orderCMS)).toBe(true);
      });
      And('EXECUTION_MODES lists only "dual-write"', () => {
        expect(EXECUTION_MODES).toEqual(["dual-write"]);
        expect(EXECUTION_MODES).toContain(current().executionMode);
      });
    });

    RuleScenario(
      "Command, event, CMS and error code unions come from the contract's type",
      ({ Given, Then, And }) => {
        Given("the orders contract", givenOrdersContract);
        Then('CommandTypeOf is exactly "CreateOrder" | "SubmitOrder" | "CancelOrder"', () => {
          expectTypeOf<CommandTypeOf<Orders>>().toEqualTypeOf<
            "CreateOrder" | "SubmitOrder" | "CancelOrder"
          >();
          expect(ordersContract.commandTypes).toHaveLength(3);
        });
        And('EventTypeOf is exactly "OrderCreated" | "OrderSubmitted" | "OrderCancelled"', () => {
          expectTypeOf<EventTypeOf<Orders>>().toEqualTypeOf<
            "OrderCreated" | "OrderSubmitted" | "OrderCancelled"
          >();
          expect(ordersContract.eventTypes).toHaveLength(3);
        });
        And(
          'CMSTypeOf is exactly "orderCMS", ErrorCodeOf the two codes and ContextNameOf "orders"',
          () => {
            expectTypeOf<CMSTypeOf<Orders>>().toEqualTypeOf<"orderCMS">();
            expectTypeOf<ErrorCodeOf<Orders>>().toEqualTypeOf<
              "ORDER_NOT_FOUND" | "ORDER_NOT_IN_DRAFT"
            >();
            expectTypeOf<ContextNameOf<Orders>>().toEqualTypeOf<"orders">();
            expect(Object.keys(ordersContract.cmsTypes)).toEqual(["orderCMS"]);
          },
        );
        And("a command type outside the contract is a compile error", () => {
          const accepted: CommandTypeOf<Orders> = "SubmitOrder";
          // @ts-expect-error "ShipOrder" is not one of the contract's command types
          const refused: CommandTypeOf<Orders> = "ShipOrder";
          expect(handlesCommand(ordersContract, accepted)).toBe(true);
          expect(handlesCommand(ordersContract, refused)).toBe(false);
        });
      },
    );

    RuleScenario(
      "The contract answers which commands, events and codes it declares",
      ({ Given, Then, And }) => {
        Given("the orders contract", givenOrdersContract);
        Then(
          "handlesCommand is true for {string} and false for {string}",
          (_ctx, yes: string, no: string) => {
            expect(handlesCommand(current(), yes)).toBe(true);
            expect(handlesCommand(current(), no)).toBe(false);
          },
        );
        And(
          "producesEvent is true for {string} and false for {string}",
          (_ctx, yes: string, no: string) => {
            expect(producesEvent(current(), yes)).toBe(true);
            expect(producesEvent(current(), no)).toBe(false);
          },
        );
        And(
          "declaresErrorCode is true for {string} and false for {string}",
          (_ctx, yes: string, no: string) => {
            expect(declaresErrorCode(current(), yes)).toBe(true);
            expect(declaresErrorCode(current(), no)).toBe(false);
          },
        );
        And("handlesCommand narrows a string to the contract's command types", () => {
          const incoming: string = "CancelOrder";
          if (!handlesCommand(ordersContract, incoming)) throw new Error("expected CancelOrder");
          expectTypeOf(incoming).toEqualTypeOf<CommandTypeOf<Orders>>();
          expect(incoming).toBe("CancelOrder");
        });
      },
    );

    RuleScenario(
      "A context without rejections may declare no error codes",
      ({ Given, When, Then }) => {
        Given("the orders contract with {word} {any}", givenFieldValue);
        When("the contract is defined", define);
        Then("the contract is accepted with no error codes", () => {
          expect(refusal).toBeUndefined();
          expect(current().errorCodes).toEqual([]);
          const empty = defineDualWriteContract({
            identity: ordersIdentity,
            executionMode: "dual-write",
            commandTypes: ["CreateOrder"],
            eventTypes: ["OrderCreated"],
            cmsTypes: { orderCMS: { currentVersion: 1 } },
            errorCodes: [],
          });
          expectTypeOf<ErrorCodeOf<typeof empty>>().toEqualTypeOf<never>();
          expect(empty.errorCodes).toEqual([]);
        });
      },
    );
  });

  Rule(
    "A malformed contract is refused with every problem named",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Each kind of problem has its code and says what was expected",
        ({ Given, When, Then }, variables) => {
          Given("the orders contract with <field> <value>", () =>
            givenFieldValue(undefined, variables.field, variables.value),
          );
          When("the contract is defined", defineRefused);
          Then("it is refused with the single problem '<problem>'", () => {
            expect(onlyProblem(refusal)).toBe(variables.problem);
          });
        },
      );

      RuleScenario(
        "Several problems are reported together under the context's name",
        ({ Given, When, Then }) => {
          Given(
            "the orders contract with these fields:",
            (_ctx, rows: { field: string; value: string }[]) => {
              expect(rows.length).toBeGreaterThan(1);
              for (const row of rows) givenFieldValue(undefined, row.field, row.value);
            },
          );
          When("the contract is defined", defineRefused);
          Then("the error message is:", (_ctx, message: string) => {
            expect(trimLines(definitionError(refusal).message)).toBe(message);
          });
        },
      );

      RuleScenario("A missing list or mode is required, not assumed", ({ Given, When, Then }) => {
        Given("the orders contract without {string}", (_ctx, names: string) => {
          for (const name of listFrom(names)) {
            expect(fields).toHaveProperty(name);
            delete fields[name];
          }
        });
        When("the contract is defined", defineRefused);
        Then("the problems are:", (_ctx, rows: { problem: string }[]) => {
          expect(problemLines(refusal)).toEqual(rows.map((row) => row.problem));
        });
      });
    },
  );
});
