import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { isBoundedContextDefinitionError, isEventCategory } from "@convex-es/platform-bc";
import { z } from "zod";
import { expect } from "vitest";
import {
  chooseEventStyle,
  defineFatEvent,
  definePiiRegistry,
  defineSnapshot,
  findPii,
  piiFieldsOf,
  readFatEvent,
  shredPii,
} from "../../src/index.js";
import type {
  EventConsumers,
  EventStyleChoice,
  FatEventRead,
  PiiRegistry,
  PiiValue,
  ShreddedPayload,
  StoredFatEvent,
} from "../../src/index.js";
import {
  ALICE,
  BOB,
  customerRegistered,
  orderOf,
  orderSubmitted,
  PARIS,
  stockMoved,
  warehouseSnapshot,
} from "../support/fatEvents.js";
import { captureError, coreError, featurePath, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("fat-events.feature"));

type Order = ReturnType<typeof orderOf>;
type Payload = Record<string, unknown>;

const state = world(() => ({
  built: undefined as Order | undefined,
  stored: undefined as StoredFatEvent | undefined,
  read: undefined as FatEventRead<Order["payload"]> | undefined,
  error: undefined as unknown,
  registry: undefined as PiiRegistry | undefined,
  found: [] as PiiValue[],
  shredded: {} as Record<string, ShreddedPayload>,
  choice: undefined as EventStyleChoice | undefined,
}));

const built = (): Order => state.value.built ?? orderOf(ALICE);
const get = (value: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((at, key) => (at as Payload | undefined)?.[key], value);

/** A stored OrderSubmitted of Alice whose customer snapshot is rewritten at `version`. */
function storedWithCustomer(version: number, data: Payload): StoredFatEvent {
  const payload = orderOf(ALICE).payload;
  return {
    schemaVersion: 2,
    payload: { ...payload, customer: { ...payload.customer, schemaVersion: version, data } },
  };
}
const aliceV1 = { customerId: ALICE.customerId, fullName: ALICE.name, mail: ALICE.email };

const name = z.object({ customerId: z.string(), phone: z.string().optional() });
const badDefinitions: Record<string, () => unknown> = {
  "snapshot with an unknown PII path": () =>
    defineSnapshot({
      source: "customers",
      schemaVersion: 1,
      schema: name,
      subject: "customerId",
      pii: ["phone", "customer.phone"],
    }),
  "snapshot with PII but no subject": () =>
    defineSnapshot({ source: "customers", schemaVersion: 1, schema: name, pii: ["phone"] }),
  "snapshot with an optional subject": () =>
    defineSnapshot({ source: "customers", schemaVersion: 1, schema: name, subject: "phone" }),
  "snapshot with a gap in its upcasters": () =>
    defineSnapshot({
      source: "customers",
      schemaVersion: 3,
      schema: name,
      upcasters: { 1: (v: unknown) => v },
    }),
  "snapshot of a source not in camelCase": () =>
    defineSnapshot({ source: "Customer Service", schemaVersion: 1, schema: name }),
  "fat event whose snapshot key collides": () =>
    defineFatEvent({
      eventType: "OrderPlaced",
      boundedContext: "orders",
      schemaVersion: 1,
      payload: z.object({ warehouse: z.string() }),
      snapshots: { warehouse: warehouseSnapshot },
    }),
  "fat event that sets a category": () =>
    defineFatEvent({
      eventType: "OrderPlaced",
      boundedContext: "orders",
      schemaVersion: 1,
      payload: z.object({ orderId: z.string() }),
      snapshots: { warehouse: warehouseSnapshot },
      ...{ category: "integration" },
    }),
  "fat event without snapshots": () =>
    defineFatEvent({
      eventType: "OrderPlaced",
      boundedContext: "orders",
      schemaVersion: 1,
      payload: z.object({ orderId: z.string() }),
      snapshots: {},
    }),
  "fat event whose subject is in an array": () =>
    defineFatEvent({
      eventType: "OrderPlaced",
      boundedContext: "orders",
      schemaVersion: 1,
      payload: z.object({ buyers: z.array(z.object({ id: z.string(), email: z.string() })) }),
      snapshots: { warehouse: warehouseSnapshot },
      subject: "buyers[].id",
      pii: ["buyers[].email"],
    }),
  "fat event marking its subject as PII": () =>
    defineFatEvent({
      eventType: "OrderPlaced",
      boundedContext: "orders",
      schemaVersion: 1,
      payload: z.object({ customerId: z.string() }),
      snapshots: { warehouse: warehouseSnapshot },
      subject: "customerId",
      pii: ["customerId"],
    }),
};

describeFeature(feature, ({ Rule, BeforeEachScenario, defineSteps }) => {
  BeforeEachScenario(() => state.reset());

  defineSteps(({ When, Then, And }) => {
    When("it is read", () => {
      state.value.error = captureError(() => {
        state.value.read = readFatEvent(orderSubmitted, state.value.stored!);
      });
    });
    for (const step of [Then, And]) {
      step("it is refused with {word}", (_ctx, code: string) => {
        expect(coreError(state.value.error).codes).toContain(code);
      });
      step("the problems mention {string} and {string}", (_ctx, first: string, second: string) => {
        const message = coreError(state.value.error).message;
        expect(message).toContain(first);
        expect(message).toContain(second);
      });
      step(
        "the read is refused with {word} saying {string}",
        (_ctx, code: string, text: string) => {
          const error = coreError(state.value.error);
          expect(error.code).toBe(code);
          expect(error.message).toContain(text);
        },
      );
    }
  });

  Rule("Snapshots travel in envelopes with their schema version", ({ RuleScenario }) => {
    RuleScenario("Building an event wraps each snapshot", ({ When, Then, And }) => {
      When("an OrderSubmitted of Alice is built at {int}", (_ctx, at: number) => {
        state.value.built = orderOf(ALICE, at);
      });
      Then(
        "the message is a {string} OrderSubmitted at schemaVersion {int}",
        (_ctx, category: string, version: number) => {
          expect(built()).toMatchObject({
            eventType: "OrderSubmitted",
            category,
            schemaVersion: version,
          });
        },
      );
      And(
        "its customer snapshot is at schemaVersion {int}, captured at {int}, with Alice's email",
        (_ctx, version: number, at: number) => {
          expect(built().payload.customer).toEqual({
            schemaVersion: version,
            capturedAt: at,
            data: ALICE,
          });
        },
      );
      And(
        "its warehouse snapshot is at schemaVersion {int} with city {string}",
        (_ctx, version: number, city: string) => {
          expect(built().payload.warehouse).toMatchObject({
            schemaVersion: version,
            data: { city },
          });
        },
      );
      And("the payload passes the definition's own parse", () => {
        expect(orderSubmitted.parse(built().payload)).toEqual(built().payload);
      });
    });

    RuleScenario("The definition is a platform-bc event definition", ({ Then, And }) => {
      Then(
        "OrderSubmitted is an event definition of context {string} in category {string}",
        (_ctx, context: string, category: string) => {
          expect(orderSubmitted).toMatchObject({
            kind: "event",
            boundedContext: context,
            category,
          });
          expect(isEventCategory(orderSubmitted.category)).toBe(true);
        },
      );
      And(
        "its payload schema has the fields orderId, customerId, total, deliveryNote, lines, customer, warehouse",
        () => {
          expect(Object.keys(orderSubmitted.payload.shape)).toEqual([
            "orderId",
            "customerId",
            "total",
            "deliveryNote",
            "lines",
            "customer",
            "warehouse",
          ]);
        },
      );
    });

    RuleScenario(
      "Snapshot data that does not match is refused, every problem listed",
      ({ When }) => {
        When("an OrderSubmitted is built with a customer without email and no warehouse", () => {
          state.value.error = captureError(() =>
            orderSubmitted.build({
              data: { orderId: "o-1", customerId: ALICE.customerId, total: 1, lines: [] },
              snapshots: { customer: { ...ALICE, email: "not an email" } } as never,
              capturedAt: 1,
            }),
          );
          expect(coreError(state.value.error).problems).toHaveLength(2);
        });
      },
    );

    RuleScenario("The event's own data is checked too", ({ When }) => {
      When("an OrderSubmitted is built with a quantity given as text and no total", () => {
        state.value.error = captureError(() =>
          orderSubmitted.build({
            data: {
              orderId: "o-1",
              customerId: ALICE.customerId,
              lines: [{ sku: "pen", quantity: "2" }],
            } as never,
            snapshots: { customer: ALICE, warehouse: PARIS },
            capturedAt: 1,
          }),
        );
      });
    });
  });

  Rule("Stored fat events are read at the current versions", ({ RuleScenario }) => {
    RuleScenario("An old customer snapshot is upcast on read", ({ Given, Then, And }) => {
      Given(
        "a stored OrderSubmitted v2 whose customer snapshot is at schemaVersion {int}",
        (_ctx, version: number) => {
          state.value.stored = storedWithCustomer(version, aliceV1);
        },
      );
      Then(
        "the customer data is at schemaVersion {int} with name {string} and tier {string}",
        (_ctx, version: number, fullName: string, tier: string) => {
          expect(state.value.error).toBeUndefined();
          expect(state.value.read!.payload.customer).toMatchObject({
            schemaVersion: version,
            data: { name: fullName, tier },
          });
        },
      );
      And("the read reports snapshot versions customer 1, warehouse 1 and an upcast", () => {
        expect(state.value.read).toMatchObject({
          fromVersion: 2,
          snapshotVersions: { customer: 1, warehouse: 1 },
          wasUpcast: true,
        });
      });
    });

    RuleScenario(
      "An old event is upcast by the event's upcasters, its snapshots by theirs",
      ({ Given, Then }) => {
        Given(
          "a stored OrderSubmitted v1 with amount {int} and a customer snapshot at schemaVersion 1",
          (_ctx, amount: number) => {
            const { total: _total, ...v1 } = storedWithCustomer(1, aliceV1).payload as Payload;
            state.value.stored = { schemaVersion: 1, payload: { ...v1, amount } };
          },
        );
        Then(
          "the total is {int} and the customer email is {string}",
          (_ctx, total: number, email: string) => {
            expect(state.value.error).toBeUndefined();
            expect(state.value.read!.payload.total).toBe(total);
            expect(state.value.read!.payload.customer.data.email).toBe(email);
            expect(state.value.read!.fromVersion).toBe(1);
          },
        );
      },
    );

    RuleScenario("A current event is read as it is", ({ Given, Then }) => {
      Given("a stored OrderSubmitted as built today", () => {
        state.value.stored = orderOf(BOB);
      });
      Then("the read reports no upcast", () => {
        expect(state.value.read).toEqual({
          payload: orderOf(BOB).payload,
          fromVersion: 2,
          snapshotVersions: { customer: 2, warehouse: 1 },
          wasUpcast: false,
        });
      });
    });

    RuleScenario("A snapshot from a newer deployment is refused", ({ Given }) => {
      Given(
        "a stored OrderSubmitted v2 whose customer snapshot is at schemaVersion {int}",
        (_ctx, version: number) => {
          state.value.stored = storedWithCustomer(version, { ...ALICE });
        },
      );
    });

    RuleScenario("An upcaster that throws is reported with its step", ({ Given }) => {
      Given("a stored OrderSubmitted v2 whose customer snapshot v1 has no fullName", () => {
        state.value.stored = storedWithCustomer(1, {
          customerId: ALICE.customerId,
          mail: ALICE.email,
        });
      });
    });
  });

  Rule("PII marks are declared in the definition and can be listed", ({ RuleScenario }) => {
    RuleScenario("The personal fields of an event, with their subjects", ({ Then }) => {
      Then(
        "the PII fields of OrderSubmitted are:",
        (_ctx, table: { path: string; subject: string; snapshot: string }[]) => {
          expect(piiFieldsOf(orderSubmitted)).toEqual(
            table.map((row) => ({
              path: row.path,
              subject: row.subject,
              snapshot: row.snapshot === "" ? undefined : row.snapshot,
            })),
          );
        },
      );
    });

    RuleScenario("A registry lists every personal field by event type", ({ When, Then, And }) => {
      When("a PII registry is made of OrderSubmitted, CustomerRegistered and StockMoved", () => {
        state.value.registry = definePiiRegistry([orderSubmitted, customerRegistered, stockMoved]);
      });
      Then("it lists the event types CustomerRegistered, OrderSubmitted", () => {
        expect(state.value.registry!.eventTypes).toEqual(["CustomerRegistered", "OrderSubmitted"]);
      });
      And(
        "it has {int} entries, {int} of them for CustomerRegistered",
        (_ctx, all: number, ofCustomer: number) => {
          const { entries } = state.value.registry!;
          expect(entries).toHaveLength(all);
          expect(entries.filter((entry) => entry.eventType === "CustomerRegistered")).toHaveLength(
            ofCustomer,
          );
          expect(state.value.registry!.fieldsOf("CustomerRegistered")).toEqual(
            piiFieldsOf(customerRegistered),
          );
        },
      );
      And("StockMoved has no personal fields", () => {
        expect(state.value.registry!.fieldsOf("StockMoved")).toEqual([]);
      });
    });

    RuleScenario("One event type is registered once", ({ When }) => {
      When("a PII registry is made of OrderSubmitted twice", () => {
        state.value.error = captureError(() => definePiiRegistry([orderSubmitted, orderSubmitted]));
      });
    });

    RuleScenario(
      "The personal values of one payload, with concrete paths",
      ({ When, Then, And }) => {
        When("the PII of an OrderSubmitted of Alice is searched", () => {
          state.value.found = findPii(orderSubmitted, orderOf(ALICE).payload);
        });
        Then(
          "{int} values of subject {string} are found",
          (_ctx, count: number, subjectId: string) => {
            expect(state.value.found).toHaveLength(count);
            expect(new Set(state.value.found.map((value) => value.subjectId))).toEqual(
              new Set([subjectId]),
            );
          },
        );
        And("one of them is at {string} with {string}", (_ctx, path: string, value: string) => {
          expect(state.value.found).toContainEqual({
            path,
            field: "lines[].giftRecipientEmail",
            subjectId: ALICE.customerId,
            value,
          });
        });
      },
    );
  });

  Rule("Shredding replaces a forgotten subject's values by a key reference", ({ RuleScenario }) => {
    const forgotten = (id: string) => id === ALICE.customerId;

    RuleScenario("Alice is forgotten", ({ When, Then, And }) => {
      When("Alice's and Bob's orders are read with Alice forgotten", () => {
        state.value.shredded.alice = shredPii(orderSubmitted, orderOf(ALICE).payload, forgotten);
        state.value.shredded.bob = shredPii(orderSubmitted, orderOf(BOB).payload, forgotten);
      });
      Then(
        "in Alice's order deliveryNote, lines.1.giftRecipientEmail, customer.data.name, customer.data.email are shredded",
        () => {
          expect(state.value.shredded.alice!.shredded).toEqual([
            "deliveryNote",
            "lines.1.giftRecipientEmail",
            "customer.data.name",
            "customer.data.email",
          ]);
        },
      );
      And("they hold the key reference {string}", (_ctx, subjectId: string) => {
        const { payload, shredded } = state.value.shredded.alice!;
        for (const path of shredded) {
          expect(get(payload, path)).toEqual({ shredded: true, subjectId });
        }
      });
      And("Alice's order keeps its orderId, total, sku lines, customer tier and warehouse", () => {
        const original = orderOf(ALICE).payload;
        const { payload } = state.value.shredded.alice!;
        for (const path of [
          "orderId",
          "total",
          "customerId",
          "lines.0",
          "lines.1.sku",
          "customer.data.tier",
          "customer.data.customerId",
          "warehouse",
        ]) {
          expect(get(payload, path)).toEqual(get(original, path));
        }
        // The stored event is never changed.
        expect(original.customer.data.email).toBe(ALICE.email);
      });
      And("Bob's order is unchanged", () => {
        expect(state.value.shredded.bob).toEqual({ payload: orderOf(BOB).payload, shredded: [] });
      });
    });

    RuleScenario("The registry shreds by event type", ({ When, Then }) => {
      When(
        "a StockMoved and an OrderSubmitted of Alice are shredded through the registry with Alice forgotten",
        () => {
          const registry = definePiiRegistry([orderSubmitted, stockMoved]);
          const moved = stockMoved.build({
            data: { sku: "pen", quantity: 3 },
            snapshots: { warehouse: PARIS },
            capturedAt: 5,
          });
          state.value.shredded.moved = registry.shred("StockMoved", moved.payload, forgotten);
          state.value.shredded.order = registry.shred(
            "OrderSubmitted",
            orderOf(ALICE).payload,
            forgotten,
          );
          state.value.shredded.unknown = registry.shred("SomethingElse", { a: 1 }, forgotten);
          state.value.built = undefined;
          expect(state.value.shredded.moved.payload).toEqual(moved.payload);
        },
      );
      Then(
        "the StockMoved is unchanged and the OrderSubmitted has {int} shredded values",
        (_ctx, count: number) => {
          expect(state.value.shredded.moved!.shredded).toEqual([]);
          expect(state.value.shredded.order!.shredded).toHaveLength(count);
          expect(state.value.shredded.unknown).toEqual({ payload: { a: 1 }, shredded: [] });
        },
      );
    });

    RuleScenario("Personal data without its subject id cannot be shredded", ({ When }) => {
      When("the PII of an OrderSubmitted payload without customerId is searched", () => {
        const { customerId: _id, ...payload } = orderOf(ALICE).payload;
        state.value.error = captureError(() => findPii(orderSubmitted, payload));
      });
    });
  });

  Rule("Definitions are checked when the module loads", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "A definition that cannot work is refused",
      ({ When, Then, And }, variables) => {
        When("the <definition> is defined", () => {
          const define = badDefinitions[variables.definition!];
          expect(define, variables.definition).toBeDefined();
          state.value.error = captureError(define!);
        });
        Then("it is refused with <code>", () => {
          expect(coreError(state.value.error).codes).toContain(variables.code);
        });
        And('the problems mention "<message>"', () => {
          expect(coreError(state.value.error).message).toContain(variables.message);
        });
      },
    );

    RuleScenario("The event's own name is checked by platform-bc", ({ When, Then }) => {
      When("a fat event named {string} is defined", (_ctx, eventType: string) => {
        state.value.error = captureError(() =>
          defineFatEvent({ ...withoutDefinitionParts(stockMoved), eventType }),
        );
      });
      Then("platform-bc refuses it with a BoundedContextDefinitionError", () => {
        expect(isBoundedContextDefinitionError(state.value.error)).toBe(true);
        expect((state.value.error as Error).message).toContain("PascalCase");
      });
    });
  });

  Rule(
    "Fat for other contexts that need related data, thin inside a context",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline("Choosing the style of an event", ({ When, Then }, variables) => {
        When(
          "the style is chosen for <consumers> consumers, related data needed <related>, as of the event <asOf>",
          () => {
            state.value.choice = chooseEventStyle({
              consumers: variables.consumers as EventConsumers,
              needsRelatedData: variables.related === "true",
              needsDataAsOfEvent: variables.asOf === "true",
            });
          },
        );
        Then('the style is <style> because "<because>"', () => {
          expect(state.value.choice!.style).toBe(variables.style);
          expect(state.value.choice!.rationale).toContain(variables.because);
        });
      });

      RuleScenario("Unclear input is refused", ({ When }) => {
        When("the style is chosen for {string} consumers", (_ctx, consumers: string) => {
          state.value.error = captureError(() =>
            chooseEventStyle({ consumers: consumers as EventConsumers, needsRelatedData: true }),
          );
        });
      });
    },
  );
});

/** The input fields of a fat event definition, to define a variant of it. */
function withoutDefinitionParts(definition: typeof orderSubmitted | typeof stockMoved) {
  return {
    eventType: definition.eventType,
    boundedContext: definition.boundedContext,
    schemaVersion: definition.schemaVersion,
    payload: definition.ownPayload,
    snapshots: definition.snapshots,
    ...(definition.eventType === "OrderSubmitted"
      ? {
          subject: "customerId",
          pii: ["deliveryNote", "lines[].giftRecipientEmail"],
          upcasters: definition.upcasters,
        }
      : {}),
  };
}
