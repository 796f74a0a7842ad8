// @vitest-environment happy-dom
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { StepTest } from "@amiceli/vitest-cucumber";
import type { ReactiveEvent, ReactiveSnapshot } from "@convex-es/platform-core";
import { act, renderHook } from "@testing-library/react";
import type { RenderHookResult } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { createElement } from "react";
import type { ReactNode } from "react";
import { expect, vi } from "vitest";
import { api } from "../../convex/_generated/api.js";
import { catchUpProjections, runBackgroundWork } from "../../embedded/clock.js";
import { useOrderDetail } from "../../src/hooks/useOrderDetail.js";
import type { OrderDetailView } from "../../src/hooks/useOrderDetail.js";
import type { OrderDetail } from "../../src/orderDetail/index.js";
import { EmbeddedQueryClient } from "../support/embeddedQueryClient.js";
import { as, draftOrder, newWorld, order, stockShop, submit } from "../support/world.js";
import type { World } from "../support/world.js";

// happy-dom gives modules no file URL: the feature is found from the package root.
const feature = await loadFeature("tests/features/order-detail-hook.feature");

type Props = { own: ReactiveEvent[] };
type Hook = RenderHookResult<OrderDetailView, Props>;

/** "confirmed, reservation confirmed". */
const shown = (detail: OrderDetail | null) =>
  detail === null ? "nothing" : `${detail.status}, reservation ${detail.reservation?.status}`;

describeFeature(feature, ({ Background, Rule, BeforeEachScenario, AfterEachScenario }) => {
  let world: World;
  let client: EmbeddedQueryClient;
  let hook: Hook | undefined;
  let own: ReactiveEvent[] = [];
  BeforeEachScenario(() => {
    hook = undefined;
    own = [];
  });
  AfterEachScenario(() => {
    hook?.unmount();
    vi.useRealTimers();
  });
  const current = () => {
    if (hook === undefined) throw new Error("the hook has not rendered");
    return hook.result.current;
  };
  const answerNow = async () => {
    await act(async () => {
      await client.refresh();
    });
  };
  const render = (person: string, orderId: string) => {
    client = new EmbeddedQueryClient((query, args) => as(world, person).query(query, args));
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(ConvexProvider, { client: client.asReactClient() }, children);
    hook = renderHook(
      ({ own: events }: Props) => useOrderDetail(orderId, { optimisticEvents: events }),
      {
        initialProps: { own },
        wrapper,
      },
    );
  };
  const liveAnswer = async (orderId: string) =>
    (await as(world, "ada").query(api.projections.orderDetailLive.orderDetailLive, {
      orderId,
    })) as ReactiveSnapshot<OrderDetail>;

  Background(({ Given, And }) => {
    Given("the shop stocks {string}", async (_ctx, stock: string) => {
      world = newWorld();
      await stockShop(world, stock);
    });
    And(
      "{string} submitted an order {string} with {string} and the projections caught up",
      async (_ctx, person: string, orderId: string, items: string) => {
        await draftOrder(world, person, orderId, items);
        expect((await submit(world, person, orderId)).status).toBe("executed");
        await catchUpProjections(world.t);
      },
    );
  });

  const confirmed = (s: StepTest) =>
    // The saga ran in the background work of the catch-up; its events are not projected yet.
    s.Given("the fulfilment saga confirmed order {string}", async (_ctx, orderId: string) => {
      expect((await order(world, orderId))?.status).toBe("confirmed");
    });
  const renders = (s: StepTest) =>
    s.When(
      "{string} renders the order detail of {string}",
      async (_ctx, person: string, orderId: string) => {
        render(person, orderId);
        await answerNow();
      },
    );
  const showsOptimistic = (s: StepTest) =>
    s.Then(
      "the hook shows {string}, optimistic with {int} pending events",
      (_ctx, text: string, pending: number) => {
        expect(shown(current().detail)).toBe(text);
        expect(current()).toMatchObject({
          isOptimistic: true,
          pendingEvents: pending,
          isLoading: false,
        });
      },
    );
  const showsDurable = (s: StepTest) =>
    s.Then("the hook shows {string}, not optimistic", (_ctx, text: string) => {
      expect(shown(current().detail)).toBe(text);
      expect(current()).toMatchObject({ isOptimistic: false, pendingEvents: 0, isLoading: false });
    });

  Rule("The hook shows the durable detail merged with newer events at once", ({ RuleScenario }) => {
    RuleScenario("While the query loads the hook has no detail", (s) => {
      s.When(
        "{string} renders the order detail of {string} before the query answers",
        (_ctx, person: string, orderId: string) => {
          render(person, orderId);
        },
      );
      s.Then(
        "the hook is loading, with no detail and {int} pending events",
        (_ctx, pending: number) => {
          expect(current()).toEqual({
            detail: null,
            isLoading: true,
            isOptimistic: false,
            durablePosition: 0,
            pendingEvents: pending,
            discarded: [],
          });
        },
      );
    });

    RuleScenario("Events the durable projection has not applied show at once", (s) => {
      confirmed(s);
      renders(s);
      showsOptimistic(s);
      s.And("the hook's durable position is that of the answer", async () => {
        const answer = await liveAnswer("ord-1");
        expect(answer.durablePosition).toBeGreaterThan(0);
        expect(current().durablePosition).toBe(answer.durablePosition);
      });
      s.When("the projections catch up and the query answers again", async () => {
        await catchUpProjections(world.t);
        await answerNow();
      });
      showsDurable(s);
    });
  });

  Rule("The hook drops what the conflict rules discard", ({ RuleScenario }) => {
    RuleScenario(
      "The client's own event shows at once, and a conflicting branch is dropped",
      (s) => {
        s.Given("the background work has run, the saga's events projected too", async () => {
          await runBackgroundWork(world.t);
        });
        s.When(
          "{string} renders the order detail of {string} with her own {string} event",
          async (_ctx, person: string, orderId: string, eventType: string) => {
            own = [
              {
                eventId: "own-cancel",
                eventType,
                payload: {
                  orderId,
                  reason: "changed my mind",
                  previousStatus: "submitted",
                  totalAmount: 110,
                  cancelledAt: Date.now(),
                },
              },
            ];
            render(person, orderId);
            await answerNow();
          },
        );
        showsOptimistic(s);
        s.When("her own event claims the position the durable projection holds", () => {
          own = own.map((event) => ({ ...event, globalPosition: current().durablePosition }));
          hook?.rerender({ own });
        });
        showsDurable(s);
        s.And("the hook discarded her own event as {string}", (_ctx, reason: string) => {
          expect(current().discarded).toEqual([{ eventId: "own-cancel", reason }]);
        });
      },
    );

    RuleScenario("Pending events roll back to the durable detail after 30 seconds", (s) => {
      confirmed(s);
      renders(s);
      s.And("{int} s pass", (_ctx, seconds: number) => {
        act(() => {
          vi.advanceTimersByTime(seconds * 1000);
        });
      });
      showsOptimistic(s);
      s.When("{int} more second passes", (_ctx, seconds: number) => {
        act(() => {
          vi.advanceTimersByTime(seconds * 1000);
        });
      });
      showsDurable(s);
      s.And(
        "the hook discarded the {int} pending events as {string}",
        async (_ctx, count: number, reason: string) => {
          const pending = (await liveAnswer("ord-1")).events.map((event) => event.eventId);
          expect(pending).toHaveLength(count);
          expect(current().discarded).toEqual(pending.map((eventId) => ({ eventId, reason })));
        },
      );
    });
  });
});
