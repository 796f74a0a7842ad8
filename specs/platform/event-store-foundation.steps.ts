// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import {
  DEFAULT_SETTLE_MS,
  highWaterMark,
  isAppendConflict,
  isAppendSuccess,
  isEventStoreError,
  isIdempotencyConflict,
} from "@convex-es/platform-store";
import type {
  AppendResult,
  EventEnvelope,
  EventStoreErrorCode,
  EventStoreErrorData,
  ExpectedVersion,
} from "@convex-es/platform-store";
import { newEvent, simulateInterleavings, streamRef } from "@convex-es/platform-store/testing";
import type { SimulationReport } from "@convex-es/platform-store/testing";
import {
  componentFunctions,
  eventStoreApp,
  projectionApi,
  rejectionOf,
} from "./support/eventStoreApp.js";
import { catchUpSteps } from "./support/bankCatchUpSteps.js";
import { quarantineSteps } from "./support/bankQuarantineSteps.js";
import { partitionKeySteps } from "./support/partitionKeySteps.js";
import { createWorld } from "./support/world.js";

const feature = await loadFeature("./event-store-foundation.feature");

const T0 = Date.UTC(2031, 2, 1);
const order = (streamId: string, tenantId?: string) =>
  streamRef("Order", streamId, {
    boundedContext: "orders",
    ...(tenantId === undefined ? {} : { tenantId }),
  });

const world = createWorld(() => ({
  app: undefined as ReturnType<typeof eventStoreApp> | undefined,
  result: undefined as AppendResult | undefined,
  first: undefined as AppendResult | undefined,
  snapshot: undefined as EventEnvelope | undefined,
  positions: [] as number[],
  error: undefined as unknown,
  reports: [] as SimulationReport[],
  seeds: [] as number[],
  options: { transactions: 0, streams: 0, readers: 0 },
}));

function app() {
  if (world.value.app === undefined) throw new Error("no event store app in this scenario");
  return world.value.app;
}
const append = (streamId: string, expectedVersion: ExpectedVersion, types: string[]) =>
  app().run.mutation((ctx) =>
    app().store.appendToStream(ctx, {
      stream: order(streamId),
      expectedVersion,
      events: types.map((type, index) => newEvent(type, { index })),
    }),
  );
const readOrder = async (streamId: string, fromVersion?: number) =>
  (
    await app().run.query((ctx) =>
      app().store.readStream(ctx, { streamType: "Order", streamId, fromVersion, limit: 100 }),
    )
  ).events;
const versionOf = (streamId: string) =>
  app().run.query((ctx) => app().store.getStreamVersion(ctx, { streamType: "Order", streamId }));
const payment = (key: string, amount: number) =>
  app().run.mutation((ctx) =>
    app().store.appendToStream(ctx, {
      stream: order("ord-1"),
      expectedVersion: "any",
      events: [newEvent("PaymentReceived", { amount }, { idempotencyKey: key })],
    }),
  );
const settle = () => vi.setSystemTime(Date.now() + DEFAULT_SETTLE_MS + 1);
const successOf = (result: AppendResult | undefined) => {
  if (result === undefined || !isAppendSuccess(result)) {
    throw new Error(`expected a successful append, got ${JSON.stringify(result)}`);
  }
  return result;
};

async function appendInTurn(count: number, streams: number): Promise<void> {
  const versions = new Array<number>(streams).fill(0);
  for (let i = 0; i < count; i++) {
    const stream = i % streams;
    const result = successOf(await append(`ord-${stream}`, versions[stream]!, ["ItemAdded"]));
    versions[stream] = result.streamVersion;
    world.value.positions.push(result.events[0]!.globalPosition);
    vi.setSystemTime(Date.now() + 1);
  }
}

/** Every event of a tenancy after its settle window: no tenant by default. */
async function readAll(
  limit: number,
  tenancy: { tenantId?: string; allTenants?: boolean } = {},
): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  let after = 0;
  for (;;) {
    const page = await app().run.query((ctx) =>
      app().store.readFromPosition(ctx, { after, limit, ...tenancy }),
    );
    events.push(...page.events);
    after = page.nextPosition;
    if (page.isDone) return events;
  }
}

function errorData(error: unknown, code: string): EventStoreErrorData {
  expect(isEventStoreError(error, code as EventStoreErrorCode), String(error)).toBe(true);
  return (error as { data: EventStoreErrorData }).data;
}

describeFeature(feature, ({ Rule, BeforeEachScenario, AfterEachScenario }) => {
  BeforeEachScenario(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    world.reset();
  });
  AfterEachScenario(() => {
    vi.useRealTimers();
  });
  const givenApp = () => {
    world.value.app = eventStoreApp();
  };

  Rule("Events are immutable once appended", ({ RuleScenario }) => {
    RuleScenario(
      "An appended event reads back exactly as written after later appends",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        And(
          "order {string} holds an {string} event with a total of {int}",
          async (_ctx, streamId: string, type: string, total: number) => {
            await app().run.mutation((ctx) =>
              app().store.appendToStream(ctx, {
                stream: order(streamId),
                expectedVersion: 0,
                events: [newEvent(type, { total, lines: [{ sku: "a", quantity: 2 }] })],
              }),
            );
            world.value.snapshot = (await readOrder(streamId))[0];
            expect(world.value.snapshot?.payload).toEqual({
              total,
              lines: [{ sku: "a", quantity: 2 }],
            });
          },
        );
        When(
          "{int} more events are appended to order {string}",
          async (_ctx, count: number, streamId: string) => {
            for (let i = 0; i < count; i++) {
              successOf(await append(streamId, i + 1, [`Changed${i}`]));
            }
          },
        );
        Then(
          "the {string} event of order {string} reads back exactly as first read",
          async (_ctx, type: string, streamId: string) => {
            const events = await readOrder(streamId);
            expect(events).toHaveLength(4);
            expect(events[0]?.eventType).toBe(type);
            expect(events[0]).toEqual(world.value.snapshot);
            const byId = await app().run.query((ctx) =>
              app().store.getEventById(ctx, world.value.snapshot!.eventId),
            );
            expect(byId).toEqual(world.value.snapshot);
          },
        );
      },
    );

    RuleScenario(
      "The store has no function that changes or deletes an event",
      ({ Given, Then }) => {
        let functions: Record<string, { isMutation?: boolean }> = {};
        Given("the public functions of the eventStore component", async () => {
          functions = await componentFunctions();
          expect(Object.keys(functions).length).toBeGreaterThan(5);
        });
        Then("the only functions that write are {string}", (_ctx, names: string) => {
          const writers = Object.entries(functions)
            .filter(([, fn]) => fn.isMutation === true)
            .map(([name]) => name)
            .sort();
          expect(writers).toEqual(names.split(", "));
        });
      },
    );

    RuleScenario(
      "Reusing an idempotency key with other content leaves the original intact",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        And(
          "order {string} received payment {string} of {int}",
          async (_ctx, _streamId: string, key: string, amount: number) => {
            world.value.first = successOf(await payment(key, amount));
          },
        );
        When(
          "payment {string} of {int} is appended to order {string}",
          async (_ctx, key: string, amount: number) => {
            world.value.result = await payment(key, amount);
          },
        );
        Then("the append is an idempotency conflict naming the original payment", () => {
          const { result } = world.value;
          expect(result !== undefined && isIdempotencyConflict(result)).toBe(true);
          expect(result).toMatchObject({
            key: "pay-1",
            existingEventId: successOf(world.value.first).events[0]!.eventId,
          });
        });
        And("the original payment still reads {int}", async (_ctx, amount: number) => {
          const events = await readOrder("ord-1");
          expect(events.map((event) => event.payload)).toEqual([{ amount }]);
        });
        And(
          "an audit record of the reused key {string} was committed",
          async (_ctx, key: string) => {
            const audits = await app().run.query((ctx) =>
              app().store.readIdempotencyConflicts(ctx, { idempotencyKey: key, limit: 5 }),
            );
            expect(audits).toHaveLength(1);
            expect(audits[0]).toMatchObject({ idempotencyKey: key, attemptedStreamId: "ord-1" });
          },
        );
      },
    );
  });

  Rule("Streams provide per-entity ordering via version numbers", ({ RuleScenario }) => {
    const twoThenOne = async (_ctx: unknown, streamId: string) => {
      successOf(await append(streamId, 0, ["OrderCreated", "ItemAdded"]));
      successOf(await append(streamId, 2, ["ItemAdded"]));
    };
    const readsVersions = async (
      _ctx: unknown,
      streamId: string,
      versions: string,
      current: number,
    ) => {
      const events = await readOrder(streamId);
      expect(events.map((event) => event.version)).toEqual(versions.split(", ").map(Number));
      expect(await versionOf(streamId)).toBe(current);
    };

    RuleScenario("Versions start at 1 and rise by one per event", ({ Given, When, Then }) => {
      Given("an event store app", givenApp);
      When("order {string} gets 2 events and then 1 more", twoThenOne);
      Then("order {string} reads the versions {string} and is at version {int}", readsVersions);
    });

    RuleScenario("Each stream counts its own versions", ({ Given, When, Then, And }) => {
      Given("an event store app", givenApp);
      When(
        "orders {string} and {string} get one event each, {int} times in turn",
        async (_ctx, a: string, b: string, times: number) => {
          for (let version = 0; version < times; version++) {
            successOf(await append(a, version, ["ItemAdded"]));
            successOf(await append(b, version, ["ItemAdded"]));
          }
        },
      );
      Then("order {string} reads the versions {string} and is at version {int}", readsVersions);
      And("order {string} reads the versions {string} and is at version {int}", readsVersions);
    });

    RuleScenario("A reader continues a stream from a version", ({ Given, When, Then }) => {
      Given("an event store app", givenApp);
      When("order {string} gets 2 events and then 1 more", twoThenOne);
      Then(
        "reading order {string} from version {int} returns the versions {string}",
        async (_ctx, streamId: string, from: number, versions: string) => {
          const events = await readOrder(streamId, from);
          expect(events.map((event) => event.version)).toEqual(versions.split(", ").map(Number));
        },
      );
    });

    RuleScenario("Only its tenant reads a tenant's stream", ({ Given, Then, And }) => {
      let owner = "";
      const readAs = (streamId: string, tenantId?: string) =>
        rejectionOf(() =>
          app().run.query((ctx) =>
            app().store.readStream(ctx, {
              streamType: "Order",
              streamId,
              limit: 100,
              ...(tenantId === undefined ? {} : { tenantId }),
            }),
          ),
        );
      Given("an event store app", givenApp);
      And(
        "order {string} of tenant {string} holds {int} events",
        async (_ctx, streamId: string, tenantId: string, count: number) => {
          owner = tenantId;
          const result = await app().run.mutation((ctx) =>
            app().store.appendToStream(ctx, {
              stream: order(streamId, tenantId),
              expectedVersion: 0,
              events: Array.from({ length: count }, (_, index) => newEvent("ItemAdded", { index })),
            }),
          );
          expect(successOf(result).streamVersion).toBe(count);
        },
      );
      Then(
        "tenant {string} reads the versions {string} of order {string} and finds it at version {int}",
        async (_ctx, tenantId: string, versions: string, streamId: string, current: number) => {
          const page = await app().run.query((ctx) =>
            app().store.readStream(ctx, { streamType: "Order", streamId, tenantId, limit: 100 }),
          );
          expect(page.events.map((event) => event.version)).toEqual(
            versions.split(", ").map(Number),
          );
          expect(page.events.every((event) => event.tenantId === tenantId)).toBe(true);
          const version = await app().run.query((ctx) =>
            app().store.getStreamVersion(ctx, { streamType: "Order", streamId, tenantId }),
          );
          expect(version).toBe(current);
        },
      );
      And(
        "tenant {string} reading order {string} fails with code {string} without learning the owner",
        async (_ctx, reader: string, streamId: string, code: string) => {
          const data = errorData(await readAs(streamId, reader), code);
          expect(data.message).toContain(`Stream Order/${streamId} belongs to another tenant`);
          expect(JSON.stringify(data)).not.toContain(`"${owner}"`);
        },
      );
      And(
        "a reader without tenant reading order {string} fails with code {string}",
        async (_ctx, streamId: string, code: string) => {
          const data = errorData(await readAs(streamId), code);
          expect(data.message).toContain("expected that tenant's tenantId");
        },
      );
    });
  });

  Rule("globalPosition enables total ordering across all streams", ({ RuleScenario }) => {
    const appendSpaced = async (_ctx: unknown, count: number, streams: number) => {
      await appendInTurn(count, streams);
    };

    RuleScenario(
      "Positions are unique and rise in the order events were appended",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        When(
          "{int} events are appended to {int} streams in turn, one millisecond apart",
          appendSpaced,
        );
        Then("their global positions are unique and rise in the order of appending", () => {
          const { positions } = world.value;
          expect(new Set(positions).size).toBe(positions.length);
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        });
        And(
          "a catch-up reader returns all {int} in that order once they are older than the settle window",
          async (_ctx, count: number) => {
            settle();
            const events = await readAll(5);
            expect(events.map((event) => event.globalPosition)).toEqual(world.value.positions);
            expect(events).toHaveLength(count);
          },
        );
      },
    );

    RuleScenario("A catch-up reader stops at the high-water mark", ({ Given, When, Then, And }) => {
      let page: Awaited<ReturnType<ReturnType<typeof app>["store"]["readFromPosition"]>>;
      Given("an event store app", givenApp);
      When(
        "{int} events are appended to {int} streams in turn, one millisecond apart",
        appendSpaced,
      );
      Then("a catch-up reader right after the last append reads no event", async () => {
        page = await app().run.query((ctx) =>
          app().store.readFromPosition(ctx, { after: 0, limit: 100 }),
        );
        expect(page.events).toEqual([]);
        expect(page.isDone).toBe(true);
      });
      And(
        "its next position stays below the high-water mark of {int} ms ago",
        (_ctx, settleMs: number) => {
          expect(page.highWaterMark).toBe(highWaterMark(Date.now(), settleMs));
          expect(page.nextPosition).toBeLessThan(page.highWaterMark);
          expect(page.nextPosition).toBeLessThan(Math.min(...world.value.positions));
        },
      );
    });

    RuleScenario(
      "A catch-up reader follows only its tenant's events, a platform reader all of them",
      ({ Given, When, Then, And }) => {
        const appended: { tenantId: string | undefined; position: number }[] = [];
        const positionsOf = (tenantId: string | undefined) =>
          appended.filter((event) => event.tenantId === tenantId).map((event) => event.position);
        Given("an event store app", givenApp);
        When(
          "orders of tenant {string}, of tenant {string} and of no tenant get {int} events each in turn, one millisecond apart",
          async (_ctx, first: string, second: string, count: number) => {
            for (let round = 0; round < count; round++) {
              for (const tenantId of [first, second, undefined]) {
                const result = successOf(
                  await app().run.mutation((ctx) =>
                    app().store.appendToStream(ctx, {
                      stream: order(`ord-${tenantId ?? "none"}`, tenantId),
                      expectedVersion: round,
                      events: [newEvent("ItemAdded", { round })],
                    }),
                  ),
                );
                appended.push({ tenantId, position: result.events[0]!.globalPosition });
                vi.setSystemTime(Date.now() + 1);
              }
            }
          },
        );
        Then(
          "once they settle, a catch-up reader of tenant {string} reads only the {int} events of tenant {string}",
          async (_ctx, reader: string, count: number, owner: string) => {
            settle();
            const events = await readAll(1, { tenantId: reader });
            expect(events).toHaveLength(count);
            expect(events.every((event) => event.tenantId === owner)).toBe(true);
            expect(events.map((event) => event.globalPosition)).toEqual(positionsOf(owner));
          },
        );
        And(
          "a catch-up reader without tenant reads only the {int} events without tenant",
          async (_ctx, count: number) => {
            const events = await readAll(1);
            expect(events).toHaveLength(count);
            expect(events.map((event) => event.globalPosition)).toEqual(positionsOf(undefined));
          },
        );
        And(
          "a platform reader with allTenants reads all {int} in position order",
          async (_ctx, count: number) => {
            const events = await readAll(2, { allTenants: true });
            expect(events).toHaveLength(count);
            expect(events.map((event) => event.globalPosition)).toEqual(
              appended.map((event) => event.position),
            );
          },
        );
      },
    );

    RuleScenario(
      "An append touches no document shared with appends to other streams",
      ({ Given, When, Then }) => {
        const usage: { read: number; written: number }[] = [];
        Given("an event store app", givenApp);
        When("appends to {int} new streams are measured", async (_ctx, count: number) => {
          for (let i = 0; i < count; i++) {
            usage.push(
              await app().run.mutation(async (ctx) => {
                type Metrics = Record<"documentsRead" | "documentsWritten", { used: number }>;
                const before = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
                successOf(
                  await app().store.appendToStream(ctx, {
                    stream: order(`new-${i}`),
                    expectedVersion: 0,
                    events: [newEvent("OrderCreated")],
                  }),
                );
                const after = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
                return {
                  read: after.documentsRead.used - before.documentsRead.used,
                  written: after.documentsWritten.used - before.documentsWritten.used,
                };
              }),
            );
          }
        });
        Then(
          "each read no document and wrote {int} documents: its event and its stream row",
          (_ctx, written: number) => {
            expect(usage).toEqual(usage.map(() => ({ read: 0, written })));
          },
        );
      },
    );

    RuleScenario(
      "Concurrent appends never make a reader skip an event",
      ({ When, Then, And, But }) => {
        When(
          "the interleaving simulation runs {int} appends on {int} streams with {int} readers for the seeds {string}",
          (_ctx, transactions: number, streams: number, readers: number, seeds: string) => {
            world.value.options = { transactions, streams, readers };
            world.value.seeds = seeds.split(", ").map(Number);
            world.value.reports = world.value.seeds.map((seed) =>
              simulateInterleavings({
                transactions,
                streams,
                readers,
                seed,
                settleMs: DEFAULT_SETTLE_MS,
              }),
            );
          },
        );
        Then("positions are unique and rise with stream versions in every run", () => {
          for (const report of world.value.reports) {
            expect(report.duplicatePositions).toBe(0);
            expect(report.streamOrderViolations).toBe(0);
            expect(report.committedEvents).toBeGreaterThan(world.value.options.transactions);
          }
        });
        And(
          "every reader read every event exactly once, although commits landed below positions already read",
          () => {
            for (const report of world.value.reports) {
              expect(report.skippedEvents).toBe(0);
              expect(report.eventsReadTwice).toBe(0);
              expect(report.outOfOrderCommits).toBeGreaterThan(0);
            }
          },
        );
        But(
          "with a settle window of {int} ms the same runs make readers skip events",
          (_ctx, settleMs: number) => {
            const skipped = world.value.seeds.map(
              (seed) =>
                simulateInterleavings({ ...world.value.options, seed, settleMs }).skippedEvents,
            );
            expect(
              skipped.every((count) => count > 0),
              `skipped per seed: ${skipped.join(", ")}`,
            ).toBe(true);
          },
        );
      },
    );
  });

  Rule(
    "OCC prevents concurrent modification conflicts",
    ({ RuleScenario, RuleScenarioOutline }) => {
      const holds = async (_ctx: unknown, streamId: string, count: number) => {
        successOf(
          await append(
            streamId,
            0,
            Array.from({ length: count }, () => "ItemAdded"),
          ),
        );
      };
      const appendExpecting = async (_ctx: unknown, streamId: string, expected: number) => {
        world.value.result = await append(streamId, expected, ["ItemAdded"]);
      };
      const succeedsAt = async (_ctx: unknown, streamId: string, version: number) => {
        expect(successOf(world.value.result).streamVersion).toBe(version);
        expect(await versionOf(streamId)).toBe(version);
      };

      RuleScenario("An append at the current version succeeds", ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        And("order {string} holds {int} events", holds);
        When("an event is appended to order {string} expecting version {int}", appendExpecting);
        Then("the append succeeds and order {string} is at version {int}", succeedsAt);
      });

      RuleScenario(
        "An append at another version is a conflict and writes nothing",
        ({ Given, When, Then, And }) => {
          Given("an event store app", givenApp);
          And("order {string} holds {int} events", holds);
          When("an event is appended to order {string} expecting version {int}", appendExpecting);
          Then(
            "the append is a conflict reporting current version {int} and expected version {int}",
            (_ctx, current: number, expected: number) => {
              const { result } = world.value;
              expect(result !== undefined && isAppendConflict(result)).toBe(true);
              expect(result).toEqual({
                status: "conflict",
                currentVersion: current,
                expectedVersion: expected,
              });
            },
          );
          And(
            "order {string} is still at version {int}",
            async (_ctx, streamId: string, version: number) => {
              expect(await versionOf(streamId)).toBe(version);
              expect(await readOrder(streamId)).toHaveLength(version);
            },
          );
        },
      );

      RuleScenario(
        "A new stream expects version 0, and 0 conflicts once the stream exists",
        ({ Given, When, Then, And }) => {
          Given("an event store app", givenApp);
          When("an event is appended to order {string} expecting version {int}", appendExpecting);
          Then("the append succeeds and order {string} is at version {int}", succeedsAt);
          And(
            "another append to order {string} expecting version {int} is a conflict reporting current version {int}",
            async (_ctx, streamId: string, expected: number, current: number) => {
              const result = await append(streamId, expected, ["ItemAdded"]);
              expect(result).toEqual({
                status: "conflict",
                currentVersion: current,
                expectedVersion: expected,
              });
            },
          );
        },
      );

      RuleScenario(
        "Two writers that decided on the same version: the second one conflicts",
        ({ Given, When, Then, And }) => {
          let outcomes: AppendResult[] = [];
          Given("an event store app", givenApp);
          And("order {string} holds {int} events", holds);
          When(
            "two writers both read version {int} of order {string} and append one after the other",
            async (_ctx, version: number, streamId: string) => {
              const seen = [await versionOf(streamId), await versionOf(streamId)];
              expect(seen).toEqual([version, version]);
              outcomes = [
                await append(streamId, seen[0]!, ["ShippedByWriterA"]),
                await append(streamId, seen[1]!, ["ShippedByWriterB"]),
              ];
            },
          );
          Then(
            "the first writer succeeds and the second gets a conflict reporting current version {int}",
            async (_ctx, current: number) => {
              expect(outcomes[0]?.status).toBe("success");
              expect(outcomes[1]).toEqual({
                status: "conflict",
                currentVersion: current,
                expectedVersion: 2,
              });
              const types = (await readOrder("ord-1")).map((event) => event.eventType);
              expect(types).not.toContain("ShippedByWriterB");
            },
          );
        },
      );

      RuleScenarioOutline(
        "An expected version that is not a version is refused",
        ({ Given, When, Then }, variables) => {
          Given("an event store app", givenApp);
          When(
            "an event is appended to order {string} with the expected version <expected>",
            async (_ctx, streamId: string) => {
              world.value.error = await rejectionOf(() =>
                append(streamId, Number(variables.expected), ["ItemAdded"]),
              );
            },
          );
          Then(
            "the append fails with code {string} and nothing is written",
            async (_ctx, code: string) => {
              expect(isEventStoreError(world.value.error, "INVALID_EXPECTED_VERSION")).toBe(true);
              expect((world.value.error as { data: { code: string } }).data.code).toBe(code);
              expect(await versionOf("ord-1")).toBe(0);
            },
          );
        },
      );
    },
  );

  Rule(
    "Checkpoints enable projection resumption with exactly-once semantics",
    ({ RuleScenario, defineSteps }) => {
      // The steps of the scenarios that run the platform's projections runtime in the bank app.
      defineSteps(catchUpSteps);
      defineSteps(quarantineSteps);
      defineSteps(partitionKeySteps);
      const readModel = () => app().t.query(projectionApi.readModel, {});
      const seeded = async (_ctx: unknown, count: number, streams: number) => {
        world.value.app = eventStoreApp();
        await appendInTurn(count, streams);
        settle();
      };
      const catchUpUntilDone = async () => {
        for (let pages = 0; pages < 100; pages++) {
          const { isDone } = await app().t.mutation(projectionApi.catchUp, { limit: 4 });
          if (isDone) return;
        }
        throw new Error("the projection never caught up");
      };
      const appliedExactlyOnce = async (_ctx: unknown, count: number) => {
        const { applied } = await readModel();
        const all = await readAll(100);
        expect(all).toHaveLength(count);
        expect(applied.map((row) => row.eventId)).toEqual(all.map((event) => event.eventId));
        expect(new Set(applied.map((row) => row.eventId)).size).toBe(count);
      };

      RuleScenario(
        "A projection resumes after a restart without reprocessing or skipping",
        ({ Given, When, Then, And }) => {
          Given("an event store app with {int} settled events on {int} streams", seeded);
          When(
            "the projection catches up one page of {int} events",
            async (_ctx, limit: number) => {
              const page = await app().t.mutation(projectionApi.catchUp, { limit });
              expect(page).toMatchObject({ applied: limit, isDone: false });
              expect((await readModel()).checkpoint).toBe(world.value.positions[limit - 1]);
            },
          );
          And(
            "the projection restarts and {int} more events are appended and settle",
            async (_ctx, count: number) => {
              // A restart keeps nothing in memory: the next catch-up starts from the stored checkpoint.
              for (let i = 0; i < count; i++) {
                const result = successOf(await append(`late-${i}`, 0, ["LateEvent"]));
                world.value.positions.push(result.events[0]!.globalPosition);
                vi.setSystemTime(Date.now() + 1);
              }
              settle();
            },
          );
          And("the projection catches up until it is done", catchUpUntilDone);
          Then(
            "the projection applied {int} events, each exactly once, in position order",
            appliedExactlyOnce,
          );
          And("its checkpoint is at or past the last of them", async () => {
            const { checkpoint } = await readModel();
            expect(checkpoint).toBeGreaterThanOrEqual(Math.max(...world.value.positions));
          });
        },
      );

      RuleScenario(
        "A crash rolls back the read model and the checkpoint together",
        ({ Given, When, Then }) => {
          Given("an event store app with {int} settled events on {int} streams", seeded);
          When(
            "the projection crashes after applying a page of {int} events",
            async (_ctx, limit: number) => {
              world.value.error = await rejectionOf(() =>
                app().t.mutation(projectionApi.catchUp, { limit, crashAfterApply: true }),
              );
              expect(String(world.value.error)).toContain("the projection process crashed");
            },
          );
          Then("the projection has applied no event and has no checkpoint", async () => {
            expect(await readModel()).toEqual({ checkpoint: null, applied: [] });
          });
          When("the projection catches up until it is done", catchUpUntilDone);
          Then(
            "the projection applied {int} events, each exactly once, in position order",
            appliedExactlyOnce,
          );
        },
      );

      // Their steps are the rule's steps defined above (support/bankCatchUpSteps.ts,
      // bankQuarantineSteps.ts and partitionKeySteps.ts).
      RuleScenario(
        "Two catch-up jobs of one partition run out of order in the projections runtime",
        () => {},
      );
      RuleScenario(
        "A balance handler that throws three times is quarantined, passed over and replayed",
        () => {},
      );
      RuleScenario(
        "A projection or a projection trigger without a partition key is refused when defined",
        () => {},
      );
    },
  );
});
