// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { clientProjectionQuery } from "@convex-es/platform-core";
import { v } from "convex/values";
import { expect, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api.js";
import { orderExistence } from "../../convex/projections/orderExistence.js";
import { shippingFeed } from "../../convex/projections/shippingFeed.js";
import { catchUpProjections, runBackgroundWork } from "../../embedded/clock.js";
import {
  as,
  cancel,
  capture,
  draftOrder,
  order,
  featurePath,
  newWorld,
  stockShop,
  submit,
  thrownCode,
} from "../support/world.js";
import type { World } from "../support/world.js";

const feature = await loadFeature(featurePath("read-models.feature"));

const projectionsByName = { orderExistence, shippingFeed };

/** "kbd x 2, mouse x 1" from items. */
const linesOf = (items: { productId: string; quantity: number }[]) =>
  items.map((item) => `${item.productId} x ${item.quantity}`).join(", ");

describeFeature(feature, ({ Background, Rule, AfterEachScenario, defineSteps }) => {
  let world: World;
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  const myOrders = async (person: string) =>
    (await as(world, person).query(api.projections.orderSummaries.myOrders, {}))
      .map((row) => `${row.orderId} ${row.status} ${row.totalAmount}`)
      .join(", ");

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
    When("the projections catch up", async () => {
      await catchUpProjections(world.t);
    });
    When("the background work runs", async () => {
      await runBackgroundWork(world.t);
    });
    Then("{string} sees her orders {string}", async (_ctx, person: string, orders: string) => {
      expect(await myOrders(person)).toBe(orders);
    });
    And("{string} sees his orders {string}", async (_ctx, person: string, orders: string) => {
      expect(await myOrders(person)).toBe(orders);
    });
    for (const step of [Given, And]) {
      step("the background work confirmed order {string}", async (_ctx, orderId: string) => {
        await runBackgroundWork(world.t);
        expect(await order(world, orderId)).toMatchObject({ status: "confirmed" });
      });
      step("{string} submitted order {string}", async (_ctx, person: string, orderId: string) => {
        expect((await submit(world, person, orderId)).status).toBe("executed");
      });
      step("{string} cancelled order {string}", async (_ctx, person: string, orderId: string) => {
        expect((await cancel(world, person, orderId)).status).toBe("executed");
      });
    }
    const seesOrder = async (
      _ctx: unknown,
      person: string,
      orderId: string,
      status: string,
      items: string,
      reservation: string,
    ) => {
      const detail = await as(world, person).query(api.projections.orderDetails.orderDetail, {
        orderId,
      });
      expect(detail).toMatchObject({ orderId, customerId: "ada", status });
      expect(linesOf(detail!.items)).toBe(items);
      expect(detail!.reservation?.status).toBe(reservation);
    };
    Then(
      "{string} sees order {string} {string} with {string} and a {string} reservation",
      seesOrder,
    );
    And(
      "{string} sees order {string} {string} with {string} and a {string} reservation",
      seesOrder,
    );
  });

  Rule("Projections follow the log once events are past the settle window", ({ RuleScenario }) => {
    RuleScenario(
      "Nothing is projected before the settle window, everything after",
      ({ When, Then }) => {
        When("the projection dispatcher runs at once", async () => {
          await world.t.mutation(internal.projections.jobs.dispatch, {});
          await world.t.finishAllScheduledFunctions(vi.runOnlyPendingTimers);
        });
        Then("{string} sees no orders yet", async (_ctx, person: string) => {
          expect(await myOrders(person)).toBe("");
        });
      },
    );
  });

  Rule("View projections are open to clients, each row to whom it concerns", ({ RuleScenario }) => {
    RuleScenario("Each customer lists only their own orders", ({ And }) => {
      And("an anonymous caller listing orders gets {string}", async (_ctx, code: string) => {
        await capture(world, () => world.t.query(api.projections.orderSummaries.myOrders, {}));
        expect(thrownCode(world).code).toBe(code);
      });
    });

    RuleScenario("The order detail joins the order and its reservation", ({ And }) => {
      And("{string} sees no order {string}", async (_ctx, person: string, orderId: string) => {
        expect(
          await as(world, person).query(api.projections.orderDetails.orderDetail, { orderId }),
        ).toBeNull();
      });
    });

    RuleScenario("The order detail follows the reservation after a cancellation", () => {});

    RuleScenario("Anyone sees the stock available", ({ Then }) => {
      Then("an anonymous caller sees the stock {string}", async (_ctx, stock: string) => {
        const rows = await world.t.query(api.projections.stockAvailability.availableStock, {});
        expect(
          rows.map((r) => `${r.productId} ${r.onHand}-${r.reserved}=${r.available}`).join(", "),
        ).toBe(stock);
      });
    });
  });

  Rule("Reporting projections answer admins only", ({ RuleScenario }) => {
    RuleScenario("The sales dashboard", ({ Then, And }) => {
      Then("{string} sees the dashboard {string}", async (_ctx, person: string, totals: string) => {
        const t = await as(world, person).query(api.projections.salesDashboard.dashboard, {});
        expect(
          `created ${t.ordersCreated}, submitted ${t.ordersSubmitted}, confirmed ${t.ordersConfirmed}, cancelled ${t.ordersCancelled}, revenue ${t.confirmedRevenue}`,
        ).toBe(totals);
      });
      const refused = async (_ctx: unknown, person: string, code: string) => {
        await capture(world, () =>
          as(world, person).query(api.projections.salesDashboard.dashboard, {}),
        );
        expect(thrownCode(world).code).toBe(code);
      };
      And("{string} reading the dashboard gets {string}", refused);
      And("a customer like {string} is refused the dashboard with {string}", refused);
    });
  });

  Rule("Logic and integration projections serve server code only", ({ RuleScenario }) => {
    RuleScenario(
      "The order-exists check answers server code and is never client-exposed",
      ({ Then, And }) => {
        Then(
          "the order-exists check knows {string} and not {string}",
          async (_ctx, known: string, unknown: string) => {
            for (const orderId of known.split(", ")) {
              expect(
                await world.t.query(internal.projections.orderExistence.orderExists, { orderId }),
              ).toBe(true);
            }
            expect(
              await world.t.query(internal.projections.orderExistence.orderExists, {
                orderId: unknown,
              }),
            ).toBe(false);
          },
        );
        const refusedForClients = (name: string, code: string) => {
          const projection = projectionsByName[name as keyof typeof projectionsByName];
          expect(() =>
            clientProjectionQuery(projection, {
              args: {},
              returns: v.null(),
              handler: async () => null,
            }),
          ).toThrow(expect.objectContaining({ code }));
        };
        And(
          "a client query of {string} is refused with {string}",
          (_ctx, name: string, code: string) => {
            refusedForClients(name, code);
            expect(projectionsByName.orderExistence.category).toBe("logic");
          },
        );
        And(
          "a client query of the integration projection {string} is refused the same way",
          (_ctx, name: string) => {
            refusedForClients(name, "PROJECTION_NOT_CLIENT_EXPOSED");
            expect(projectionsByName.shippingFeed.category).toBe("integration");
          },
        );
      },
    );

    RuleScenario(
      "Shipping follows submitted orders to confirmation or cancellation",
      ({ Then, And }) => {
        const inFeed = async (_ctx: unknown, orderId: string, status: string, items: string) => {
          const rows = await world.t.query(internal.projections.shippingFeed.ordersForShipping, {
            status: status as "ready_to_ship",
          });
          const row = rows.find((r) => r.orderId === orderId);
          expect(row).toBeDefined();
          expect(linesOf(row!.items)).toBe(items);
        };
        Then("the shipping feed has {string} {string} with {string}", inFeed);
        And("the shipping feed has {string} {string} with {string}", inFeed);
      },
    );
  });

  Rule("The inventory CMS is what its events say", ({ RuleScenario }) => {
    RuleScenario("Folding the warehouse scope's virtual stream gives the CMS", ({ Then }) => {
      Then("the warehouse audit finds no difference between its history and its CMS", async () => {
        const audit = await world.t.query(internal.admin.auditWarehouse, {});
        expect(audit).toMatchObject({ complete: true, mismatches: [], products: 2 });
        expect(audit.scopeVersion).toBe(audit.cmsVersion);
        // 2 products created and stocked, 2 reservations, 1 allocation.
        expect(audit.scopeVersion).toBe(7);
      });
    });
  });
});
