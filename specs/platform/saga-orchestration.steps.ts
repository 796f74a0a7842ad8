// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { SAGA_COMPENSATION_FAILED } from "@convex-es/platform-core";
import { afterAll, expect, vi } from "vitest";
import { listFrom } from "./support/bankSteps.js";
import { internal } from "./support/fulfillmentApp/convex/_generated/api.js";
import { sharedFulfillmentSteps } from "./support/fulfillmentSharedSteps.js";
import {
  completionContextOf,
  contextsOf,
  expectEffects,
  journalOf,
  sagaOf,
  waitingOn,
} from "./support/fulfillmentSteps.js";
import { newFulfillmentApp, tablesOf } from "./support/fulfillmentTestApp.js";
import {
  app,
  authorize,
  decline,
  endings,
  order,
  placeOrder,
  run,
  suspendRefunds,
  world,
} from "./support/fulfillmentWorld.js";

const feature = await loadFeature("./saga-orchestration.feature");

describeFeature(feature, ({ Background, Rule, defineSteps }) => {
  afterAll(() => {
    vi.useRealTimers();
  });

  Background(({ Given }) => {
    Given(
      "the fulfilment app with {int} units of {string} in stock",
      async (_ctx, units: number, sku: string) => {
        // The Background runs before each scenario (before BeforeEachScenario hooks too).
        world.reset();
        vi.useFakeTimers();
        world.value.t = newFulfillmentApp();
        await app().mutation(internal.reads.restock, { sku, units });
      },
    );
  });

  defineSteps(sharedFulfillmentSteps);

  Rule("Sagas orchestrate operations across multiple bounded contexts", ({ RuleScenario }) => {
    RuleScenario(
      "An order is fulfilled across the inventory, payments, orders and shipping contexts",
      ({ And }) => {
        And(
          "the shipping context holds a shipment of order {string} to {string}",
          async (_ctx, orderId: string, address: string) => {
            expect((await contextsOf(app(), orderId, "sku-1")).shipments).toEqual([address]);
          },
        );
      },
    );
    RuleScenario("Each bounded context keeps its data in its own database", ({ Then, And }) => {
      Then("the app's own tables are {string}", (_ctx, tables: string) => {
        expect(tablesOf.app).toEqual(listFrom(tables));
      });
      for (const context of ["inventory", "payments", "shipping"] as const) {
        And(`the ${context} context's tables are {string}`, (_ctx, tables: string) => {
          expect(tablesOf[context]).toEqual(listFrom(tables));
        });
      }
    });
  });

  Rule("@convex-dev/workflow provides durability across server restarts", ({ RuleScenario }) => {
    RuleScenario(
      "A saga waits days for the payment authorization and resumes when it arrives",
      ({ Then, When, And }) => {
        Then(
          "the saga of order {string} is {string}, its workflow waiting on {string}",
          async (_ctx, orderId: string, status: string, event: string) => {
            expect((await sagaOf(app(), orderId)).status).toBe(status);
            expect(await waitingOn(app(), orderId)).toEqual([event]);
          },
        );
        When("{int} days pass", async (_ctx, days: number) => {
          await vi.advanceTimersByTimeAsync(days * 24 * 60 * 60 * 1000);
          await run();
          expect(await waitingOn(app(), "o-2")).toEqual(["paymentAuthorized"]);
        });
        And(
          "the payment of order {string} is authorized and the background work runs",
          async (_ctx, orderId: string) => {
            await authorize(orderId);
            await run();
          },
        );
      },
    );
    RuleScenario("An authorization sent before the saga waits for it is not lost", ({ And }) => {
      And("the payment of order {string} is authorized at once", async (_ctx, orderId: string) => {
        await authorize(orderId);
      });
    });
    RuleScenario(
      "A gateway call lost to an outage is run again, and the card is charged once",
      ({ Given, Then }) => {
        Given("the payment gateway fails its next {int} calls", async (_ctx, calls: number) => {
          await app().mutation(internal.gateway.failNextCalls, { calls });
        });
        Then(
          "the gateway calls for order {string} were {string}",
          async (_ctx, orderId: string, calls: string) => {
            expect(await app().query(internal.reads.gatewayCalls, { orderId })).toEqual(
              listFrom(calls),
            );
          },
        );
      },
    );
    RuleScenario(
      "The saga resumes from its journal: every step's effect happens once",
      ({ Then }) => {
        Then(
          "the journal of order {string} reads {string}",
          async (_ctx, orderId: string, steps) => {
            expect(await journalOf(app(), orderId)).toEqual(listFrom(steps));
          },
        );
      },
    );
  });

  Rule(
    "Compensation reverses partial operations on failure",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "A shipment no carrier can make undoes the order, the payment and the reservation, newest first",
        ({ Then, And }) => {
          Then(
            "the saga of order {string} is {string} after step {string} failed with {string}",
            async (_ctx, orderId: string, status: string, step: string, error: string) => {
              const saga = await sagaOf(app(), orderId);
              expect(saga).toMatchObject({ status, failedStep: step });
              expect(saga.error).toContain(error);
              expect(saga.compensatedSteps).toEqual([
                "confirmOrder",
                "chargePayment",
                "reserveInventory",
              ]);
            },
          );
          And("the shipping context holds no shipment of order {string}", async (_ctx, orderId) => {
            expect((await contextsOf(app(), orderId, "sku-1")).shipments).toEqual([]);
          });
        },
      );
      RuleScenarioOutline("<step> is compensated by its own undo", ({ When, Then }, variables) => {
        When(
          "order {string} for {int} units of {string} at {int} to {string} is placed and the background work runs",
          async (_ctx, orderId: string, n: number, sku: string, amount: number, to: string) => {
            await placeOrder(order(orderId, n, sku, amount, to));
            await run();
          },
        );
        Then(
          `the effect "<success action>" of step "<step>" of order {string} was undone by "<compensation>"`,
          async (_ctx, orderId: string) => {
            const effects = await app().query(internal.reads.effects, { orderId });
            const done = effects.indexOf(variables["success action"]);
            const undone = effects.indexOf(variables.compensation);
            expect(done).toBeGreaterThanOrEqual(0);
            expect(undone).toBeGreaterThan(done);
            // Each effect once, and the saga names the step among those it compensated.
            expect(effects.filter((e) => e === variables.compensation)).toHaveLength(1);
            expect((await sagaOf(app(), orderId)).compensatedSteps).toContain(variables.step);
          },
        );
      });
      RuleScenarioOutline(
        "A failure at any step undoes exactly the steps completed before it",
        ({ When, Then, And }, variables) => {
          When(
            `order {string} for <units> units of {string} at <amount> to "<address>" is placed, <authorization>, and the background work runs`,
            async (_ctx, orderId: string, sku: string) => {
              const denied = variables.authorization === "its authorization denied";
              await placeOrder(
                order(
                  orderId,
                  Number(variables.units),
                  sku,
                  Number(variables.amount),
                  variables.address,
                  denied,
                ),
              );
              await run();
              if (denied) {
                await decline(orderId);
                await run();
              }
            },
          );
          Then(
            `the saga of order {string} is compensated after step "<failed step>" failed`,
            async (_ctx, orderId: string) => {
              expect(await sagaOf(app(), orderId)).toMatchObject({
                status: "compensated",
                failedStep: variables["failed step"],
              });
            },
          );
          And(`the effects of order {string} are exactly "<effects>"`, (_ctx, orderId: string) =>
            expectEffects(app(), orderId, listFrom(variables.effects)),
          );
          And("the inventory context holds {int} units of {string}", async (_ctx, units, sku) => {
            const { inventory } = await contextsOf(app(), "none", sku);
            expect(inventory.available).toBe(units);
          });
        },
      );
      RuleScenario(
        "A compensation that fails stops the saga for an operator, and a retry finishes the undo",
        ({ Given, And, When }) => {
          Given(
            "the payments context suspends refunds because {string}",
            async (_ctx, reason: string) => {
              await suspendRefunds(reason);
            },
          );
          And("its error says {string} and {string}", async (_ctx, code: string, cause: string) => {
            expect(code).toBe(SAGA_COMPENSATION_FAILED);
            const { error } = await sagaOf(app(), "o-9");
            expect(error?.startsWith(code)).toBe(true);
            expect(error).toContain(cause);
          });
          When("the payments context resumes refunds", async () => {
            await suspendRefunds(null);
          });
          And(
            "an operator retries the saga of order {string} and the background work runs",
            async (_ctx, orderId: string) => {
              const retried = await app().mutation(internal.sagaAdmin.retry, {
                sagaType: "orderFulfillment",
                sagaId: orderId,
              });
              expect(retried.resumedFrom?.name).toBe("compensate:chargePayment");
              await run();
            },
          );
          And("the saga of order {string} ran {int} attempts", async (_ctx, orderId, attempts) => {
            expect((await sagaOf(app(), orderId)).attempts).toBe(attempts);
          });
        },
      );
    },
  );

  Rule("Saga idempotency prevents duplicate workflows via sagaId", ({ RuleScenario }) => {
    const placedAgain = async (_ctx: unknown, orderId: string) => {
      const first = world.value.orders.get(orderId);
      if (first === undefined) throw new Error(`order ${orderId} was not placed before`);
      await placeOrder(first);
    };
    const second = () => {
      const [first, again] = world.value.placed;
      expect(world.value.placed).toHaveLength(2);
      expect([first?.started, again?.started]).toEqual([true, false]);
      return { first: first!, again: again! };
    };
    RuleScenario("An order placed twice starts one saga and one workflow", ({ And, Then }) => {
      And("order {string} is placed again", placedAgain);
      Then("the second placement started nothing and answered the first saga", () => {
        const { first, again } = second();
        expect(again.saga).toEqual(first.saga);
      });
    });
    RuleScenario("A saga that ended is not started again by its sagaId", ({ And, Then }) => {
      And("order {string} is placed again and the background work runs", async (ctx, orderId) => {
        await placedAgain(ctx, orderId);
        await run();
      });
      Then(
        "the second placement answered the {string} saga of the first",
        (_ctx, status: string) => {
          const { first, again } = second();
          expect(again.saga).toMatchObject({ workflowId: first.saga.workflowId, status });
        },
      );
    });
    RuleScenario("Each order gets its own saga", () => {});
  });

  Rule(
    "Saga status is updated via onComplete callback, not inside workflow",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("The workflow carries the saga's key for its onComplete", ({ Then }) => {
        Then(
          "the workflow of order {string} will call the app's onComplete with the context {string} {string}",
          async (_ctx, orderId: string, sagaType: string, sagaId: string) => {
            expect(await completionContextOf(app(), orderId)).toEqual({ sagaType, sagaId });
          },
        );
      });
      RuleScenario("While the workflow runs, the saga's record does not change", ({ And }) => {
        And(
          "the saga of order {string} is still what placing the order returned",
          async (_ctx, orderId: string) => {
            const placed = world.value.placed.at(-1)?.saga;
            expect(placed).toMatchObject({ status: "running", updatedAt: placed?.startedAt });
            expect(await sagaOf(app(), orderId)).toEqual(placed);
          },
        );
      });
      RuleScenarioOutline(
        "The onComplete records how the workflow ended",
        ({ When, Then }, variables) => {
          When("order {string} ends by <ending>", async (_ctx, orderId: string) => {
            const end = endings[variables.ending];
            if (end === undefined) throw new Error(`no ending "${variables.ending}"`);
            await end(orderId);
            await run();
          });
          Then(
            `the saga of order {string} is "<status>", completed at its last update`,
            async (_ctx, orderId: string) => {
              const saga = await sagaOf(app(), orderId);
              expect(saga.status).toBe(variables.status);
              expect(saga.completedAt).toEqual(expect.any(Number));
              expect(saga.completedAt).toBe(saga.updatedAt);
            },
          );
        },
      );
    },
  );
});
