// @vitest-environment happy-dom
// happy-dom gives the hook a DOM to render in; convex-test runs in it as well.
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { StepTest } from "@amiceli/vitest-cucumber";
import { defineProjection } from "@convex-es/platform-bc";
import type { ProjectionCategory } from "@convex-es/platform-bc";
import { defineReactiveProjection, mergeReactiveState } from "@convex-es/platform-core";
import type { MergedState, ReactiveEvent, ReactiveSnapshot } from "@convex-es/platform-core";
import { useReactiveProjection } from "@convex-es/platform-core/react";
import type { ReactiveProjectionResult } from "@convex-es/platform-core/react";
import { renderHook } from "@testing-library/react";
import { expect, vi } from "vitest";
import { committed, counterEvents, counterState } from "./support/counterEvents.js";
import { accessOutcome } from "./support/projections.js";
import { counterViewReactive, reactiveApp } from "./support/reactiveApp.js";
import type { CounterView } from "./support/reactiveApp.js";
import { createWorld } from "./support/world.js";

// happy-dom gives modules no file URL: the feature is found from the specs root.
const feature = await loadFeature("platform/reactive-projections.feature");

/** Past the event store's default settle window (5 s), so the last appends are readable. */
const SETTLE_MS = 6_000;
const NOW = 1_900_000_000_000;

type Snapshot = ReactiveSnapshot<CounterView>;

const world = createWorld(() => ({
  app: undefined as ReturnType<typeof reactiveApp> | undefined,
  snapshot: undefined as Snapshot | undefined,
  own: [] as ReactiveEvent[],
  seenAt: new Map<string, number>(),
  merged: undefined as MergedState<CounterView> | undefined,
  folded: undefined as CounterView | undefined,
  next: undefined as CounterView | undefined,
  outcome: "",
  hook: undefined as ReactiveProjectionResult<CounterView> | undefined,
}));

const app = () => {
  const current = world.value.app;
  if (current === undefined) throw new Error("no app");
  return current;
};
const settleAndProject = async () => {
  vi.setSystemTime(Date.now() + SETTLE_MS);
  await app().dispatch();
  await app().t.finishAllScheduledFunctions(vi.runAllTimers);
};
const streamOf = async (counterId: string) => app().stream(counterId);
const merge = () =>
  mergeReactiveState(counterViewReactive, {
    snapshot: world.value.snapshot,
    optimisticEvents: world.value.own,
    seenAt: world.value.seenAt,
    now: NOW,
  });
const theApp = (s: StepTest) =>
  s.Given("the reactive counter app with a real Workpool", () => {
    vi.useFakeTimers();
    world.value.app = reactiveApp();
  });

describeFeature(feature, ({ Rule, BeforeEachScenario, AfterEachScenario }) => {
  BeforeEachScenario(() => world.reset());
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  Rule("Hybrid model combines durability with speed", ({ RuleScenario }) => {
    RuleScenario("A new event shows at once and becomes durable when the projection runs", (s) => {
      theApp(s);
      s.And(
        "counter {string} is created at {int} and incremented by {int}",
        async (_ctx, counterId: string, start: number, by: number) => {
          await app().append(counterId, "CounterCreated", { start });
          await app().append(counterId, "CounterIncremented", { by });
        },
      );
      s.When(
        "the client reads the reactive view of {string} before the events settle",
        async (_ctx, counterId: string) => {
          world.value.snapshot = await app().counterView(counterId);
          world.value.merged = merge();
        },
      );
      s.Then("the durable state is empty at durable position {int}", (_ctx, position: number) => {
        expect(world.value.snapshot).toMatchObject({ state: null, durablePosition: position });
      });
      s.And(
        "the {int} events of {string} come back after the durable position",
        async (_ctx, count: number, counterId: string) => {
          const stream = await streamOf(counterId);
          expect(stream).toHaveLength(count);
          expect(world.value.snapshot?.events.map((e) => e.eventId)).toEqual(
            stream.map((e) => e.eventId),
          );
        },
      );
      s.And(
        "the merged view shows {string} ahead of the durable state with {int} pending events",
        (_ctx, text: string, pending: number) => {
          expect(world.value.merged).toMatchObject({
            state: counterState(text),
            isOptimistic: true,
            pendingEvents: pending,
          });
        },
      );
      s.When(
        "the events settle, are dispatched and the Workpool runs the catch-up job",
        settleAndProject,
      );
      s.And(
        "the client reads the reactive view of {string} again",
        async (_ctx, counterId: string) => {
          world.value.snapshot = await app().counterView(counterId);
          world.value.merged = merge();
        },
      );
      s.Then(
        "the durable state is {string} at the position of the last event of {string}",
        async (_ctx, text: string, counterId: string) => {
          const last = (await streamOf(counterId)).at(-1)!;
          expect(world.value.snapshot).toMatchObject({
            state: counterState(text),
            durablePosition: last.globalPosition,
            durableEventId: last.eventId,
          });
        },
      );
      s.And("no event comes back after the durable position", () => {
        expect(world.value.snapshot?.events).toEqual([]);
      });
      s.And("the merged view shows {string} from the durable state alone", (_ctx, text: string) => {
        expect(world.value.merged).toMatchObject({
          state: counterState(text),
          isOptimistic: false,
          pendingEvents: 0,
        });
      });
    });
  });

  Rule("Shared evolve logic runs on client and server", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenario("The durable read model equals the client's fold of the same events", (s) => {
      theApp(s);
      s.And(
        "counter {string} is created at {int} and incremented by {int} and by {int}",
        async (_ctx, counterId: string, start: number, first: number, second: number) => {
          await app().append(counterId, "CounterCreated", { start });
          await app().append(counterId, "CounterIncremented", { by: first });
          await app().append(counterId, "CounterIncremented", { by: second });
        },
      );
      s.When(
        "the client folds the events of the reactive view of {string} with the shared evolve",
        async (_ctx, counterId: string) => {
          const snapshot = await app().counterView(counterId);
          expect(snapshot.state).toBeNull();
          world.value.folded = snapshot.events.reduce(
            (state, event) => counterViewReactive.evolve(state, event as never),
            counterViewReactive.initialState,
          );
        },
      );
      s.And(
        "the events settle, are dispatched and the Workpool runs the catch-up jobs",
        settleAndProject,
      );
      s.Then(
        "the durable read model of {string} is {string}, the same as the client's fold",
        async (_ctx, counterId: string, text: string) => {
          expect(await app().readModel(counterId)).toEqual(counterState(text));
          expect(world.value.folded).toEqual(counterState(text));
        },
      );
    });

    RuleScenarioOutline(
      "evolve maps a state and an event to the next state",
      ({ When, Then }, variables) => {
        When('the shared evolve applies "<event>" to "<state>"', () => {
          const [event] = counterEvents(variables["event"]);
          world.value.next = counterViewReactive.evolve(
            counterState(variables["state"]),
            event as never,
          );
        });
        Then('the next state is "<next>"', () => {
          expect(world.value.next).toEqual(counterState(variables["next"]));
        });
      },
    );
  });

  Rule("Conflict detection triggers rollback", ({ RuleScenario }) => {
    const durable = (s: StepTest) =>
      s.Given(
        "the durable state {string} at position {int}, holding event {string}",
        (_ctx, text: string, position: number, eventId: string) => {
          world.value.snapshot = {
            state: counterState(text),
            durablePosition: position,
            durableEventId: eventId,
            events: [],
            hasMore: false,
          };
        },
      );
    const after = (s: StepTest) =>
      s.And("the events after it {string}", (_ctx, text: string) => {
        world.value.snapshot = { ...world.value.snapshot!, events: committed(text) };
      });
    const merges = (s: StepTest) =>
      s.When("the client merges them", () => {
        world.value.merged = merge();
      });
    const mergedState = (s: StepTest) =>
      s.Then(
        "the merged state is {string} with {int} pending events",
        (_ctx, text: string, pending: number) => {
          expect(world.value.merged).toMatchObject({
            state: counterState(text),
            pendingEvents: pending,
          });
        },
      );
    const discardedAs = (s: StepTest) =>
      s.And("{string} are discarded as {string}", (_ctx, ids: string, reason: string) => {
        expect(world.value.merged?.discarded).toEqual(
          ids.split(", ").map((eventId) => ({ eventId, reason })),
        );
      });

    RuleScenario("Optimistic events ahead of durable merge with the durable base", (s) => {
      durable(s);
      after(s);
      merges(s);
      s.Then(
        "the merged state is {string} with {int} pending event and nothing discarded",
        (_ctx, text: string, pending: number) => {
          expect(world.value.merged).toMatchObject({
            state: counterState(text),
            pendingEvents: pending,
            isOptimistic: true,
            discarded: [],
          });
        },
      );
    });

    RuleScenario("A conflicting branch of optimistic events is discarded", (s) => {
      durable(s);
      after(s);
      s.And("the client's own optimistic events {string}", (_ctx, text: string) => {
        world.value.own = counterEvents(text);
      });
      merges(s);
      s.Then(
        "the merged state is {string} with {int} pending event",
        (_ctx, text: string, pending: number) => {
          expect(world.value.merged).toMatchObject({
            state: counterState(text),
            pendingEvents: pending,
          });
        },
      );
      discardedAs(s);
    });

    RuleScenario(
      "Optimistic events older than the 30 s stale threshold roll back to durable",
      (s) => {
        durable(s);
        after(s);
        s.And(
          "the client first saw {string} {int} s ago",
          (_ctx, eventId: string, seconds: number) => {
            world.value.seenAt.set(eventId, NOW - seconds * 1000);
          },
        );
        merges(s);
        mergedState(s);
        discardedAs(s);
      },
    );
  });

  Rule("Only View projections need reactive layer", ({ RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "Only view projections are reactive eligible",
      ({ When, Then }, variables) => {
        When('a "<category>" projection is made reactive', () => {
          const projection = defineProjection({
            projectionName: "orderDetail",
            description: "One order for its detail page",
            targetTable: "orderDetails",
            eventSubscriptions: ["OrderCreated"],
            category: variables["category"] as ProjectionCategory,
            context: "orders",
          });
          world.value.outcome = accessOutcome(() => {
            defineReactiveProjection({ projection, initialState: {}, evolve: (state) => state });
          });
        });
        Then('the reactive definition is "<outcome>"', () => {
          expect(world.value.outcome).toBe(variables["outcome"]);
        });
      },
    );
  });

  Rule("useReactiveProjection merges durable and optimistic state", ({ RuleScenario }) => {
    const renders = (counterId: string, own: ReactiveEvent[]) =>
      app()
        .counterView(counterId)
        .then((snapshot) => {
          const { result, unmount } = renderHook(() =>
            useReactiveProjection(counterViewReactive, snapshot, { optimisticEvents: own }),
          );
          world.value.hook = result.current;
          unmount();
        });
    const returns = (s: StepTest) =>
      s.Then(
        "the hook returns state {string}, isOptimistic {word} and {int} pending events",
        (_ctx, text: string, optimistic: string, pending: number) => {
          expect(world.value.hook).toMatchObject({
            state: counterState(text),
            isOptimistic: optimistic === "true",
            pendingEvents: pending,
          });
        },
      );

    RuleScenario(
      "The hook returns the merged state, isOptimistic, durablePosition and pendingEvents",
      (s) => {
        theApp(s);
        s.And(
          "counter {string} is created at {int}, projected, and then incremented by {int}",
          async (_ctx, counterId: string, start: number, by: number) => {
            await app().append(counterId, "CounterCreated", { start });
            await settleAndProject();
            await app().append(counterId, "CounterIncremented", { by });
          },
        );
        s.When(
          "the hook renders the reactive view of {string} with the client's own event {string}",
          async (_ctx, counterId: string, own: string) => renders(counterId, counterEvents(own)),
        );
        returns(s);
        s.And(
          "the hook's durablePosition is the position of the first event of {string}",
          async (_ctx, counterId: string) => {
            const [first] = await streamOf(counterId);
            expect(world.value.hook?.durablePosition).toBe(first!.globalPosition);
          },
        );
      },
    );

    RuleScenario("Without pending events the hook returns the durable state", (s) => {
      theApp(s);
      s.And(
        "counter {string} is created at {int} and projected",
        async (_ctx, counterId: string, start: number) => {
          await app().append(counterId, "CounterCreated", { start });
          await settleAndProject();
        },
      );
      s.When("the hook renders the reactive view of {string}", async (_ctx, counterId: string) =>
        renders(counterId, []),
      );
      returns(s);
    });
  });
});
