// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { defineProjection, isProjectionAccessError } from "@convex-es/platform-bc";
import type { StepTest } from "@amiceli/vitest-cucumber";
import type { EventEnvelope } from "@convex-es/platform-store";
import { expect, vi } from "vitest";
import {
  byStream,
  DEFAULT_STALE_AFTER_MS,
  defineReactiveProjection,
  mergeReactiveState,
  reactiveProjectionHandlers,
  reactiveProjectionQuery,
  readReactiveEvents,
  toReactiveEvent,
  vReactiveEvent,
  vReactiveSnapshot,
} from "../../src/index.js";
import type { MergedState, ReactiveEvent, ReactiveSnapshot } from "../../src/index.js";
import { api, internal } from "../reactiveApp/convex/_generated/api.js";
import {
  counterView,
  counterViewReactive,
  vCounterView,
} from "../reactiveApp/convex/counterView.js";
import type { CounterView } from "../reactiveApp/convex/counterView.js";
import { eventStore, projectionStore } from "../reactiveApp/convex/runtime.js";
import { committedEvents, counterEvents, counterState } from "../support/counterEvents.js";
import {
  captureAsyncError,
  captureError,
  coreError,
  featurePath,
  world,
} from "../support/helpers.js";
import { newReactiveApp } from "../support/reactiveApp.js";
import type { ReactiveApp } from "../support/reactiveApp.js";

const feature = await loadFeature(featurePath("reactive-projections.feature"));

/** Past the event store's default settle window (5 s), so the last appends are readable. */
const SETTLE_MS = 6_000;
const NOW = 1_900_000_000_000;

type StoredEvent = { eventId: string; globalPosition: number; version: number };
type Snapshot = ReactiveSnapshot<CounterView>;

describeFeature(feature, ({ Rule, BeforeEachScenario, AfterEachScenario }) => {
  BeforeEachScenario(() => state.reset());
  AfterEachScenario(() => {
    vi.useRealTimers();
  });
  const state = world(() => ({
    error: undefined as unknown,
    reactive: undefined as
      { subscribesTo(type: string): boolean; initialState: unknown } | undefined,
    saved: null as CounterView | null,
    snapshot: undefined as Snapshot | undefined,
    own: [] as ReactiveEvent[],
    seenAt: new Map<string, number>(),
    merged: undefined as MergedState<CounterView> | undefined,
  }));
  let t: ReactiveApp | undefined;
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };

  Rule(
    "Only a view projection with an evolve can be reactive",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("A view projection becomes reactive", ({ When, Then, And }) => {
        When("the counterView view projection is made reactive", () => {
          state.value.reactive = defineReactiveProjection({
            projection: counterView,
            initialState: { value: 0, increments: 0 },
            evolve: counterViewReactive.evolve,
          });
        });
        Then(
          "the reactive projection subscribes to {string} and not to {string}",
          (_ctx, yes: string, no: string) => {
            for (const type of yes.split(", "))
              expect(state.value.reactive?.subscribesTo(type)).toBe(true);
            expect(state.value.reactive?.subscribesTo(no)).toBe(false);
          },
        );
        And("its initial state is {string}", (_ctx, initial: string) => {
          expect(state.value.reactive?.initialState).toEqual(counterState(initial));
        });
      });

      RuleScenarioOutline(
        "Projections of other categories are refused",
        ({ When, Then }, variables) => {
          When('a "<category>" projection is made reactive', () => {
            const projection = defineProjection({
              projectionName: "counterNumbers",
              description: "Counters for another purpose",
              targetTable: "counterNumbers",
              eventSubscriptions: ["CounterCreated"],
              category: variables["category"] as "logic" | "reporting" | "integration",
              context: "counters",
            });
            state.value.error = captureError(() =>
              defineReactiveProjection({
                projection,
                initialState: 0,
                evolve: (n: number) => n + 1,
              }),
            );
          });
          Then(
            'it is refused with SUBSCRIPTIONS_NOT_SUPPORTED naming the "<category>" category',
            () => {
              const error = state.value.error;
              expect(isProjectionAccessError(error, "SUBSCRIPTIONS_NOT_SUPPORTED")).toBe(true);
              expect((error as Error).message).toContain(`category "${variables["category"]}"`);
              expect((error as Error).message).toContain("only view projections");
            },
          );
        },
      );

      RuleScenario("A malformed reactive projection lists every problem", ({ When, Then }) => {
        When(
          "a reactive projection is defined without a projection, an initial state or an evolve",
          () => {
            state.value.error = captureError(() =>
              defineReactiveProjection({ evolve: "none" } as unknown as Parameters<
                typeof defineReactiveProjection
              >[0]),
            );
          },
        );
        Then(
          "it is refused with {int} INVALID_REACTIVE_PROJECTION problems",
          (_ctx, count: number) => {
            const error = coreError(state.value.error);
            expect(error.problems).toHaveLength(count);
            expect(error.codes).toEqual(["INVALID_REACTIVE_PROJECTION"]);
            expect(error.message).toMatch(
              /projection must be .*initialState is required.*evolve must be a function/s,
            );
          },
        );
      });
    },
  );

  Rule("The durable handlers are made from the same evolve", ({ RuleScenario }) => {
    const handlers = () =>
      reactiveProjectionHandlers(counterViewReactive, {
        partition: (event: EventEnvelope) => byStream(event.streamId),
        load: async () => state.value.saved,
        save: async (_ctx: { db: "memory" }, _event, next) => {
          state.value.saved = next;
        },
      });
    const stored = (text: string): EventEnvelope[] =>
      committedEvents(text).map((event) => ({
        ...event,
        streamType: "Counter",
        category: "domain",
        schemaVersion: 1,
        boundedContext: "counters",
        tenantId: "t-9",
        metadata: { correlationId: "corr-1", timestamp: NOW },
      }));

    RuleScenario("The handlers save what evolve computes", ({ Given, When, Then, And }) => {
      let events: EventEnvelope[] = [];
      Given("the durable handlers of counterView over an in-memory row", () => {
        expect(handlers().eventTypes).toEqual(["CounterCreated", "CounterIncremented"]);
      });
      When(
        "the stored events {string} are applied through the handlers",
        async (_ctx, text: string) => {
          events = stored(text);
          const durable = handlers();
          for (const event of events) await durable.apply({ db: "memory" }, event);
        },
      );
      Then("the saved state is {string}", (_ctx, expected: string) => {
        expect(state.value.saved).toEqual(counterState(expected));
      });
      And(
        "folding the same events with evolve on the client gives {string}",
        (_ctx, expected: string) => {
          // The client gets the reactive fields only: no tenant, no metadata.
          const clientEvents = events.map(toReactiveEvent);
          expect(Object.keys(clientEvents[0]!).sort()).toEqual(
            Object.keys(vReactiveEvent.fields).sort(),
          );
          const folded = clientEvents.reduce(
            (current, event) => counterViewReactive.evolve(current, event as never),
            counterViewReactive.initialState,
          );
          expect(folded).toEqual(counterState(expected));
        },
      );
    });

    RuleScenario("Handlers need a load and a save", ({ When, Then }) => {
      When("durable handlers are made without a save", () => {
        state.value.error = captureError(() =>
          reactiveProjectionHandlers(counterViewReactive, {
            partition: (event: EventEnvelope) => byStream(event.streamId),
            load: async () => null,
          } as never),
        );
      });
      Then(
        "the handlers are refused with INVALID_REACTIVE_PROJECTION naming {string}",
        (_ctx, name: string) => {
          const error = coreError(state.value.error);
          expect(error.code).toBe("INVALID_REACTIVE_PROJECTION");
          expect(error.message).toContain(`${name} must be a function`);
        },
      );
    });
  });

  Rule(
    "The reactive query returns the events after the durable position",
    ({ RuleBackground, RuleScenario }) => {
      RuleBackground(({ Given }) => {
        Given("the reactive counter app with a real Workpool", () => {
          vi.useFakeTimers();
          t = newReactiveApp();
        });
      });
      const append = async (
        counterId: string,
        eventType: string,
        payload: unknown,
        tenantId?: string,
      ) => {
        await app().mutation(internal.counters.append, {
          counterId,
          eventType: eventType as "CounterCreated",
          payload,
          ...(tenantId !== undefined && { tenantId }),
        });
      };
      const stream = async (counterId: string, tenantId?: string): Promise<StoredEvent[]> =>
        (
          await app().run((ctx) =>
            eventStore.readStream(ctx, {
              streamType: "Counter",
              streamId: counterId,
              limit: 200,
              ...(tenantId !== undefined && { tenantId }),
            }),
          )
        ).events;
      const read = async (counterId: string, tenantId?: string) => {
        const caller = tenantId === undefined ? app() : app().withIdentity({ tenantId });
        state.value.snapshot = (await caller.query(api.counters.counterView, {
          counterId,
        })) as Snapshot;
        expect(Object.keys(state.value.snapshot).sort()).toEqual(
          Object.keys(vReactiveSnapshot(vCounterView).fields).sort(),
        );
      };
      const project = async () => {
        vi.setSystemTime(Date.now() + SETTLE_MS);
        await app().mutation(internal.projections.dispatch, {});
        await app().finishAllScheduledFunctions(vi.runAllTimers);
      };
      const returnedIds = () => state.value.snapshot?.events.map((e) => e.eventId);
      const given = (s: StepTest) =>
        s.Given(
          "counter {string} is created at {int} and incremented by {int}",
          async (_ctx, counterId: string, start: number, by: number) => {
            await append(counterId, "CounterCreated", { start });
            await append(counterId, "CounterIncremented", { by });
          },
        );
      const readStep = (s: StepTest) =>
        s.When("the client reads the counter view of {string}", async (_ctx, counterId: string) =>
          read(counterId),
        );

      RuleScenario(
        "Before the projection runs, every event of the stream is after the durable position",
        (s) => {
          given(s);
          readStep(s);
          s.Then(
            "the durable state is {string} at position {int}",
            (_ctx, expected: string, position: number) => {
              expect(state.value.snapshot).toMatchObject({
                state: counterState(expected),
                durablePosition: position,
                durableEventId: null,
                hasMore: false,
              });
            },
          );
          s.And(
            "the events returned are the {int} events of {string} in stream order",
            async (_ctx, count: number, counterId: string) => {
              const events = await stream(counterId);
              expect(events).toHaveLength(count);
              expect(returnedIds()).toEqual(events.map((e) => e.eventId));
              expect(state.value.snapshot?.events.map((e) => e.version)).toEqual([1, 2]);
            },
          );
          s.And(
            "server code reading the recent events of {string} gets the same answer",
            async (_ctx, counterId: string) => {
              const recent = await app().run((ctx) =>
                readReactiveEvents(
                  ctx,
                  { eventStore, projectionStore },
                  counterViewReactive,
                  { streamType: "Counter", streamId: counterId, partition: byStream(counterId) },
                  50,
                ),
              );
              const { state: _state, ...expected } = state.value.snapshot!;
              expect(recent).toEqual(expected);
            },
          );
        },
      );

      RuleScenario("After the projection runs, the durable position holds the last event", (s) => {
        given(s);
        s.When("the events settle and the projection runs", project);
        s.And("the client reads the counter view of {string}", async (_ctx, counterId: string) =>
          read(counterId),
        );
        s.Then(
          "the durable state is {string} at the position of the last event of {string}",
          async (_ctx, expected: string, counterId: string) => {
            const last = (await stream(counterId)).at(-1)!;
            expect(state.value.snapshot).toMatchObject({
              state: counterState(expected),
              durablePosition: last.globalPosition,
              durableEventId: last.eventId,
            });
          },
        );
        s.And("no event is returned", () => {
          expect(state.value.snapshot?.events).toEqual([]);
        });
        s.When(
          "counter {string} is incremented by {int} afterwards",
          async (_ctx, counterId: string, by: number) => {
            await append(counterId, "CounterIncremented", { by });
          },
        );
        s.And(
          "the client reads the counter view of {string} again",
          async (_ctx, counterId: string) => read(counterId),
        );
        s.Then(
          "the durable state is {string} at the position of event {int} of {string}",
          async (_ctx, expected: string, version: number, counterId: string) => {
            const event = (await stream(counterId))[version - 1]!;
            expect(state.value.snapshot).toMatchObject({
              state: counterState(expected),
              durablePosition: event.globalPosition,
            });
          },
        );
        s.And(
          "the events returned are event {int} of {string}",
          async (_ctx, version: number, counterId: string) => {
            expect(returnedIds()).toEqual([(await stream(counterId))[version - 1]!.eventId]);
          },
        );
      });

      RuleScenario("Events the projection does not subscribe to are left out", (s) => {
        s.Given(
          "counter {string} is created at {int} and renamed",
          async (_ctx, counterId: string, start: number) => {
            await append(counterId, "CounterCreated", { start });
            await append(counterId, "CounterRenamed", { name: "renamed" });
          },
        );
        readStep(s);
        s.Then(
          "the events returned are event {int} of {string}",
          async (_ctx, version: number, counterId: string) => {
            expect(await stream(counterId)).toHaveLength(2);
            expect(returnedIds()).toEqual([(await stream(counterId))[version - 1]!.eventId]);
          },
        );
      });

      RuleScenario("A long stream is searched from its tail, and the answer is bounded", (s) => {
        s.Given(
          "counter {string} gets {int} events that settle and are projected",
          async (_ctx, counterId: string, count: number) => {
            await append(counterId, "CounterCreated", { start: 0 });
            for (let i = 1; i < count; i += 1)
              await append(counterId, "CounterIncremented", { by: 1 });
            await project();
          },
        );
        s.And(
          "counter {string} gets {int} more events",
          async (_ctx, counterId: string, count: number) => {
            for (let i = 0; i < count; i += 1)
              await append(counterId, "CounterIncremented", { by: 1 });
          },
        );
        readStep(s);
        s.Then(
          "the events returned are events {int} to {int} of {string}",
          async (_ctx, from: number, to: number, counterId: string) => {
            const events = await stream(counterId);
            expect(state.value.snapshot?.durablePosition).toBe(events[from - 2]!.globalPosition);
            expect(state.value.snapshot?.state).toEqual({ value: from - 2, increments: from - 2 });
            expect(returnedIds()).toEqual(events.slice(from - 1, to).map((e) => e.eventId));
          },
        );
        s.And("more events are waiting", () => {
          expect(state.value.snapshot?.hasMore).toBe(true);
        });
      });

      RuleScenario("A tenant's counter is read with the tenant of the caller's identity", (s) => {
        s.Given(
          "counter {string} of tenant {string} is created at {int}",
          async (_ctx, counterId: string, tenantId: string, start: number) => {
            await append(counterId, "CounterCreated", { start }, tenantId);
          },
        );
        s.When(
          "a caller of tenant {string} reads the counter view of {string}",
          async (_ctx, tenantId: string, counterId: string) => read(counterId, tenantId),
        );
        s.Then(
          "the events returned are event {int} of {string}",
          async (_ctx, version: number, counterId: string) => {
            expect(returnedIds()).toEqual([(await stream(counterId, "t-1"))[version - 1]!.eventId]);
          },
        );
        s.When(
          "a caller without tenant reads the counter view of {string}",
          async (_ctx, counterId: string) => {
            state.value.error = await captureAsyncError(() => read(counterId));
          },
        );
        s.Then("the read is refused with {string}", (_ctx, code: string) => {
          expect((state.value.error as { data?: { code?: string } }).data?.code).toBe(code);
        });
      });

      RuleScenario("A reactive query definition is checked when it is made", (s) => {
        s.When("a reactive query is defined with limit {int}", (_ctx, limit: number) => {
          state.value.error = captureError(() =>
            reactiveProjectionQuery(counterViewReactive, {
              eventStore,
              projectionStore,
              args: {},
              state: vCounterView,
              limit,
              loadState: async () => null,
              source: async () => ({
                streamType: "Counter",
                streamId: "c-1",
                partition: byStream("c-1"),
              }),
            }),
          );
        });
        s.Then(
          "the query is refused with INVALID_REACTIVE_QUERY naming {string}",
          (_ctx, name: string) => {
            const error = coreError(state.value.error);
            expect(error.code).toBe("INVALID_REACTIVE_QUERY");
            expect(error.message).toContain(`${name} must be an integer from 1 to 1000`);
          },
        );
      });
    },
  );

  Rule(
    "The merge applies optimistic events on the durable base by the conflict rules",
    ({ RuleScenario }) => {
      const merge = (now: number, staleAfterMs?: number) =>
        mergeReactiveState(counterViewReactive, {
          snapshot: state.value.snapshot,
          optimisticEvents: state.value.own,
          seenAt: state.value.seenAt,
          now,
          ...(staleAfterMs !== undefined && { staleAfterMs }),
        });
      type Steps = StepTest;
      const durable = (s: Steps) =>
        s.Given(
          "the durable state {string} at position {int} with event {string}",
          (_ctx, text: string, position: number, eventId: string) => {
            state.value.snapshot = {
              state: counterState(text),
              durablePosition: position,
              durableEventId: eventId,
              events: [],
              hasMore: false,
            };
          },
        );
      const committed = (s: Steps) =>
        s.And("the committed events {string}", (_ctx, text: string) => {
          state.value.snapshot = { ...state.value.snapshot!, events: committedEvents(text) };
        });
      const own = (s: Steps) =>
        s.And("the client's own events {string}", (_ctx, text: string) => {
          state.value.own = counterEvents(text);
        });
      const mergeAt = (s: Steps) =>
        s.When("the client merges at {int} s", (_ctx, seconds: number) => {
          state.value.merged = merge(NOW + seconds * 1000);
        });
      const mergedState = (s: Steps) =>
        s.Then(
          "the merged state is {string} with {int} pending events",
          (_ctx, text: string, pending: number) => {
            expect(state.value.merged?.state).toEqual(counterState(text));
            expect(state.value.merged?.pendingEvents).toBe(pending);
          },
        );
      const seen = (s: Steps) =>
        s.And(
          "the client first saw {string} {int} s before",
          (_ctx, eventId: string, seconds: number) => {
            state.value.seenAt.set(eventId, NOW - seconds * 1000);
          },
        );
      const discardedAs = (s: Steps) =>
        s.And("{string} were discarded as {string}", (_ctx, ids: string, reason: string) => {
          expect(state.value.merged?.discarded).toEqual(
            ids.split(", ").map((eventId) => ({ eventId, reason })),
          );
        });
      const notOptimistic = (s: Steps) =>
        s.And("the merge is not optimistic", () => {
          expect(state.value.merged).toMatchObject({ isOptimistic: false, staleAt: null });
        });

      RuleScenario("Optimistic events ahead of durable merge on the durable base", (s) => {
        durable(s);
        committed(s);
        mergeAt(s);
        mergedState(s);
        s.And("the merge is optimistic at durable position {int}", (_ctx, position: number) => {
          expect(state.value.merged).toMatchObject({
            isOptimistic: true,
            durablePosition: position,
            discarded: [],
          });
          expect(state.value.merged?.staleAt).toBe(NOW + DEFAULT_STALE_AFTER_MS);
        });
      });

      RuleScenario("A client event the store confirmed counts once", (s) => {
        durable(s);
        committed(s);
        own(s);
        mergeAt(s);
        mergedState(s);
      });

      RuleScenario(
        "A client event at a position the store gave to another event discards the client branch",
        (s) => {
          durable(s);
          committed(s);
          own(s);
          mergeAt(s);
          mergedState(s);
          discardedAs(s);
        },
      );

      RuleScenario(
        "A client event that claims the durable checkpoint's position is a conflict",
        (s) => {
          durable(s);
          committed(s);
          own(s);
          mergeAt(s);
          mergedState(s);
          discardedAs(s);
        },
      );

      RuleScenario("Optimistic events still pending after the stale threshold roll back", (s) => {
        durable(s);
        committed(s);
        seen(s);
        mergeAt(s);
        mergedState(s);
        discardedAs(s);
        notOptimistic(s);
      });

      RuleScenario("Below the threshold the events stay, with the time they turn stale", (s) => {
        durable(s);
        committed(s);
        seen(s);
        mergeAt(s);
        mergedState(s);
        s.And("the merge turns stale in {int} s", (_ctx, seconds: number) => {
          expect(state.value.merged?.staleAt).toBe(NOW + seconds * 1000);
        });
      });

      RuleScenario("A threshold of its own, and a threshold that is not one", (s) => {
        durable(s);
        committed(s);
        seen(s);
        s.When(
          "the client merges at {int} s with a stale threshold of {int} s",
          (_ctx, seconds: number, threshold: number) => {
            state.value.merged = merge(NOW + seconds * 1000, threshold * 1000);
          },
        );
        mergedState(s);
        s.When(
          "the client merges with a stale threshold of {int} ms",
          (_ctx, threshold: number) => {
            state.value.error = captureError(() => merge(NOW, threshold));
          },
        );
        s.Then("the merge is refused with INVALID_STALE_THRESHOLD", () => {
          const error = coreError(state.value.error);
          expect(error.code).toBe("INVALID_STALE_THRESHOLD");
          expect(error.message).toContain("positive number of milliseconds (got number -1)");
        });
      });

      RuleScenario("Without a durable row the events fold from the initial state", (s) => {
        s.Given(
          "the durable state {string} at position {int} with no event",
          (_ctx, text: string, position: number) => {
            state.value.snapshot = {
              state: counterState(text),
              durablePosition: position,
              durableEventId: null,
              events: [],
              hasMore: false,
            };
          },
        );
        committed(s);
        mergeAt(s);
        mergedState(s);
      });

      RuleScenario("Nothing is merged while the query loads", (s) => {
        s.Given("the reactive query has not answered yet", () => {
          state.value.snapshot = undefined;
        });
        mergeAt(s);
        mergedState(s);
        notOptimistic(s);
      });
    },
  );
});
