import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { PaginationResult } from "convex/server";
import { expect, expectTypeOf } from "vitest";
import { z } from "zod";
import {
  defineCommand,
  defineEvent,
  defineQuery,
  EVENT_CATEGORIES,
  isEventCategory,
  isMessageValidationError,
  MessageValidationError,
  QUERY_RESULT_MODES,
} from "../../src/index.js";
import type { CommandOf, EventOf, QueryArgsOf, QueryResult } from "../../src/index.js";
import {
  captureError,
  featurePath,
  listFrom,
  onlyProblem,
  thrownBy,
  trimLines,
} from "../support/helpers.js";
import {
  createOrder,
  getOrderSummary,
  listOrders,
  orderSubmitted,
  submitOrder,
} from "../support/orders.js";

const feature = await loadFeature(featurePath("message-definitions.feature"));

const validFields = {
  command: () => ({
    commandType: "SubmitOrder",
    boundedContext: "orders",
    payload: z.object({ orderId: z.string() }),
  }),
  event: () => ({
    eventType: "OrderSubmitted",
    boundedContext: "orders",
    schemaVersion: 1,
    category: "domain",
    payload: z.object({ orderId: z.string() }),
  }),
  query: () => ({
    queryName: "getOrderSummary",
    boundedContext: "orders",
    args: z.object({ orderId: z.string() }),
    resultMode: "single",
  }),
} as const;

const definers = {
  command: (fields: unknown) => defineCommand(fields as Parameters<typeof defineCommand>[0]),
  event: (fields: unknown) => defineEvent(fields as Parameters<typeof defineEvent>[0]),
  query: (fields: unknown) => defineQuery(fields as Parameters<typeof defineQuery>[0]),
};

type Kind = keyof typeof validFields;

function asKind(value: string): Kind {
  if (value === "command" || value === "event" || value === "query") return value;
  throw new Error(`unknown kind ${value}`);
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  let input: unknown;
  let parsed: unknown;
  let refusal: unknown;

  BeforeEachScenario(() => {
    input = undefined;
    parsed = undefined;
    refusal = undefined;
  });

  const parseSubmitOrder = (_ctx: unknown, json: string) => {
    input = JSON.parse(json);
    refusal = captureError(() => {
      parsed = submitOrder.parse(input);
    });
    expect(input).toBeDefined();
  };

  Rule("A command definition validates its payload and creates commands", ({ RuleScenario }) => {
    RuleScenario(
      "A valid payload is parsed and a command is created",
      ({ Given, When, Then, And }) => {
        Given("the SubmitOrder command definition", () => {
          expect(submitOrder.kind).toBe("command");
        });
        When("the payload {any} is parsed", parseSubmitOrder);
        Then("the parsed payload equals the input", () => {
          expect(refusal).toBeUndefined();
          expect(parsed).toEqual(input);
        });
        And(
          "creating it with metadata {any} gives a frozen {string} command with that payload and metadata",
          (_ctx, json: string, type: string) => {
            const metadata = JSON.parse(json) as { correlationId: string };
            const command = submitOrder.create(input as never, metadata);
            expect(command).toEqual({ type, data: input, metadata });
            expect(Object.isFrozen(command)).toBe(true);
          },
        );
        And(
          "the definition documents target aggregate {string}, produced events {string} and error codes {string}",
          (_ctx, aggregate: string, events: string, codes: string) => {
            expect(submitOrder.targetAggregate).toBe(aggregate);
            expect(submitOrder.producesEvents).toEqual(listFrom(events));
            expect(submitOrder.errorCodes).toEqual(listFrom(codes));
            expect(submitOrder.createsAggregate).toBe(false);
            expect(Object.isFrozen(submitOrder)).toBe(true);
          },
        );
      },
    );

    RuleScenario(
      "An invalid payload is refused with every issue and its path",
      ({ Given, When, Then, And }) => {
        Given("the SubmitOrder command definition", () => {
          expect(submitOrder.commandType).toBe("SubmitOrder");
        });
        When("the payload {any} is parsed", parseSubmitOrder);
        Then(
          "it is refused with code {string} and the message:",
          (_ctx, code: string, message: string) => {
            expect(isMessageValidationError(refusal)).toBe(true);
            const error = refusal as MessageValidationError;
            expect(error.code).toBe(code);
            expect(trimLines(error.message)).toBe(message);
            expect(error.issues).toHaveLength(3);
          },
        );
        And("safeParse returns the same error instead of throwing it", () => {
          const result = submitOrder.safeParse(input);
          expect(result.success).toBe(false);
          if (result.success) return;
          expect(result.error.message).toBe((refusal as Error).message);
          expect(submitOrder.safeParse({ orderId: "o-1", items: [] })).toEqual({
            success: true,
            data: { orderId: "o-1", items: [] },
          });
        });
        And("creating a command from that payload throws the same error", () => {
          const error = thrownBy(() => submitOrder.create(input as never));
          expect((error as Error).message).toBe((refusal as Error).message);
        });
      },
    );

    RuleScenario(
      "The command and payload types are inferred from the definition",
      ({ Given, Then, And }) => {
        Given("the SubmitOrder command definition", () => {
          expect(submitOrder.payload).toBeDefined();
        });
        Then(
          'CommandOf the definition is a "SubmitOrder" command whose data has an orderId string and items',
          () => {
            type Submit = CommandOf<typeof submitOrder>;
            expectTypeOf<Submit["type"]>().toEqualTypeOf<"SubmitOrder">();
            expectTypeOf<Submit["data"]["orderId"]>().toEqualTypeOf<string>();
            expectTypeOf<Submit["data"]["items"][number]["quantity"]>().toEqualTypeOf<number>();
            const command: Submit = submitOrder.create({ orderId: "o-2", items: [] });
            expect(command.type).toBe("SubmitOrder");
          },
        );
        And("a payload without orderId is a compile error for create", () => {
          // @ts-expect-error orderId is required by the payload schema
          const error = thrownBy(() => submitOrder.create({ items: [] }));
          expect(isMessageValidationError(error, "INVALID_COMMAND_PAYLOAD")).toBe(true);
        });
      },
    );

    RuleScenario("Optional documentation defaults to nothing", ({ Given, Then }) => {
      Given("the CreateOrder command definition", () => {
        expect(createOrder.commandType).toBe("CreateOrder");
      });
      Then(
        "it creates its aggregate, targets no aggregate and documents no events or error codes",
        () => {
          expect(createOrder.createsAggregate).toBe(true);
          expect(createOrder.targetAggregate).toBeUndefined();
          expect(createOrder.description).toBeUndefined();
          expect(createOrder.producesEvents).toEqual([]);
          expect(createOrder.errorCodes).toEqual([]);
        },
      );
    });
  });

  Rule("An event definition carries its schema version and category", ({ RuleScenario }) => {
    RuleScenario(
      "An event is created and parsed against its current schema",
      ({ Given, Then, And }) => {
        Given("the OrderSubmitted event definition", () => {
          expect(orderSubmitted.kind).toBe("event");
        });
        Then(
          "it is a {string} event at schema version {int} of context {string}",
          (_ctx, category: string, version: number, context: string) => {
            expect(orderSubmitted.category).toBe(category);
            expect(orderSubmitted.schemaVersion).toBe(version);
            expect(orderSubmitted.boundedContext).toBe(context);
          },
        );
        And(
          "creating it from {any} gives a frozen {string} event without metadata",
          (_ctx, json: string, type: string) => {
            const payload = JSON.parse(json);
            const event: EventOf<typeof orderSubmitted> = orderSubmitted.create(payload);
            expect(event).toEqual({ type, data: payload });
            expect(event).not.toHaveProperty("metadata");
            expect(Object.isFrozen(event)).toBe(true);
            expectTypeOf(event.data.customer.name).toEqualTypeOf<string>();
          },
        );
        And(
          "parsing {any} is refused with code {string} naming the paths {string}",
          (_ctx, json: string, code: string, paths: string) => {
            const result = orderSubmitted.safeParse(JSON.parse(json));
            expect(result.success).toBe(false);
            if (result.success) return;
            expect(result.error.code).toBe(code);
            expect(result.error.issues.map((issue) => issue.path)).toEqual(listFrom(paths));
            expect(thrownBy(() => orderSubmitted.parse(JSON.parse(json)))).toBeInstanceOf(
              MessageValidationError,
            );
          },
        );
      },
    );

    RuleScenario(
      "The event categories are domain, integration, trigger and fat",
      ({ Then, And }) => {
        Then("EVENT_CATEGORIES are {string}", (_ctx, categories: string) => {
          expect(EVENT_CATEGORIES).toEqual(listFrom(categories));
        });
        And('isEventCategory holds for each of them and not for "view", "" or 3', () => {
          for (const category of EVENT_CATEGORIES) expect(isEventCategory(category)).toBe(true);
          for (const other of ["view", "", 3]) expect(isEventCategory(other)).toBe(false);
        });
      },
    );
  });

  Rule("A query definition validates its args and fixes its result shape", ({ RuleScenario }) => {
    RuleScenario(
      "Query args are parsed and the result mode fixes the result type",
      ({ Given, Then, And }) => {
        Given("the getOrderSummary query definition", () => {
          expect(getOrderSummary.kind).toBe("query");
        });
        Then(
          "it reads projection {string} in result mode {string}",
          (_ctx, projection: string, mode: string) => {
            expect(getOrderSummary.targetProjection).toBe(projection);
            expect(getOrderSummary.resultMode).toBe(mode);
            expect(getOrderSummary.parse({ orderId: "o-1" })).toEqual({ orderId: "o-1" });
          },
        );
        And(
          "parsing {any} is refused with code {string} and the message:",
          (_ctx, json: string, code: string, message: string) => {
            const error = thrownBy(() => getOrderSummary.parse(JSON.parse(json)));
            expect(isMessageValidationError(error, code as "INVALID_QUERY_ARGS")).toBe(true);
            expect(trimLines((error as Error).message)).toBe(message);
          },
        );
        And(
          'the result type is the row or null for "single", Convex\'s PaginationResult for "paginated"',
          () => {
            type Row = { orderId: string };
            expectTypeOf<QueryResult<typeof getOrderSummary, Row>>().toEqualTypeOf<Row | null>();
            expectTypeOf<QueryResult<typeof listOrders, Row>>().toEqualTypeOf<
              PaginationResult<Row>
            >();
            expectTypeOf<
              QueryArgsOf<typeof listOrders>["paginationOpts"]["cursor"]
            >().toEqualTypeOf<string | null>();
            expect(listOrders.resultMode).toBe("paginated");
          },
        );
        And("QUERY_RESULT_MODES are {string}", (_ctx, modes: string) => {
          expect(QUERY_RESULT_MODES).toEqual(listFrom(modes));
        });
      },
    );
  });

  Rule(
    "A malformed message definition is refused with every problem named",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Each malformed field of a command, event or query is named",
        ({ Given, When, Then }, variables) => {
          let fields: Record<string, unknown> = {};
          let kind: Kind = "command";
          Given("a valid <kind> definition with <field> set to <value>", () => {
            kind = asKind(variables.kind);
            fields = { ...validFields[kind]() };
            const value: unknown = JSON.parse(variables.value);
            if (value === null) delete fields[variables.field];
            else fields[variables.field] = value;
            expect(captureError(() => definers[kind](validFields[kind]()))).toBeUndefined();
          });
          When("it is defined", () => {
            refusal = captureError(() => definers[kind](fields));
            expect(refusal).toBeDefined();
          });
          Then("it is refused with the single problem '<problem>'", () => {
            expect(onlyProblem(refusal)).toBe(variables.problem);
          });
        },
      );

      RuleScenario(
        "Message validation errors are recognised by their guard",
        ({ Given, When, Then, And }) => {
          Given("the SubmitOrder command definition", () => {
            expect(submitOrder.boundedContext).toBe("orders");
          });
          When("the payload {any} is parsed", parseSubmitOrder);
          Then(
            "isMessageValidationError holds for the refusal, with {string} and not with {string}",
            (_ctx, code: string, other: string) => {
              expect(isMessageValidationError(refusal)).toBe(true);
              expect(isMessageValidationError(refusal, code as "INVALID_COMMAND_PAYLOAD")).toBe(
                true,
              );
              expect(isMessageValidationError(refusal, other as "INVALID_QUERY_ARGS")).toBe(false);
            },
          );
          And(
            "the refusal is a MessageValidationError for message type {string} with the issue {string}",
            (_ctx, type: string, path: string) => {
              expect(refusal).toBeInstanceOf(MessageValidationError);
              const error = refusal as MessageValidationError;
              expect(error.messageType).toBe(type);
              expect(error.issues.map((issue) => issue.path)).toEqual([path]);
            },
          );
          And(
            "isMessageValidationError does not hold for a plain Error or a definition error",
            () => {
              const definitionError = captureError(() => definers.query({}));
              expect(definitionError).toBeInstanceOf(Error);
              expect(isMessageValidationError(definitionError)).toBe(false);
              expect(isMessageValidationError(new Error("INVALID_COMMAND_PAYLOAD"))).toBe(false);
            },
          );
        },
      );
    },
  );
});
