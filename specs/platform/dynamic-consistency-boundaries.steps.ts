// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { fold, isRejected, isSuccess } from "@convex-es/platform-decider";
import type { DecisionContext } from "@convex-es/platform-decider";
import {
  createScopeKey,
  isEventStoreError,
  isScopeConflict,
  parseScopeKey,
  SCOPE_KEY_FORMAT,
} from "@convex-es/platform-store";
import type {
  CommitScopeResult,
  EventEnvelope,
  EventStoreErrorCode,
  ScopedEventInput,
} from "@convex-es/platform-store";
import { expect } from "vitest";
import { eventStoreApp, rejectionOf } from "./support/eventStoreApp.js";
import {
  inventoryDecider,
  runScopeOperation,
  toInventoryEvent,
} from "./support/eventStoreInventory.js";
import type { InventoryEvent, Line, ScopeOperationResult } from "./support/eventStoreInventory.js";
import { createWorld } from "./support/world.js";

const feature = await loadFeature("./dynamic-consistency-boundaries.feature");

const BOUNDED_CONTEXT = "inventory";
const context: DecisionContext = {
  now: 1_900_000_000_000,
  commandId: "cmd-1",
  correlationId: "corr-1",
};

const world = createWorld(() => ({
  app: undefined as ReturnType<typeof eventStoreApp> | undefined,
  scopeKey: "",
  built: "",
  operation: undefined as ScopeOperationResult | undefined,
  commits: [] as CommitScopeResult[],
  error: undefined as unknown,
  history: [] as InventoryEvent[],
}));

function app() {
  if (world.value.app === undefined) throw new Error("no event store app in this scenario");
  return world.value.app;
}
function lines(text: string): Line[] {
  return text.split(", ").map((line) => {
    const [sku, quantity] = line.split(":");
    return { sku: sku!, quantity: Number(quantity) };
  });
}
const warehouse = (tenantId: string, id: string) => createScopeKey(tenantId, "warehouse", id);

function operate(
  tenantId: string,
  scopeId: string,
  command: Parameters<typeof inventoryDecider.decide>[1],
) {
  world.value.scopeKey = warehouse(tenantId, scopeId);
  return runScopeOperation(app().run, {
    store: app().store,
    scopeKey: world.value.scopeKey,
    tenantId,
    boundedContext: BOUNDED_CONTEXT,
    decider: inventoryDecider,
    command,
    context,
  });
}
async function stock(_ctx: unknown, scopeId: string, tenantId: string, items: string) {
  const result = await operate(tenantId, scopeId, {
    type: "StockItems",
    data: { lines: lines(items) },
  });
  expect(result.commit?.status).toBe("success");
}
async function reserve(
  _ctx: unknown,
  orderId: string,
  items: string,
  scopeId: string,
  tenantId: string,
) {
  world.value.operation = await operate(tenantId, scopeId, {
    type: "ReserveItems",
    data: { orderId, lines: lines(items) },
  });
}
async function virtualStream(scopeKey = world.value.scopeKey, limit = 100) {
  const events: EventEnvelope[] = [];
  let after = 0;
  let scopeVersion = 0;
  for (;;) {
    const page = await app().run.query((ctx) =>
      app().store.readVirtualStream(ctx, { scopeKey, tenantId: "t1", after, limit }),
    );
    events.push(...page.events);
    scopeVersion = page.scopeVersion;
    after = page.nextPosition;
    if (page.isDone) return { events, scopeVersion };
  }
}
const scopeRecord = () =>
  app().run.query((ctx) =>
    app().store.getScope(ctx, { scopeKey: world.value.scopeKey, tenantId: "t1" }),
  );
function reservation(items: string, overrides: Partial<ScopedEventInput> = {}): ScopedEventInput[] {
  return lines(items).map((line) => ({
    streamType: "Product",
    streamId: line.sku,
    boundedContext: BOUNDED_CONTEXT,
    eventType: "StockReserved",
    payload: { orderId: "ord-x", ...line, at: context.now },
    metadata: { correlationId: "corr-x" },
    ...overrides,
  }));
}
const commitDirect = (
  scopeKey: string,
  expectedVersion: number,
  events: ScopedEventInput[],
  tenantId = "t1",
) =>
  app().run.mutation((ctx) =>
    app().store.commitScope(ctx, { scopeKey, tenantId, expectedVersion, events }),
  );
function expectCode(error: unknown, code: string) {
  expect(isEventStoreError(error, code as EventStoreErrorCode), String(error)).toBe(true);
  return (error as { data: { message: string; part?: string } }).data;
}
async function expectNothingCommittedSince(version: number, events: number) {
  const stream = await virtualStream();
  expect(stream.scopeVersion).toBe(version);
  expect(stream.events).toHaveLength(events);
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  BeforeEachScenario(() => {
    world.reset();
  });
  const givenApp = () => {
    world.value.app = eventStoreApp();
  };
  const stocked = "warehouse {string} of tenant {string} is stocked with {string}";
  const reserves = "order {string} reserves {string} in warehouse {string} of tenant {string}";
  const rejectedWith = async (_ctx: unknown, code: string) => {
    const operation = world.value.operation!;
    expect(isRejected(operation.output)).toBe(true);
    expect(operation.output).toMatchObject({ status: "rejected", code });
    expect(operation.commit).toBeNull();
    const { events, scopeVersion } = await virtualStream();
    expect(scopeVersion).toBe(1);
    expect(events.map((e) => e.eventType)).not.toContain("StockReserved");
  };

  Rule("DCB defines four core concepts for scope-based coordination", ({ RuleScenario }) => {
    RuleScenario("A scope key names the consistency boundary", ({ When, Then }) => {
      When(
        "the scope key of tenant {string}, scope type {string} and scope id {string} is built",
        (_ctx, tenantId: string, scopeType: string, scopeId: string) => {
          world.value.built = createScopeKey(tenantId, scopeType, scopeId);
        },
      );
      Then("it reads {string} and names its tenant, type and id", (_ctx, key: string) => {
        expect(world.value.built).toBe(key);
        expect(parseScopeKey(key)).toMatchObject({
          tenantId: "t1",
          scopeType: "warehouse",
          scopeId: "wh-1",
        });
      });
    });

    RuleScenario("The scope table tracks each scope's version", ({ Given, When, Then, And }) => {
      Given("an event store app", givenApp);
      When(stocked, stock);
      And(stocked, stock);
      Then(
        "the dcbScopes record of the scope is at version {int} over {int} streams in bounded context {string}",
        async (_ctx, version: number, streams: number, boundedContext: string) => {
          expect(await scopeRecord()).toMatchObject({
            scopeKey: world.value.scopeKey,
            tenantId: "t1",
            scopeType: "warehouse",
            scopeId: "wh-1",
            version,
            streamCount: streams,
            boundedContext,
          });
        },
      );
    });

    RuleScenario(
      "The virtual stream composes the scope's physical streams",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        When(stocked, stock);
        Then(
          "the virtual stream of the scope holds {string} in position order",
          async (_ctx, skus: string) => {
            const { events } = await virtualStream();
            expect(events.map((e) => e.streamId)).toEqual(skus.split(", "));
            const positions = events.map((e) => e.globalPosition);
            expect([...positions].sort((a, b) => a - b)).toEqual(positions);
          },
        );
        And(
          "the stream of product {string} alone holds {int} event",
          async (_ctx, sku: string, count: number) => {
            const page = await app().run.query((ctx) =>
              app().store.readStream(ctx, {
                streamType: "Product",
                streamId: sku,
                tenantId: "t1",
                limit: 10,
              }),
            );
            expect(page.events).toHaveLength(count);
            expect(page.events[0]).toMatchObject({
              streamId: sku,
              version: 1,
              scopeKey: world.value.scopeKey,
            });
          },
        );
      },
    );

    RuleScenario(
      "Scope OCC refuses a commit made on a version that has moved on",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        And(stocked, stock);
        When(
          "a reservation of {string} decided on scope version {int} is committed",
          async (_ctx, items: string, version: number) => {
            world.value.commits = [
              await commitDirect(world.value.scopeKey, version, reservation(items)),
            ];
          },
        );
        Then(
          "the commit is a scope conflict at current version {int} and nothing is written",
          async (_ctx, current: number) => {
            const [result] = world.value.commits;
            expect(result !== undefined && isScopeConflict(result)).toBe(true);
            expect(result).toEqual({
              status: "conflict",
              currentVersion: current,
              expectedVersion: 0,
            });
            await expectNothingCommittedSince(current, 1);
          },
        );
      },
    );
  });

  Rule(
    "Scope key uniquely identifies consistency boundary with OCC",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "A malformed scope key is refused, naming the bad part",
        ({ Given, When, Then }, variables) => {
          Given("an event store app", givenApp);
          When('events are committed to the scope "<key>"', async () => {
            const key = String(variables.key);
            world.value.error = await rejectionOf(() =>
              commitDirect(key, 0, reservation("sku-a:1")),
            );
          });
          Then(
            'the commit fails with code "INVALID_SCOPE_KEY" naming the part "<part>" and the expected format',
            () => {
              const data = expectCode(world.value.error, "INVALID_SCOPE_KEY");
              expect(data.part).toBe(variables.part);
              expect(data.message).toContain(`expected the format ${SCOPE_KEY_FORMAT}`);
            },
          );
        },
      );

      RuleScenario(
        "Two decisions on the same scope version: only the first commits",
        ({ Given, When, Then, And }) => {
          Given("an event store app", givenApp);
          And(stocked, stock);
          When(
            "two reservations of {string} and {string} are both decided on scope version {int}",
            async (_ctx, first: string, second: string, version: number) => {
              world.value.commits = [
                await commitDirect(world.value.scopeKey, version, reservation(first)),
                await commitDirect(world.value.scopeKey, version, reservation(second)),
              ];
            },
          );
          Then(
            "the first commits at scope version {int} and the second is a scope conflict at version {int}",
            (_ctx, committed: number, current: number) => {
              expect(world.value.commits[0]).toMatchObject({
                status: "success",
                scopeVersion: committed,
              });
              expect(world.value.commits[1]).toEqual({
                status: "conflict",
                currentVersion: current,
                expectedVersion: 1,
              });
            },
          );
          And("the virtual stream of the scope holds {int} events", async (_ctx, count: number) => {
            expect((await virtualStream()).events).toHaveLength(count);
          });
        },
      );

      RuleScenario(
        "Different scopes are separate consistency boundaries",
        ({ When, Then, Given }) => {
          Given("an event store app", givenApp);
          When(
            "warehouses {string} and {string} of tenant {string} are each stocked at scope version {int}",
            async (_ctx, a: string, b: string, tenantId: string, version: number) => {
              world.value.commits = [
                await commitDirect(
                  warehouse(tenantId, a),
                  version,
                  reservation("sku-a:1", { scopeKey: warehouse(tenantId, a) }),
                ),
                await commitDirect(
                  warehouse(tenantId, b),
                  version,
                  reservation("sku-b:1", { scopeKey: warehouse(tenantId, b) }),
                ),
              ];
            },
          );
          Then("both commits succeed at scope version {int}", (_ctx, version: number) => {
            for (const result of world.value.commits) {
              expect(result).toMatchObject({ status: "success", scopeVersion: version });
            }
          });
        },
      );
    },
  );

  Rule("Virtual streams compose events across scope", ({ RuleScenario }) => {
    RuleScenario(
      "The events of several products read back in position order, page by page",
      ({ Given, When, Then, And }) => {
        let events: EventEnvelope[] = [];
        Given("an event store app", givenApp);
        And(stocked, stock);
        And(reserves, reserve);
        When(
          "the virtual stream of the scope is read in pages of {int}",
          async (_ctx, limit: number) => {
            events = (await virtualStream(world.value.scopeKey, limit)).events;
          },
        );
        Then("it returns {string}", (_ctx, expected: string) => {
          expect(events.map((e) => `${e.eventType} ${e.streamId}`).join(", ")).toBe(expected);
          const positions = events.map((e) => e.globalPosition);
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        });
        And("every event carries the scope key and tenant {string}", (_ctx, tenantId: string) => {
          expect(
            events.every((e) => e.scopeKey === world.value.scopeKey && e.tenantId === tenantId),
          ).toBe(true);
        });
      },
    );

    RuleScenario(
      "Events of other scopes stay out of the virtual stream",
      ({ Given, Then, And }) => {
        Given("an event store app", givenApp);
        And(stocked, stock);
        And(`another ${stocked}`, stock);
        Then(
          "the virtual stream of the scope holds {string} in position order",
          async (_ctx, skus: string) => {
            const { events } = await virtualStream(warehouse("t1", "wh-1"));
            expect(events.map((e) => e.streamId)).toEqual(skus.split(", "));
          },
        );
      },
    );

    RuleScenario("A tenant never sees another tenant's scope", ({ Given, Then, And }) => {
      Given("an event store app", givenApp);
      And(stocked, stock);
      Then(
        "tenant {string} reading the virtual stream of warehouse {string} of tenant {string} fails with code {string}",
        async (_ctx, reader: string, scopeId: string, owner: string, code: string) => {
          const scopeKey = warehouse(owner, scopeId);
          const error = await rejectionOf(() =>
            app().run.query((ctx) =>
              app().store.readVirtualStream(ctx, { scopeKey, tenantId: reader, limit: 10 }),
            ),
          );
          expect(expectCode(error, code).message).not.toContain("sku-a");
        },
      );
      And(
        "tenant {string} reading the scope record fails with code {string}",
        async (_ctx, reader: string, code: string) => {
          const error = await rejectionOf(() =>
            app().run.query((ctx) =>
              app().store.getScope(ctx, { scopeKey: world.value.scopeKey, tenantId: reader }),
            ),
          );
          expectCode(error, code);
        },
      );
      And(
        "tenant {string} reading the stream of product {string} fails with code {string}",
        async (_ctx, reader: string, sku: string, code: string) => {
          const error = await rejectionOf(() =>
            app().run.query((ctx) =>
              app().store.readStream(ctx, {
                streamType: "Product",
                streamId: sku,
                tenantId: reader,
                limit: 10,
              }),
            ),
          );
          expect(expectCode(error, code).message).toContain(`Stream Product/${sku}`);
        },
      );
      And(
        "tenant {string} finds none of the scope's events by their correlation id, tenant {string} all of them",
        async (_ctx, reader: string, owner: string) => {
          const byCorrelation = (tenantId: string) =>
            app().run.query((ctx) =>
              app().store.readByCorrelationId(ctx, {
                correlationId: context.correlationId,
                tenantId,
                limit: 100,
              }),
            );
          const { events } = await virtualStream();
          expect(events.length).toBeGreaterThan(0);
          expect((await byCorrelation(reader)).events).toEqual([]);
          const own = await byCorrelation(owner);
          expect(own.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        },
      );
    });
  });

  Rule("DCB enforces three mandatory constraints", ({ RuleScenario }) => {
    RuleScenario(
      "Single bounded context: a scope refuses events of another context",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        And(stocked, stock);
        When(
          "events of bounded context {string} are committed to that scope",
          async (_ctx, boundedContext: string) => {
            world.value.error = await rejectionOf(() =>
              commitDirect(
                world.value.scopeKey,
                1,
                reservation("inv-1:1", { boundedContext, streamType: "Invoice" }),
              ),
            );
          },
        );
        Then(
          "the commit fails with code {string} and nothing is written",
          async (_ctx, code: string) => {
            expect(expectCode(world.value.error, code).message).toContain(
              'belongs to bounded context "inventory"',
            );
            await expectNothingCommittedSince(1, 1);
          },
        );
      },
    );

    RuleScenario(
      "Tenant-aware: a scope refuses an event of another tenant",
      ({ Given, When, Then }) => {
        Given("an event store app", givenApp);
        When(
          "an event of tenant {string} is committed to warehouse {string} of tenant {string}",
          async (_ctx, eventTenant: string, scopeId: string, owner: string) => {
            world.value.scopeKey = warehouse(owner, scopeId);
            world.value.error = await rejectionOf(() =>
              commitDirect(world.value.scopeKey, 0, [
                ...reservation("sku-a:1"),
                ...reservation("sku-b:1", { tenantId: eventTenant }),
              ]),
            );
          },
        );
        Then(
          "the commit fails with code {string} and nothing is written",
          async (_ctx, code: string) => {
            expectCode(world.value.error, code);
            await expectNothingCommittedSince(0, 0);
            expect(await scopeRecord()).toBeNull();
          },
        );
      },
    );

    RuleScenario(
      "Decider required: the outcome of a scope operation is the decider's",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        And(stocked, stock);
        When(reserves, reserve);
        Then("the decider rejected it with code {string} and nothing was committed", rejectedWith);
      },
    );
  });

  Rule("Operations must use Decider pattern", ({ RuleScenario }) => {
    RuleScenario(
      "A reservation decided by a pure decider is committed with commitScope",
      ({ Given, When, Then, And }) => {
        Given("an event store app", givenApp);
        And(stocked, stock);
        When(reserves, reserve);
        Then("the decider succeeded with {string}", (_ctx, types: string) => {
          const { output } = world.value.operation!;
          expect(isSuccess(output)).toBe(true);
          if (!isSuccess(output)) return;
          expect(output.events.map((event) => event.type).join(", ")).toBe(types);
        });
        And(
          "its events were committed to the streams {string} at scope version {int}",
          (_ctx, skus: string, version: number) => {
            const { commit } = world.value.operation!;
            expect(commit).toMatchObject({ status: "success", scopeVersion: version });
            if (commit?.status !== "success") return;
            expect(commit.events.map((event) => event.streamId)).toEqual(skus.split(", "));
            expect(commit.events.map((event) => event.version)).toEqual([2, 2]);
          },
        );
        And(
          "folding the virtual stream leaves {string} available",
          async (_ctx, expected: string) => {
            const { events } = await virtualStream();
            const state = fold(inventoryDecider, events.map(toInventoryEvent));
            expect(state.available).toEqual(
              Object.fromEntries(lines(expected).map((l) => [l.sku, l.quantity])),
            );
          },
        );
      },
    );

    RuleScenario("A rejected decision commits nothing", ({ Given, When, Then, And }) => {
      Given("an event store app", givenApp);
      And(stocked, stock);
      When(reserves, reserve);
      Then("the decider rejected it with code {string} and nothing was committed", rejectedWith);
    });

    RuleScenario(
      "The decider is pure: the same events and command give the same decision",
      ({ Given, When, Then }) => {
        let decisions: unknown[] = [];
        let frozenHistory = "";
        Given("the stock events {string}", (_ctx, items: string) => {
          world.value.history = lines(items).map((line) => ({
            type: "StockAdded",
            data: { ...line, at: 1 },
          }));
          frozenHistory = JSON.stringify(world.value.history);
        });
        When(
          "the decider decides a reservation of {string} twice at the same time",
          (_ctx, items: string) => {
            const command = {
              type: "ReserveItems" as const,
              data: { orderId: "ord-1", lines: lines(items) },
            };
            decisions = [1, 2].map(() =>
              inventoryDecider.decide(
                fold(inventoryDecider, world.value.history),
                command,
                context,
              ),
            );
          },
        );
        Then("both decisions are equal and the events were not changed", () => {
          expect(decisions[0]).toEqual(decisions[1]);
          expect(decisions[0]).toMatchObject({ status: "success" });
          expect(JSON.stringify(world.value.history)).toBe(frozenHistory);
          expect(Object.isFrozen(inventoryDecider)).toBe(true);
        });
      },
    );
  });
});
