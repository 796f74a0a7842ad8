// @vitest-environment happy-dom
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { StepTest } from "@amiceli/vitest-cucumber";
import { act, renderHook } from "@testing-library/react";
import type { RenderHookResult } from "@testing-library/react";
import { expect, vi } from "vitest";
import type { ReactiveEvent, ReactiveSnapshot } from "../../src/index.js";
import { useReactiveProjection } from "../../src/react/index.js";
import type { ReactiveProjectionResult } from "../../src/react/index.js";
import { api, internal } from "../reactiveApp/convex/_generated/api.js";
import { counterViewReactive } from "../reactiveApp/convex/counterView.js";
import type { CounterView } from "../reactiveApp/convex/counterView.js";
import { counterEvents, counterState } from "../support/counterEvents.js";
import { world } from "../support/helpers.js";
import { newReactiveApp } from "../support/reactiveApp.js";
import type { ReactiveApp } from "../support/reactiveApp.js";

// happy-dom gives modules no file URL: the feature is found from the package root.
const feature = await loadFeature("tests/features/reactive-projection-hook.feature");

/** Past the event store's default settle window (5 s), so the last appends are readable. */
const SETTLE_MS = 6_000;

type Props = { snapshot: ReactiveSnapshot<CounterView> | undefined; own: ReactiveEvent[] };
type Hook = RenderHookResult<ReactiveProjectionResult<CounterView>, Props>;

describeFeature(feature, ({ Rule, Background, BeforeEachScenario, AfterEachScenario }) => {
  let t: ReactiveApp | undefined;
  const state = world(() => ({
    hook: undefined as Hook | undefined,
    props: undefined as Props | undefined,
  }));
  BeforeEachScenario(() => state.reset());
  AfterEachScenario(() => {
    state.value.hook?.unmount();
    vi.useRealTimers();
  });
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const hook = () => {
    if (state.value.hook === undefined) throw new Error("the hook has not rendered");
    return state.value.hook.result.current;
  };
  const render = (props: Props) => {
    state.value.props = props;
    if (state.value.hook === undefined) {
      state.value.hook = renderHook(
        ({ snapshot, own }: Props) =>
          useReactiveProjection(counterViewReactive, snapshot, { optimisticEvents: own }),
        { initialProps: props },
      );
    } else {
      state.value.hook.rerender(props);
    }
  };
  const answer = async (counterId: string) =>
    (await app().query(api.counters.counterView, { counterId })) as ReactiveSnapshot<CounterView>;
  const append = async (counterId: string, eventType: string, payload: unknown) =>
    app().mutation(internal.counters.append, {
      counterId,
      eventType: eventType as "CounterCreated",
      payload,
    });
  const project = async () => {
    vi.setSystemTime(Date.now() + SETTLE_MS);
    await app().mutation(internal.projections.dispatch, {});
    await app().finishAllScheduledFunctions(vi.runAllTimers);
  };
  const eventIdsOf = async (counterId: string) =>
    (await app().run((ctx) => ctx.runQuery(api.counters.counterView, { counterId }))).events.map(
      (event: { eventId: string }) => event.eventId,
    );

  Background(({ Given }) => {
    Given("the reactive counter app with a real Workpool", () => {
      vi.useFakeTimers();
      t = newReactiveApp();
    });
  });

  const createdAndIncremented = (s: StepTest) =>
    s.Given(
      "counter {string} is created at {int} and incremented by {int} in the app",
      async (_ctx, counterId: string, start: number, by: number) => {
        await append(counterId, "CounterCreated", { start });
        await append(counterId, "CounterIncremented", { by });
      },
    );
  const renders = (s: StepTest) =>
    s.When("the hook renders the counter view of {string}", async (_ctx, counterId: string) => {
      render({ snapshot: await answer(counterId), own: [] });
    });
  const shows = (s: StepTest, keyword: "Then" | "And" = "Then") =>
    s[keyword](
      "the hook shows {string}, optimistic with {int} pending events",
      (_ctx, text: string, pending: number) => {
        expect(hook()).toMatchObject({
          state: counterState(text),
          isOptimistic: true,
          pendingEvents: pending,
          isLoading: false,
        });
      },
    );
  const showsDurable = (s: StepTest) =>
    s.Then("the hook shows {string}, not optimistic", (_ctx, text: string) => {
      expect(hook()).toMatchObject({
        state: counterState(text),
        isOptimistic: false,
        pendingEvents: 0,
      });
    });

  Rule("The hook shows the durable state merged with the events it lacks", ({ RuleScenario }) => {
    RuleScenario("While the query loads the hook has no state", (s) => {
      s.When("the hook renders before the query answers", () => {
        render({ snapshot: undefined, own: counterEvents("l1 +4") });
      });
      s.Then(
        "the hook is loading with no state, durable position {int} and {int} pending events",
        (_ctx, position: number, pending: number) => {
          expect(hook()).toEqual({
            state: null,
            isOptimistic: false,
            durablePosition: position,
            pendingEvents: pending,
            discarded: [],
            isLoading: true,
          });
        },
      );
    });

    RuleScenario("Committed events show before the durable projection applies them", (s) => {
      createdAndIncremented(s);
      renders(s);
      shows(s);
      s.And("the hook's durable position is {int}", (_ctx, position: number) => {
        expect(hook().durablePosition).toBe(position);
      });
      s.When(
        "the events settle, the projection runs and the hook renders the new answer",
        async () => {
          await project();
          render({ snapshot: await answer("c-1"), own: [] });
        },
      );
      showsDurable(s);
      s.And(
        "the hook's durable position is the position of the last event of {string}",
        async (_ctx, counterId: string) => {
          const snapshot = await answer(counterId);
          expect(snapshot.events).toEqual([]);
          expect(snapshot.durablePosition).toBeGreaterThan(0);
          expect(hook().durablePosition).toBe(snapshot.durablePosition);
        },
      );
    });
  });

  Rule("The hook drops what the conflict rules discard", ({ RuleScenario }) => {
    RuleScenario(
      "The client's own events show at once, and a branch that conflicts is dropped",
      (s) => {
        s.Given(
          "counter {string} is created at {int} in the app and projected",
          async (_ctx, counterId: string, start: number) => {
            await append(counterId, "CounterCreated", { start });
            await project();
          },
        );
        s.When(
          "the hook renders the counter view of {string} with the client's own event {string}",
          async (_ctx, counterId: string, own: string) => {
            render({ snapshot: await answer(counterId), own: counterEvents(own) });
          },
        );
        shows(s);
        s.When(
          "the client's own event {string} claims the durable position",
          (_ctx, own: string) => {
            const props = state.value.props!;
            render({ ...props, own: counterEvents(`${own} @${props.snapshot!.durablePosition}`) });
          },
        );
        showsDurable(s);
        s.And(
          "the hook discarded {string} as {string}",
          (_ctx, eventId: string, reason: string) => {
            expect(hook().discarded).toEqual([{ eventId, reason }]);
          },
        );
      },
    );

    RuleScenario(
      "The hook rolls back by itself when events stay pending past the threshold",
      (s) => {
        createdAndIncremented(s);
        renders(s);
        s.And("{int} s pass", (_ctx, seconds: number) => {
          act(() => {
            vi.advanceTimersByTime(seconds * 1000);
          });
        });
        shows(s);
        s.When("{int} more second passes", (_ctx, seconds: number) => {
          act(() => {
            vi.advanceTimersByTime(seconds * 1000);
          });
        });
        s.Then("the hook shows no state, not optimistic", () => {
          expect(hook()).toMatchObject({ state: null, isOptimistic: false, pendingEvents: 0 });
        });
        s.And(
          "the hook discarded the {int} events of {string} as {string}",
          async (_ctx, count: number, counterId: string, reason: string) => {
            const ids = await eventIdsOf(counterId);
            expect(ids).toHaveLength(count);
            expect(hook().discarded).toEqual(ids.map((eventId: string) => ({ eventId, reason })));
          },
        );
      },
    );
  });
});
