// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import {
  chooseEventStyle,
  definePiiRegistry,
  defineSnapshot,
  isCoreError,
  piiFieldsOf,
  readFatEvent,
  shredPii,
} from "@convex-es/platform-core";
import type {
  EventConsumers,
  EventStyleChoice,
  FatEventRead,
  PiiRegistry,
  ShreddedPayload,
  StoredFatEvent,
} from "@convex-es/platform-core";
import { z } from "zod";
import { expect } from "vitest";
import { eventStoreApp } from "./support/eventStoreApp.js";
import {
  customerRegistered,
  CustomersContext,
  orderSubmitted,
  receiptFromFatEvent,
  receiptFromThinEvent,
  thinOrderSubmitted,
} from "./support/ordersFatEvents.js";
import type { Customer } from "./support/ordersFatEvents.js";
import { createWorld, thrownBy } from "./support/world.js";

const feature = await loadFeature("./ecst-fat-events.feature");

const ALICE: Customer = {
  customerId: "cust-alice",
  name: "Alice Martin",
  email: "alice@example.com",
  tier: "gold",
};
const SUBMITTED_AT = 1_900_000_000_000;

const world = createWorld(() => ({
  app: undefined as ReturnType<typeof eventStoreApp> | undefined,
  customers: new CustomersContext(),
  built: undefined as ReturnType<typeof orderSubmitted.build> | undefined,
  stored: undefined as StoredFatEvent | undefined,
  read: undefined as FatEventRead<ReturnType<typeof orderSubmitted.build>["payload"]> | undefined,
  error: undefined as unknown,
  registry: undefined as PiiRegistry | undefined,
  shredded: undefined as ShreddedPayload | undefined,
  choice: undefined as EventStyleChoice | undefined,
  forgotten: new Set<string>(),
}));

function app() {
  world.value.app ??= eventStoreApp();
  return world.value.app;
}

/** What the orders context does on submission: read the customer, build the fat event. */
function buildOrder(orderId: string, customer: Customer) {
  return orderSubmitted.build({
    data: {
      orderId,
      customerId: customer.customerId,
      total: 120,
      deliveryAddress: "1 rue Haute, Paris",
    },
    snapshots: { customer },
    capturedAt: SUBMITTED_AT,
  });
}

async function append(
  orderId: string,
  event: {
    eventType: string;
    category?: "fat" | "integration";
    schemaVersion: number;
    payload: unknown;
  },
) {
  const { run, store } = app();
  await run.mutation((ctx) =>
    store.appendToStream(ctx, {
      stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
      expectedVersion: 0,
      events: [{ ...event, metadata: { correlationId: `submit-${orderId}` } }],
    }),
  );
}

/** What the shipping context reads: the stored event, from the event store only. */
async function storedEvent(orderId: string): Promise<StoredFatEvent> {
  const { run, store } = app();
  const page = await run.query((ctx) =>
    store.readStream(ctx, { streamType: "Order", streamId: orderId, limit: 10 }),
  );
  const [event] = page.events;
  if (event === undefined) throw new Error(`no event in stream ${orderId}`);
  expect(event.category).toBe(orderId === "o-2" ? "integration" : "fat");
  return { schemaVersion: event.schemaVersion, payload: event.payload };
}

function storedWithCustomer(version: number, data: Record<string, unknown>): StoredFatEvent {
  const built = buildOrder("o-9", ALICE);
  return {
    schemaVersion: built.schemaVersion,
    payload: {
      ...built.payload,
      customer: { ...built.payload.customer, schemaVersion: version, data },
    },
  };
}

function read(): void {
  world.value.error = undefined;
  try {
    world.value.read = readFatEvent(orderSubmitted, world.value.stored!);
  } catch (error) {
    world.value.error = error;
  }
}

describeFeature(feature, ({ Rule, BeforeEachScenario, defineSteps }) => {
  BeforeEachScenario(() => world.reset());

  defineSteps(({ Given, When, Then, And }) => {
    for (const step of [Given, And]) {
      step("the customers context holds Alice with email {string}", (_ctx, email: string) => {
        world.value.customers.save({ ...ALICE, email });
      });
      step(
        "the orders context appends OrderSubmitted {string} for Alice to the event store",
        async (_ctx, orderId: string) => {
          await append(orderId, buildOrder(orderId, world.value.customers.get(ALICE.customerId)));
          world.value.customers.calls = 0;
        },
      );
    }
    When("the shipping context reads it", read);
    Then("the read fails with INVALID_STORED_VERSION", () => {
      expect(isCoreError(world.value.error, "INVALID_STORED_VERSION")).toBe(true);
    });
    Then("the style is {string}", (_ctx, style: string) => {
      expect(world.value.choice?.style).toBe(style);
    });
  });

  Rule("Fat events enable service independence", ({ RuleScenario }) => {
    RuleScenario(
      "A consumer in another context works from the event alone",
      ({ When, Then, And }) => {
        When(
          "the customers context goes down and Alice's email changes to {string}",
          (_ctx, email: string) => {
            world.value.customers.save({ ...ALICE, email });
            world.value.customers.up = false;
          },
        );
        Then(
          "the shipping context addresses the receipt of {string} to {string} from the stored event",
          async (_ctx, orderId: string, address: string) => {
            expect(receiptFromFatEvent(await storedEvent(orderId))).toBe(address);
          },
        );
        And("the shipping context never called the customers context", () => {
          expect(world.value.customers.calls).toBe(0);
        });
      },
    );

    RuleScenario("The same consumer of a thin event has to query back", ({ And, When, Then }) => {
      And(
        "the orders context appends a thin OrderSubmitted {string} for Alice to the event store",
        async (_ctx, orderId: string) => {
          await append(orderId, {
            eventType: thinOrderSubmitted.eventType,
            category: "integration",
            schemaVersion: thinOrderSubmitted.schemaVersion,
            payload: thinOrderSubmitted.parse({
              orderId,
              customerId: ALICE.customerId,
              total: 120,
            }),
          });
        },
      );
      When("the customers context goes down", () => {
        world.value.customers.up = false;
      });
      Then(
        "the shipping context cannot address the receipt of {string}: the customers context is unreachable",
        async (_ctx, orderId: string) => {
          const stored = await storedEvent(orderId);
          const error = thrownBy(() => receiptFromThinEvent(stored.payload, world.value.customers));
          expect((error as Error).message).toBe("the customers context is unreachable");
          expect(world.value.customers.calls).toBe(1);
        },
      );
    });
  });

  Rule("Builder utilities handle schema versioning", ({ RuleScenario }) => {
    RuleScenario(
      "The builder stamps the event's and the snapshot's schema versions",
      ({ When, Then, And }) => {
        When("an OrderSubmitted for Alice is built at time {int}", (_ctx, at: number) => {
          expect(at).toBe(SUBMITTED_AT);
          world.value.built = buildOrder("o-4", ALICE);
        });
        Then(
          "the event is at schemaVersion {int} in category {string}",
          (_ctx, version: number, category: string) => {
            expect(world.value.built).toMatchObject({
              eventType: "OrderSubmitted",
              schemaVersion: version,
              category,
            });
          },
        );
        And(
          "its customer snapshot carries schemaVersion {int} and capturedAt {int}",
          (_ctx, version: number, at: number) => {
            expect(world.value.built!.payload.customer).toEqual({
              schemaVersion: version,
              capturedAt: at,
              data: ALICE,
            });
          },
        );
      },
    );

    RuleScenario(
      "An event stored with an older snapshot is upcast when read",
      ({ Given, Then, And }) => {
        Given(
          "an OrderSubmitted stored while customers were at schemaVersion 1 with fullName and mail",
          () => {
            world.value.stored = storedWithCustomer(1, {
              customerId: ALICE.customerId,
              fullName: ALICE.name,
              mail: ALICE.email,
            });
          },
        );
        Then(
          "it sees the customer at schemaVersion {int} with name {string} and email {string}",
          (_ctx, version: number, name: string, email: string) => {
            expect(world.value.error).toBeUndefined();
            expect(world.value.read!.payload.customer).toMatchObject({
              schemaVersion: version,
              data: { name, email, tier: "standard" },
            });
          },
        );
        And(
          "the read says the customer snapshot came from schemaVersion {int}",
          (_ctx, version: number) => {
            expect(world.value.read).toMatchObject({
              snapshotVersions: { customer: version },
              wasUpcast: true,
            });
          },
        );
      },
    );

    RuleScenario("A snapshot newer than the reader's code is refused, not guessed", ({ Given }) => {
      Given(
        "an OrderSubmitted stored with a customer snapshot at schemaVersion {int}",
        (_ctx, version: number) => {
          world.value.stored = storedWithCustomer(version, { ...ALICE, loyalty: 3 });
        },
      );
    });
  });

  Rule("Crypto-shredding markers identify PII fields", ({ RuleScenario }) => {
    RuleScenario(
      "The definition marks the personal fields and the subject that owns them",
      ({ Then }) => {
        Then(
          "the PII fields of OrderSubmitted are {string} owned by {string}",
          (_ctx, paths: string, subjects: string) => {
            // In declaration order: the event's own fields, then each snapshot's.
            const fields = piiFieldsOf(orderSubmitted);
            expect(fields.map((field) => field.path)).toEqual(paths.split(", "));
            expect(fields.map((field) => field.subject)).toEqual(subjects.split(", "));
          },
        );
      },
    );

    RuleScenario("Every personal field of the app is listed by event type", ({ When, Then }) => {
      When("the app's PII registry is built from OrderSubmitted and CustomerRegistered", () => {
        world.value.registry = definePiiRegistry([orderSubmitted, customerRegistered]);
      });
      Then(
        "it lists {int} personal fields over the event types {string}",
        (_ctx, count: number, types: string) => {
          expect(world.value.registry!.entries).toHaveLength(count);
          expect(world.value.registry!.eventTypes).toEqual(types.split(", "));
        },
      );
    });

    RuleScenario(
      "After Alice is forgotten her personal data is unreadable, the order is not",
      ({ When, Then, And }) => {
        When(
          "Alice asks to be forgotten and the shipping context reads {string} again",
          async (_ctx, orderId: string) => {
            world.value.forgotten.add(ALICE.customerId);
            const stored = await storedEvent(orderId);
            const { payload } = readFatEvent(orderSubmitted, stored);
            world.value.shredded = shredPii(orderSubmitted, payload, (id) =>
              world.value.forgotten.has(id),
            );
          },
        );
        Then(
          "name, email and delivery address read as shredded with the key reference {string}",
          (_ctx, subjectId: string) => {
            const { payload, shredded } = world.value.shredded!;
            expect([...shredded].sort()).toEqual([
              "customer.data.email",
              "customer.data.name",
              "deliveryAddress",
            ]);
            const customer = (payload.customer as { data: Record<string, unknown> }).data;
            for (const value of [customer.name, customer.email, payload.deliveryAddress]) {
              expect(value).toEqual({ shredded: true, subjectId });
            }
          },
        );
        And("the order id, total and customer tier are intact", () => {
          const { payload } = world.value.shredded!;
          expect(payload).toMatchObject({
            orderId: "o-3",
            total: 120,
            customer: { data: { tier: "gold", customerId: ALICE.customerId } },
          });
        });
      },
    );

    RuleScenario(
      "Marking a field that does not exist is refused when the module loads",
      ({ When, Then }) => {
        When("a snapshot marks {string} as PII but has no such field", (_ctx, field: string) => {
          world.value.error = thrownBy(() =>
            defineSnapshot({
              source: "customers",
              schemaVersion: 1,
              schema: z.object({ customerId: z.string(), email: z.string() }),
              subject: "customerId",
              pii: ["email", field],
            }),
          );
        });
        Then("the definition is refused with INVALID_PII_MARK", () => {
          expect(isCoreError(world.value.error, "INVALID_PII_MARK")).toBe(true);
          expect((world.value.error as Error).message).toContain('"phone" names no field');
        });
      },
    );
  });

  Rule("Use fat events for cross-context integration", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "Fat for other contexts, thin for same-context projections",
      ({ When, Then }, variables) => {
        When(
          "an event is designed for <consumers> consumers that need related data: <related>",
          () => {
            world.value.choice = chooseEventStyle({
              consumers: variables.consumers as EventConsumers,
              needsRelatedData: variables.related === "yes",
            });
          },
        );
        Then('the style is "<style>"', () => {
          expect(world.value.choice?.style).toBe(variables.style);
        });
      },
    );

    RuleScenario(
      "A same-context projection that needs the data as of the event gets a fat event",
      ({ When, Then }) => {
        When(
          "an event is designed for same-context consumers that need the related data as it was",
          () => {
            world.value.choice = chooseEventStyle({
              consumers: "same-context",
              needsRelatedData: true,
              needsDataAsOfEvent: true,
            });
          },
        );
        Then(
          "the style is {string} because the data {string}",
          (_ctx, style: string, because: string) => {
            expect(world.value.choice).toMatchObject({ style });
            expect(world.value.choice!.rationale).toContain(because);
          },
        );
      },
    );
  });
});
