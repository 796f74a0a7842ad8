import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import type {
  AppendResult,
  EventEnvelope,
  EventStore,
  EventStoreErrorData,
  StreamRef,
  Upcasters,
} from "../../src/client/index.js";
import {
  defineUpcasters,
  EVENT_STORE_ERROR_CODES,
  highWaterMark,
  isAppendConflict,
  isAppendDuplicate,
  isAppendSuccess,
  isEventStoreError,
  isIdempotencyConflict,
  MAX_BATCH_SIZE,
  MAX_PAYLOAD_BYTES,
} from "../../src/client/index.js";
import { newEvent } from "../../src/testing/index.js";
import { appTest, componentWithClient } from "../support/convex.js";
import type { Runner } from "../support/convex.js";
import { featurePath, thrownBy } from "../support/features.js";

const feature = await loadFeature(featurePath("appending-and-reading.feature", import.meta.url));
const T0 = Date.UTC(2030, 5, 1);

let t: Runner;
let store: EventStore;
let raw: ReturnType<typeof componentWithClient>["t"] | undefined;
let result: AppendResult;
let firstAppend: AppendResult;
let failure: unknown;
let upcasters: Upcasters;
let read: EventEnvelope[];

const order = (streamId: string): StreamRef => ({
  streamType: "Order",
  streamId,
  boundedContext: "orders",
});
const append = (streamId: string, expectedVersion: number | "any", types: string[]) =>
  t.mutation((ctx) =>
    store.appendToStream(ctx, {
      stream: order(streamId),
      expectedVersion,
      events: types.map((type) => newEvent(type)),
    }),
  );
const payment = (key: string, amount: number) =>
  newEvent(
    "PaymentReceived",
    { amount },
    { idempotencyKey: key, metadata: { correlationId: "checkout-7" } },
  );
const payOnce = (key: string, amount: number) =>
  t.mutation((ctx) =>
    store.appendToStream(ctx, {
      stream: order("ord-1"),
      expectedVersion: "any",
      events: [payment(key, amount)],
    }),
  );
const eventsOf = async (streamId: string) =>
  (await t.query((ctx) => store.readStream(ctx, { streamType: "Order", streamId, limit: 100 })))
    .events;
const rawRows = () => raw!.run((ctx) => ctx.db.query("events").collect());

function useApp(): void {
  const harness = appTest();
  t = harness.t as unknown as Runner;
  store = harness.store;
}
function useUpcasters(): void {
  const harness = componentWithClient({ upcasters });
  t = harness.t as unknown as Runner;
  raw = harness.t;
  store = harness.store;
}
function expectCode(error: unknown, code: string, text: string): EventStoreErrorData {
  expect(isEventStoreError(error), String(error)).toBe(true);
  const data = (error as { data: EventStoreErrorData }).data;
  expect(data.code).toBe(code);
  expect(EVENT_STORE_ERROR_CODES).toContain(data.code);
  expect(data.message).toContain(text);
  return data;
}

const orderUpcasters = () =>
  defineUpcasters({
    OrderCreated: {
      currentVersion: 3,
      steps: {
        1: (payload: { items: string[] }) => ({ ...payload, currency: "EUR" }),
        2: ({ items, ...rest }: { items: string[]; currency: string }) => ({
          ...rest,
          lines: items,
        }),
      },
    },
  });

describeFeature(feature, ({ Rule, BeforeEachScenario, AfterEachScenario }) => {
  BeforeEachScenario(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    raw = undefined;
  });
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  Rule("Appends answer with their outcome as a value", ({ RuleScenario }) => {
    RuleScenario(
      "A first append creates the stream with the client's defaults",
      ({ Given, When, Then, And }) => {
        Given("an app using the eventStore component", useApp);
        When(
          "the app appends {string} and {string} to order {string} expecting version {int}",
          async (_ctx, a: string, b: string, streamId: string, version: number) => {
            result = await append(streamId, version, [a, b]);
          },
        );
        Then("the result is a success with stream version {int}", (_ctx, version: number) => {
          expect(isAppendSuccess(result)).toBe(true);
          expect(result).toMatchObject({ status: "success", streamVersion: version });
        });
        And(
          "the stored events have category {string} and schema version {int}",
          async (_ctx, category: string, schemaVersion: number) => {
            const events = await eventsOf("ord-1");
            expect(events.map((e) => [e.eventType, e.category, e.schemaVersion])).toEqual([
              ["OrderCreated", category, schemaVersion],
              ["ItemAdded", category, schemaVersion],
            ]);
          },
        );
      },
    );

    RuleScenario(
      "A stale expected version is a conflict and writes nothing",
      ({ Given, When, Then, And }) => {
        Given("an app using the eventStore component", useApp);
        And("order {string} holds {int} events", async (_ctx, streamId: string, count: number) => {
          await append(
            streamId,
            0,
            Array.from({ length: count }, () => "ItemAdded"),
          );
        });
        When(
          "the app appends {string} to order {string} expecting version {int}",
          async (_ctx, type: string, streamId: string, version: number) => {
            result = await append(streamId, version, [type]);
          },
        );
        Then("the result is a conflict at current version {int}", (_ctx, current: number) => {
          expect(isAppendConflict(result)).toBe(true);
          expect(result).toEqual({
            status: "conflict",
            currentVersion: current,
            expectedVersion: 1,
          });
        });
        And(
          "order {string} still holds {int} events",
          async (_ctx, streamId: string, count: number) => {
            expect(await eventsOf(streamId)).toHaveLength(count);
          },
        );
      },
    );

    RuleScenario(
      "A retry under the same idempotency key returns the original",
      ({ Given, When, Then, And }) => {
        Given("an app using the eventStore component", useApp);
        And(
          "order {string} received payment {string} of {int}",
          async (_ctx, _streamId: string, key: string, amount: number) => {
            firstAppend = await payOnce(key, amount);
            expect(isAppendSuccess(firstAppend)).toBe(true);
          },
        );
        When(
          "the app appends payment {string} of {int} to order {string} again",
          async (_ctx, key: string, amount: number) => {
            result = await payOnce(key, amount);
          },
        );
        Then("the result is a duplicate returning the original event", async () => {
          expect(isAppendDuplicate(result)).toBe(true);
          if (!isAppendDuplicate(result) || !isAppendSuccess(firstAppend)) return;
          expect(result.events).toEqual(firstAppend.events);
          expect(await eventsOf("ord-1")).toHaveLength(1);
        });
      },
    );

    RuleScenario(
      "A key reused with other content is refused and audited",
      ({ Given, When, Then, And }) => {
        Given("an app using the eventStore component", useApp);
        And(
          "order {string} received payment {string} of {int}",
          async (_ctx, _streamId: string, key: string, amount: number) => {
            firstAppend = await payOnce(key, amount);
          },
        );
        When(
          "the app appends payment {string} of {int} to order {string} again",
          async (_ctx, key: string, amount: number) => {
            result = await payOnce(key, amount);
          },
        );
        Then(
          "the result is an idempotency conflict on key {string} naming the original event",
          (_ctx, key: string) => {
            expect(isIdempotencyConflict(result)).toBe(true);
            if (!isAppendSuccess(firstAppend)) throw new Error("the first payment failed");
            expect(result).toEqual({
              status: "idempotency_conflict",
              key,
              existingEventId: firstAppend.events[0]!.eventId,
            });
          },
        );
        And(
          "the store keeps an audit record of the reused key {string}",
          async (_ctx, key: string) => {
            const audits = await t.query((ctx) =>
              store.readIdempotencyConflicts(ctx, { idempotencyKey: key, limit: 10 }),
            );
            expect(audits).toHaveLength(1);
            expect(audits[0]).toMatchObject({ idempotencyKey: key, attemptedStreamId: "ord-1" });
            const events = await eventsOf("ord-1");
            expect(events.map((e) => e.payload)).toEqual([{ amount: 10 }]);
          },
        );
      },
    );
  });

  Rule(
    "Bad input fails with a stable code and a message that says what was expected",
    ({ RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "An append the store refuses",
        ({ Given, When, Then, And }, variables) => {
          Given("an app using the eventStore component", useApp);
          When("the app appends <input>", async () => {
            const inputs: Record<string, { events: unknown[]; expectedVersion: number }> = {
              "no event": { events: [], expectedVersion: 0 },
              "101 events": {
                events: Array.from({ length: MAX_BATCH_SIZE + 1 }, () => newEvent("ItemAdded")),
                expectedVersion: 0,
              },
              "an event with a payload of 300000 bytes": {
                events: [newEvent("ItemAdded", { blob: "z".repeat(300_000) })],
                expectedVersion: 0,
              },
              "an event expecting version -1": {
                events: [newEvent("ItemAdded")],
                expectedVersion: -1,
              },
            };
            const input = inputs[String(variables.input)];
            expect(input, `no input named ${variables.input}`).toBeDefined();
            failure = await thrownBy(() =>
              t.mutation((ctx) =>
                store.appendToStream(ctx, {
                  stream: order("ord-1"),
                  expectedVersion: input!.expectedVersion,
                  events: input!.events as ReturnType<typeof newEvent>[],
                }),
              ),
            );
          });
          Then('the append fails with code "<code>" and a message containing "<text>"', () => {
            const data = expectCode(failure, String(variables.code), String(variables.text));
            if (data.code === "PAYLOAD_TOO_LARGE") expect(data.limit).toBe(MAX_PAYLOAD_BYTES);
          });
          And(
            "order {string} still holds {int} events",
            async (_ctx, streamId: string, count: number) => {
              expect(await eventsOf(streamId)).toHaveLength(count);
            },
          );
        },
      );
    },
  );

  Rule(
    "Reads come back in the current schema and the store keeps what was written",
    ({ RuleScenario }) => {
      const givenUpcasters = () => {
        upcasters = orderUpcasters();
        useUpcasters();
      };
      const writeAt = async (schemaVersion: number, items: string) => {
        await t.mutation((ctx) =>
          store.appendToStream(ctx, {
            stream: order("ord-1"),
            expectedVersion: 0,
            events: [newEvent("OrderCreated", { items: items.split(", ") }, { schemaVersion })],
          }),
        );
      };

      RuleScenario(
        "An event written at schema version 1 is read at version 3",
        ({ Given, When, Then, And }) => {
          Given(
            "upcasters that bring {string} to version {int} by adding a currency and renaming items to lines",
            givenUpcasters,
          );
          And(
            "an {string} event written at schema version {int} with the items {string}",
            async (_ctx, _type: string, version: number, items: string) => writeAt(version, items),
          );
          When("the app reads the order through the client", async () => {
            read = await eventsOf("ord-1");
          });
          Then(
            "the event has schema version {int}, currency {string} and the lines {string}",
            (_ctx, version: number, currency: string, lines: string) => {
              expect(read).toHaveLength(1);
              expect(read[0]!.schemaVersion).toBe(version);
              expect(read[0]!.payload).toEqual({ currency, lines: lines.split(", ") });
            },
          );
          And(
            "the stored row still has schema version {int} and the items {string}",
            async (_ctx, version: number, items: string) => {
              const rows = await rawRows();
              expect(rows).toHaveLength(1);
              expect(rows[0]!.schemaVersion).toBe(version);
              expect(rows[0]!.payload).toEqual({ items: items.split(", ") });
            },
          );
        },
      );

      RuleScenario(
        "New events are written at the current schema version",
        ({ Given, When, Then }) => {
          Given(
            "upcasters that bring {string} to version {int} by adding a currency and renaming items to lines",
            givenUpcasters,
          );
          When(
            "the app appends an {string} event without a schema version",
            async (_ctx, type: string) => {
              await t.mutation((ctx) =>
                store.appendToStream(ctx, {
                  stream: order("ord-1"),
                  expectedVersion: 0,
                  events: [newEvent(type, { currency: "EUR", lines: [] })],
                }),
              );
            },
          );
          Then("the stored row has schema version {int}", async (_ctx, version: number) => {
            expect((await rawRows()).map((row) => row.schemaVersion)).toEqual([version]);
            expect(upcasters.currentVersion("OrderCreated")).toBe(version);
            expect(upcasters.currentVersion("Unregistered")).toBe(1);
          });
        },
      );

      RuleScenario(
        "An event newer than the reader's schema is refused",
        ({ Given, When, Then, And }) => {
          Given(
            "upcasters that bring {string} to version {int} by adding a currency and renaming items to lines",
            givenUpcasters,
          );
          And(
            "an {string} event written at schema version {int} with the items {string}",
            async (_ctx, _type: string, version: number, items: string) => writeAt(version, items),
          );
          When("the app reads the order through the client", async () => {
            failure = await thrownBy(() => eventsOf("ord-1"));
          });
          Then(
            "the read fails with code {string} and a message containing {string}",
            (_ctx, code: string, text: string) => {
              expectCode(failure, code, text);
            },
          );
        },
      );
    },
  );

  Rule("Upcaster chains are checked when they are defined", ({ RuleScenario }) => {
    RuleScenario("A missing step names the event type and the version", ({ When, Then }) => {
      When(
        "upcasters for {string} at version {int} are defined with a step from version {int} only",
        async (_ctx, type: string, currentVersion: number, from: number) => {
          failure = await thrownBy(() =>
            defineUpcasters({ [type]: { currentVersion, steps: { [from]: (p: unknown) => p } } }),
          );
        },
      );
      Then(
        "defining fails with code {string} and a message containing {string}",
        (_ctx, code: string, text: string) => {
          const data = expectCode(failure, code, text);
          expect(data).toMatchObject({ eventType: "OrderCreated", missingVersion: 2 });
        },
      );
    });

    RuleScenario("A step beyond the current version is refused", ({ When, Then }) => {
      When(
        "upcasters for {string} at version {int} are defined with steps from versions {int} and {int}",
        async (_ctx, type: string, currentVersion: number, a: number, b: number) => {
          const step = (p: unknown) => p;
          failure = await thrownBy(() =>
            defineUpcasters({ [type]: { currentVersion, steps: { [a]: step, [b]: step } } }),
          );
        },
      );
      Then(
        "defining fails with code {string} and a message containing {string}",
        (_ctx, code: string, text: string) => {
          expectCode(failure, code, text);
        },
      );
    });
  });

  Rule("Catch-up reads return only events older than the settle window", ({ RuleScenario }) => {
    RuleScenario(
      "An event appears once it is older than the client's settle window",
      ({ Given, When, Then, And }) => {
        let page: Awaited<ReturnType<EventStore["readFromPosition"]>>;
        const readAfter = async (ms: number) => {
          vi.setSystemTime(T0 + ms);
          page = await t.query((ctx) => store.readFromPosition(ctx, { after: 0, limit: 10 }));
        };
        Given("an app whose client settles reads for {int} ms", (_ctx, settleMs: number) => {
          const harness = appTest({ settleMs });
          t = harness.t as unknown as Runner;
          store = harness.store;
        });
        And(
          "order {string} holds {int} events appended at the start of the clock",
          async (_ctx, streamId: string, count: number) => {
            await append(
              streamId,
              0,
              Array.from({ length: count }, () => "ItemAdded"),
            );
          },
        );
        When(
          "the app reads from position {int} after {int} ms",
          async (_ctx, _after: number, ms: number) => {
            await readAfter(ms);
          },
        );
        Then("it reads no event and is done below the high-water mark of that time", () => {
          expect(page.events).toEqual([]);
          expect(page.highWaterMark).toBe(highWaterMark(T0 + 500, 1000));
          expect(page).toMatchObject({ isDone: true, nextPosition: page.highWaterMark - 1 });
        });
        And(
          "after {int} ms the same read returns {int} events in position order and is done",
          async (_ctx, ms: number, count: number) => {
            await readAfter(ms);
            expect(page.events.map((e) => e.version)).toEqual(
              Array.from({ length: count }, (_, i) => i + 1),
            );
            expect(page.isDone).toBe(true);
          },
        );
      },
    );

    RuleScenario(
      "Lookups find events by stream version, correlation, id and idempotency key",
      ({ Given, Then, And }) => {
        Given("an app using the eventStore component", useApp);
        And(
          "order {string} received payment {string} of {int}",
          async (_ctx, _streamId: string, key: string, amount: number) => {
            firstAppend = await payOnce(key, amount);
          },
        );
        Then(
          "order {string} is at version {int}",
          async (_ctx, streamId: string, version: number) => {
            expect(
              await t.query((ctx) =>
                store.getStreamVersion(ctx, { streamType: "Order", streamId }),
              ),
            ).toBe(version);
          },
        );
        And(
          "the payment is found by its correlation id, its event id and its key {string}",
          async (_ctx, key: string) => {
            if (!isAppendSuccess(firstAppend)) throw new Error("the payment failed");
            const eventId = firstAppend.events[0]!.eventId;
            const byCorrelation = await t.query((ctx) =>
              store.readByCorrelationId(ctx, { correlationId: "checkout-7", limit: 10 }),
            );
            expect(byCorrelation.events.map((e) => e.eventId)).toEqual([eventId]);
            const byId = await t.query((ctx) => store.getEventById(ctx, eventId));
            const byKey = await t.query((ctx) =>
              store.getEventByIdempotencyKey(ctx, { idempotencyKey: key }),
            );
            expect(byId?.payload).toEqual({ amount: 10 });
            expect(byKey).toEqual(byId);
          },
        );
      },
    );
  });
});
