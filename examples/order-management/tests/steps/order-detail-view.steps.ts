// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { StepTest } from "@amiceli/vitest-cucumber";
import { mergeReactiveState } from "@convex-es/platform-core";
import type { CommittedReactiveEvent, ReactiveSnapshot } from "@convex-es/platform-core";
import { expect, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api.js";
import { mergeStreamEvents } from "../../convex/projections/mergeStreamEvents.js";
import type { StreamPage } from "../../convex/projections/mergeStreamEvents.js";
import { LIVE_EVENT_LIMIT } from "../../convex/projections/orderDetailLive.js";
import { detailOf, orderDetailPartitions } from "../../convex/projections/orderDetails.js";
import { eventStore } from "../../convex/platform/runtime.js";
import { SHOP_TENANT_ID } from "../../convex/platform/shop.js";
import { advanceClock, catchUpProjections, runBackgroundWork } from "../../embedded/clock.js";
import {
  emptyOrderDetail,
  evolveOrderDetail,
  orderDetailView,
} from "../../src/orderDetail/index.js";
import type { OrderDetail, OrderDetailEvent } from "../../src/orderDetail/index.js";
import {
  as,
  cancel,
  capture,
  draftOrder,
  featurePath,
  newWorld,
  order,
  stockShop,
  submit,
  thrownCode,
} from "../support/world.js";
import type { World } from "../support/world.js";

const feature = await loadFeature(featurePath("order-detail-view.feature"));

type Live = ReactiveSnapshot<OrderDetail>;

/** "ada: submitted, kbd x 2, mouse x 1 = 110, reservation held" (the expiry depends on the clock). */
function summary(detail: OrderDetail | null): string {
  if (detail === null) return "nothing";
  const items = detail.items.map((i) => `${i.productId} x ${i.quantity}`).join(", ");
  const reservation = detail.reservation?.status ?? "none";
  return `${detail.customerId}: ${detail.status}, ${items} = ${detail.totalAmount}, reservation ${reservation}`;
}

const fold = (events: readonly CommittedReactiveEvent[], from: OrderDetail = emptyOrderDetail) =>
  events.reduce((detail, event) => evolveOrderDetail(detail, event as OrderDetailEvent), from);

describeFeature(
  feature,
  ({ Background, Rule, AfterEachScenario, BeforeEachScenario, defineSteps }) => {
    let world: World;
    let live: Live | undefined;
    BeforeEachScenario(() => {
      live = undefined;
    });
    AfterEachScenario(() => {
      vi.useRealTimers();
    });
    const answer = (): Live => {
      if (live === undefined) throw new Error("nobody read the live detail");
      return live;
    };
    const readLive = async (person: string | null, orderId: string): Promise<Live> => {
      const caller = person === null ? world.t : as(world, person);
      return (await caller.query(api.projections.orderDetailLive.orderDetailLive, {
        orderId,
      })) as Live;
    };
    /** The order's events as the store holds them, both streams, in position order. */
    const storedEvents = async (orderId: string) =>
      await world.t.run(async (ctx) => {
        const read = async (streamType: string) =>
          (
            await eventStore.readStream(ctx, {
              streamType,
              streamId: orderId,
              tenantId: SHOP_TENANT_ID,
              fromVersion: 1,
              limit: 100,
            })
          ).events;
        return [...(await read("Order")), ...(await read("StockReservation"))]
          .sort((a, b) => a.globalPosition - b.globalPosition)
          .map(({ eventId, eventType, globalPosition, streamId, version, payload }) => ({
            eventId,
            eventType,
            globalPosition,
            streamId,
            version,
            payload: payload as unknown,
          }));
      });
    const durableRow = async (orderId: string) =>
      await world.t.run(async (ctx) => {
        const row = await ctx.db
          .query("orderDetails")
          .withIndex("by_order_id", (q) => q.eq("orderId", orderId))
          .unique();
        return row === null ? null : detailOf(row);
      });

    Background(({ Given, And }) => {
      Given("the shop stocks {string}", async (_ctx, stock: string) => {
        world = newWorld();
        await stockShop(world, stock);
      });
      And(
        "{string} submitted an order {string} with {string}",
        async (_ctx, person: string, orderId: string, items: string) => {
          await draftOrder(world, person, orderId, items);
          expect((await submit(world, person, orderId)).status).toBe("executed");
        },
      );
      And(
        "{string} has a draft order {string} with {string}",
        async (_ctx, person: string, orderId: string, items: string) => {
          await draftOrder(world, person, orderId, items);
        },
      );
    });

    defineSteps(({ Given, When, Then, And }) => {
      for (const step of [When, Given]) {
        step("the projections catch up", async () => {
          await catchUpProjections(world.t);
        });
      }
      When(
        "the background work has run: the projections, then the process manager's release",
        async () => {
          await runBackgroundWork(world.t);
        },
      );
      Given("the projections caught up", async () => {
        await catchUpProjections(world.t);
      });
      Given("{string} cancelled order {string}", async (_ctx, person: string, orderId: string) => {
        expect((await cancel(world, person, orderId)).status).toBe("executed");
      });
      // The saga ran in the background work of the catch-up; its events are not projected yet.
      And("the fulfilment saga confirmed order {string}", async (_ctx, orderId: string) => {
        expect((await order(world, orderId))?.status).toBe("confirmed");
      });
      for (const step of [When, And]) {
        step(
          "{string} reads the live detail of {string}",
          async (_ctx, person: string, orderId: string) => {
            live = await readLive(person, orderId);
          },
        );
        step(
          "{string} reads the live detail of {string} once more",
          async (_ctx, person: string, orderId: string) => {
            live = await readLive(person, orderId);
          },
        );
      }
      for (const step of [Then, And]) {
        step("its pending events are {string}, in position order", (_ctx, types: string) => {
          const events = answer().events;
          // Two streams written in one transaction have no order between them: compare as sets.
          expect(events.map((e) => e.eventType).sort()).toEqual(types.split(", ").sort());
          const positions = events.map((e) => e.globalPosition);
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          for (const position of positions)
            expect(position).toBeGreaterThan(answer().durablePosition);
          expect(answer().hasMore).toBe(false);
        });
      }
      And("applying them with the shared evolve shows {string}", (_ctx, text: string) => {
        const merged = mergeReactiveState(orderDetailView, {
          snapshot: answer(),
          seenAt: new Map(),
          now: Date.now(),
        });
        expect(merged.isOptimistic).toBe(true);
        expect(merged.pendingEvents).toBe(answer().events.length);
        expect(summary(merged.state)).toBe(text);
      });
      for (const step of [Then, And]) {
        step(
          "{string} reading the live detail of {string} gets an empty answer",
          async (_ctx, person: string, orderId: string) => {
            expect(await readLive(person, orderId)).toEqual({
              state: null,
              durablePosition: 0,
              durableEventId: null,
              events: [],
              hasMore: false,
            });
          },
        );
      }
    });

    Rule(
      "The durable detail is the shared evolve's fold of the order's events",
      ({ RuleScenario }) => {
        RuleScenario(
          "After catch-up the read model is the fold of the order's and its reservation's events",
          (s) => {
            s.Then(
              "the {string} read model equals the fold of its two streams' events with the shared evolve",
              async (_ctx, orderId: string) => {
                const events = await storedEvents(orderId);
                expect(events.map((e) => e.eventType)).toContain("ReservationReleased");
                expect(await durableRow(orderId)).toEqual(fold(events));
              },
            );
            s.And(
              "the {string} read model reads {string}",
              async (_ctx, orderId: string, text: string) => {
                expect(summary(await durableRow(orderId))).toBe(text);
              },
            );
            s.And(
              "{string} sees the same detail through the order detail query",
              async (_ctx, person: string) => {
                const row = await durableRow("ord-1");
                const seen = await as(world, person).query(
                  api.projections.orderDetails.orderDetail,
                  {
                    orderId: "ord-1",
                  },
                );
                expect(seen).toEqual(row);
              },
            );
          },
        );
      },
    );

    Rule(
      "The live query returns the events the durable projection has not applied yet",
      ({ RuleScenario }) => {
        RuleScenario(
          "Before catch-up every event of the order and its reservation is pending",
          (s) => {
            s.Then(
              "the live answer has no durable state, at position {int}",
              (_ctx, position: number) => {
                expect(answer()).toMatchObject({
                  state: null,
                  durablePosition: position,
                  durableEventId: null,
                });
              },
            );
          },
        );

        RuleScenario(
          "After catch-up only the newer events are pending, until the projection applies them",
          (s) => {
            s.Then("the live answer's durable state reads {string}", (_ctx, text: string) => {
              expect(summary(answer().state)).toBe(text);
            });
            s.And("its durable position is the checkpoint of the order's partition", async () => {
              const partitionKey = orderDetailPartitions.keyFor({
                streamId: "ord-1",
                payload: { orderId: "ord-1" },
              }).value;
              const checkpoint = await world.t.query(internal.projections.jobs.getCheckpoint, {
                projection: "orderDetails",
                partitionKey,
              });
              expect(checkpoint).not.toBeNull();
              expect(answer().durablePosition).toBe(checkpoint!.lastPosition);
              expect(answer().durableEventId).toBe(checkpoint!.lastEventId);
            });
            s.Then(
              "no event is pending and the durable state reads {string}",
              (_ctx, text: string) => {
                expect(answer().events).toEqual([]);
                expect(summary(answer().state)).toBe(text);
              },
            );
          },
        );

        RuleScenario(
          "A customer reads their own orders, staff read all, anyone else gets nothing",
          (s) => {
            s.And(
              "an anonymous caller reading the live detail of {string} gets an empty answer",
              async (_ctx, orderId: string) => {
                expect((await readLive(null, orderId)).events).toEqual([]);
                expect((await readLive(null, orderId)).state).toBeNull();
              },
            );
          },
        );

        RuleScenario("Events of other orders and other tenants never appear", (s) => {
          s.Given(
            "a stream {string} of the tenant {string} says {string} created it",
            async (_ctx, stream: string, tenantId: string, customerId: string) => {
              const [streamType, streamId] = stream.split("/") as [string, string];
              await world.t.run(async (ctx) => {
                await eventStore.appendToStream(ctx, {
                  stream: { streamType, streamId, boundedContext: "orders", tenantId },
                  expectedVersion: 0,
                  events: [
                    {
                      eventType: "OrderCreated",
                      payload: { orderId: streamId, customerId, createdAt: Date.now() },
                      metadata: { correlationId: "elsewhere-1", timestamp: Date.now() },
                    },
                  ],
                });
              });
            },
          );
          s.Then("every pending event belongs to {string}", (_ctx, orderId: string) => {
            expect(answer().events.length).toBeGreaterThan(0);
            for (const event of answer().events) {
              expect(event.streamId).toBe(orderId);
              expect((event.payload as { orderId: string }).orderId).toBe(orderId);
            }
          });
          s.And(
            "{string} reading the live detail of {string} is refused with {string}",
            async (_ctx, person: string, orderId: string, code: string) => {
              await capture(world, () => readLive(person, orderId));
              expect(thrownCode(world).code).toBe(code);
            },
          );
        });

        RuleScenario("More pending events than the limit are answered with a prefix", (s) => {
          s.Given(
            "{string} has a draft order {string} with {int} items",
            async (_ctx, person: string, orderId: string, count: number) => {
              const products = Array.from({ length: count }, (_, i) => `p${i + 1}`);
              await draftOrder(world, person, orderId, "");
              // The rate limit lets a customer send 20 commands of a type a minute.
              for (let start = 0; start < count; start += 20) {
                advanceClock(60_000);
                await addItems(person, orderId, products.slice(start, start + 20));
              }
            },
          );
          s.Then(
            "its pending events are the first {int} of {string} and more are announced",
            async (_ctx, count: number, orderId: string) => {
              expect(count).toBe(LIVE_EVENT_LIMIT);
              const stored = await storedEvents(orderId);
              expect(stored.length).toBeGreaterThan(count);
              expect(answer().events).toEqual(stored.slice(0, count));
              expect(answer().hasMore).toBe(true);
            },
          );
        });
      },
    );

    Rule("The two streams' pages merge into a prefix of the order's events", ({ RuleScenario }) => {
      let pages: StreamPage[] = [];
      let merged: ReturnType<typeof mergeStreamEvents> | undefined;
      const page = (streamType: string, positions: string, hasMore: boolean): StreamPage => ({
        hasMore,
        events: positions.split(", ").map((p) => ({
          eventId: `${streamType}-${p}`,
          eventType: "OrderItemAdded",
          globalPosition: Number(p),
          streamId: "ord-1",
          version: Number(p),
          payload: {},
        })),
      });
      const mergesAndAnnounces = (s: StepTest) => {
        s.When("the two pages merge with a limit of {int}", (_ctx, limit: number) => {
          merged = mergeStreamEvents(pages, limit);
        });
        s.Then(
          "the merged events are at positions {string} and more are announced",
          (_ctx, positions: string) => {
            expect(merged?.events.map((e) => e.globalPosition).join(", ")).toBe(positions);
            expect(merged?.hasMore).toBe(true);
          },
        );
      };
      RuleScenario("A stream cut short by the limit cuts the merge at its last event", (s) => {
        s.Given(
          "the order stream's page has events at positions {string} and more follow",
          (_ctx, positions: string) => {
            pages = [page("Order", positions, true)];
          },
        );
        s.And(
          "the reservation stream's page has events at positions {string}",
          (_ctx, positions: string) => {
            pages.push(page("StockReservation", positions, false));
          },
        );
        mergesAndAnnounces(s);
      });
      RuleScenario("The merge keeps the limit over both streams", (s) => {
        s.Given(
          "the order stream's page has events at positions {string} and no more",
          (_ctx, positions: string) => {
            pages = [page("Order", positions, false)];
          },
        );
        s.And(
          "the reservation stream's page has events at positions {string} and no more",
          (_ctx, positions: string) => {
            pages.push(page("StockReservation", positions, false));
          },
        );
        mergesAndAnnounces(s);
      });
    });

    async function addItems(person: string, orderId: string, products: string[]) {
      for (const productId of products) {
        const added = await as(world, person).mutation(api.orders.commands.addOrderItem, {
          commandId: `${orderId}-${productId}`,
          orderId,
          item: { productId, productName: productId.toUpperCase(), quantity: 1, unitPrice: 1 },
        });
        expect(added.status).toBe("executed");
      }
    }
  },
);
