import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { convexTest } from "convex-test";
import {
  anyApi,
  componentsGeneric,
  defineSchema,
  mutationGeneric,
  queryGeneric,
} from "convex/server";
import type { ApiFromModules } from "convex/server";
import { v } from "convex/values";
import { expect } from "vitest";
import type { AppendResult, EventEnvelope, EventStoreComponent } from "../../src/client/index.js";
import {
  DEFAULT_SETTLE_MS,
  EventStore,
  isAppendSuccess,
  vAppendResult,
  vCommitScopeResult,
  vEventCategory,
  vEventEnvelope,
  vEventMetadata,
  vExpectedVersion,
  vNewEvent,
  vScopedEvent,
  vStreamRef,
} from "../../src/client/index.js";
import eventStoreConfig from "../../src/component/convex.config.js";
import eventStoreTest, { modules, register, schema } from "../../src/test.js";
import type { SimulationReport } from "../../src/testing/index.js";
import {
  newEvent,
  seededRandom,
  simulateInterleavings,
  streamRef,
} from "../../src/testing/index.js";
import { appTest } from "../support/convex.js";
import { featurePath } from "../support/features.js";

const feature = await loadFeature(featurePath("testing-and-integration.feature", import.meta.url));

// An app of its own: functions whose arguments and results use the store's validators.
const store = new EventStore(componentsGeneric().eventStore as unknown as EventStoreComponent);
const orders = {
  place: mutationGeneric({
    args: { stream: vStreamRef, expectedVersion: vExpectedVersion, events: v.array(vNewEvent) },
    returns: vAppendResult,
    handler: (ctx, args) => store.appendToStream(ctx, args),
  }),
  history: queryGeneric({
    args: { streamId: v.string() },
    returns: v.object({
      events: v.array(vEventEnvelope),
      categories: v.array(vEventCategory),
      metadata: v.array(vEventMetadata),
    }),
    handler: async (ctx, { streamId }) => {
      const { events } = await store.readStream(ctx, { streamType: "Order", streamId, limit: 10 });
      return {
        events,
        categories: events.map((e) => e.category),
        metadata: events.map((e) => e.metadata),
      };
    },
  }),
  reserve: mutationGeneric({
    args: { scopeKey: v.string(), events: v.array(vScopedEvent) },
    returns: vCommitScopeResult,
    handler: (ctx, { scopeKey, events }) =>
      store.commitScope(ctx, { scopeKey, tenantId: "t1", expectedVersion: 0, events }),
  }),
};
const appApi = (anyApi as unknown as ApiFromModules<{ orders: typeof orders }>).orders;
const appModules = {
  "./_generated/server.ts": async () => ({}),
  "./orders.ts": async () => orders,
};

let t: ReturnType<typeof appTest>["t"];
let client: EventStore;
let appended: AppendResult;
let history: { events: EventEnvelope[]; categories: string[] };
let safe: SimulationReport;

describeFeature(feature, ({ Rule }) => {
  Rule(
    "The component registers in convex-test under the name the app gives it",
    ({ RuleScenario }) => {
      RuleScenario('An app names the component "store"', ({ Given, When, Then }) => {
        Given(
          "a convex-test app that registers the component as {string}",
          (_ctx, name: string) => {
            t = convexTest(defineSchema({}), { "./_generated/server.ts": async () => ({}) });
            register(t, name);
            const component = (componentsGeneric() as Record<string, unknown>)[name];
            client = new EventStore(component as EventStoreComponent);
          },
        );
        When("the app appends an event through a client of that component", async () => {
          appended = await t.mutation((ctx) =>
            client.appendToStream(ctx, {
              stream: streamRef("Order", "ord-1"),
              expectedVersion: 0,
              events: [newEvent("OrderCreated")],
            }),
          );
          expect(isAppendSuccess(appended)).toBe(true);
        });
        Then("the event is read back through the same client", async () => {
          const page = await t.query((ctx) =>
            client.readStream(ctx, { streamType: "Order", streamId: "ord-1", limit: 5 }),
          );
          expect(page.events.map((e) => e.eventType)).toEqual(["OrderCreated"]);
        });
      });

      RuleScenario(
        "The test entry exposes the schema and the modules it registers",
        ({ Then, And }) => {
          Then("the test entry's schema has the tables {string}", (_ctx, tables: string) => {
            expect(Object.keys(schema.tables).sort()).toEqual(tables.split(", ").sort());
            expect(eventStoreTest.schema).toBe(schema);
            expect(eventStoreTest.register).toBe(register);
          });
          And("its modules hold the public API module and no convex.config", async () => {
            const paths = Object.keys(modules);
            expect(paths).toContain("./component/lib.ts");
            expect(paths).toContain("./component/_generated/server.ts");
            expect(paths.some((path) => path.includes("convex.config"))).toBe(false);
            const lib = (await eventStoreTest.modules["./component/lib.ts"]!()) as object;
            expect(Object.keys(lib)).toContain("appendToStream");
          });
          And("the component definition is named {string}", (_ctx, name: string) => {
            expect((eventStoreConfig as unknown as { _name: string })._name).toBe(name);
          });
        },
      );
    },
  );

  Rule("Apps declare what they pass on with the store's validators", ({ RuleScenario }) => {
    RuleScenario(
      "An app's own functions validate what they take from and give to the store",
      ({ Given, When, Then, And }) => {
        Given(
          "an app whose functions use the store's validators for their arguments and results",
          () => {
            t = convexTest(defineSchema({}), appModules);
            register(t);
          },
        );
        When("the app's mutation places an order and its query reads the order", async () => {
          appended = await t.mutation(appApi.place, {
            stream: streamRef("Order", "ord-9", { boundedContext: "orders" }),
            expectedVersion: "no_stream",
            events: [
              {
                eventType: "OrderPlaced",
                category: "domain",
                schemaVersion: 1,
                payload: { total: 30 },
                metadata: { correlationId: "c-9", userId: "u-1" },
              },
            ],
          });
          history = await t.query(appApi.history, { streamId: "ord-9" });
        });
        Then("the app's functions return the append result and the events, validated", () => {
          expect(appended).toMatchObject({ status: "success", streamVersion: 1 });
          expect(history.events[0]).toMatchObject({
            eventType: "OrderPlaced",
            payload: { total: 30 },
          });
          expect(history.categories).toEqual(["domain"]);
        });
        And("the app's scope function returns the scope commit result, validated", async () => {
          const result = await t.mutation(appApi.reserve, {
            scopeKey: "tenant:t1:inventory:wh-1",
            events: [
              {
                streamType: "Product",
                streamId: "sku-a",
                boundedContext: "inventory",
                tenantId: "t1",
                scopeKey: "tenant:t1:inventory:wh-1",
                eventType: "StockReserved",
                category: "domain",
                schemaVersion: 1,
                payload: { quantity: 1 },
                metadata: { correlationId: "c-9" },
              },
            ],
          });
          expect(result).toMatchObject({ status: "success", scopeVersion: 1 });
        });
      },
    );
  });

  Rule("Helpers build inputs and simulate concurrency", ({ RuleScenario }) => {
    RuleScenario(
      "Input builders give events and streams the store accepts",
      ({ Given, When, Then }) => {
        Given("an app using the eventStore component", () => {
          ({ t, store: client } = appTest());
        });
        When(
          "the app appends an event built with newEvent to a stream built with streamRef",
          async () => {
            appended = await t.mutation((ctx) =>
              client.appendToStream(ctx, {
                stream: streamRef("Cart", "cart-1"),
                expectedVersion: 0,
                events: [newEvent("CartOpened", { owner: "ada" })],
              }),
            );
          },
        );
        Then("the append succeeds with the builders' defaults stored", async () => {
          expect(isAppendSuccess(appended)).toBe(true);
          const page = await t.query((ctx) =>
            client.readStream(ctx, { streamType: "Cart", streamId: "cart-1", limit: 5 }),
          );
          expect(page.events[0]).toMatchObject({
            boundedContext: "test",
            category: "domain",
            payload: { owner: "ada" },
            metadata: { correlationId: "corr-CartOpened" },
          });
        });
      },
    );

    RuleScenario(
      "The interleaving simulation separates a safe settle window from none",
      ({ When, Then, And }) => {
        const options = (transactions: number, streams: number, readers: number, seed: number) => ({
          transactions,
          streams,
          readers,
          seed,
        });
        let run: ReturnType<typeof options>;
        When(
          "the interleaving simulation runs {int} appends on {int} streams with {int} readers and seed {int}",
          (_ctx, transactions: number, streams: number, readers: number, seed: number) => {
            run = options(transactions, streams, readers, seed);
            safe = simulateInterleavings({ ...run, settleMs: DEFAULT_SETTLE_MS });
          },
        );
        Then(
          "positions are unique, follow stream versions and no reader skipped or repeated an event",
          () => {
            expect(safe).toMatchObject({
              duplicatePositions: 0,
              streamOrderViolations: 0,
              skippedEvents: 0,
              eventsReadTwice: 0,
            });
            expect(safe.committedEvents).toBeGreaterThan(2000);
            expect(safe.outOfOrderCommits).toBeGreaterThan(0);
          },
        );
        And(
          "with a settle window of {int} ms the same run makes some reader skip an event",
          (_ctx, settleMs: number) => {
            const unsafe = simulateInterleavings({ ...run, settleMs });
            expect(unsafe.committedEvents).toBe(safe.committedEvents);
            expect(unsafe.skippedEvents).toBeGreaterThan(0);
          },
        );
        And("the same seed draws the same numbers", () => {
          const a = seededRandom(run.seed);
          const b = seededRandom(run.seed);
          expect([a(), a(), a()]).toEqual([b(), b(), b()]);
        });
      },
    );
  });
});
