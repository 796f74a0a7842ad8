// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { internal } from "../../convex/_generated/api.js";
import { RESERVATION_TTL_MS } from "../../src/inventory/index.js";
import { advanceClock, runBackgroundWork } from "../../embedded/clock.js";
import {
  cancel,
  capture,
  commandRecord,
  draftOrder,
  featurePath,
  lastOutcome,
  newWorld,
  order,
  stockShop,
  submit,
  thrownCode,
  warehouseStock,
} from "../support/world.js";
import type { World } from "../support/world.js";

const feature = await loadFeature(featurePath("order-lifecycle.feature"));

describeFeature(feature, ({ Background, Rule, AfterEachScenario, defineSteps }) => {
  let world: World;
  let expiry: { status: string; expired: number; commandId?: string } | undefined;
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  Background(({ Given, And }) => {
    Given("the shop stocks {string}", async (_ctx, stock: string) => {
      world = newWorld();
      expiry = undefined;
      await stockShop(world, stock);
    });
    And(
      "{string} has a draft order {string} with {string}",
      async (_ctx, person: string, orderId: string, items: string) => {
        await draftOrder(world, person, orderId, items);
      },
    );
  });

  defineSteps(({ Given, When, Then, And }) => {
    Given(
      "{string} has a draft order {string} with {string}",
      async (_ctx, person: string, orderId: string, items: string) => {
        await draftOrder(world, person, orderId, items);
      },
    );
    Given("{string} submitted order {string}", async (_ctx, person: string, orderId: string) => {
      expect((await submit(world, person, orderId)).status).toBe("executed");
    });
    for (const step of [When, And]) {
      step(
        "{string} submits order {string} as command {string}",
        async (_ctx, person: string, orderId: string, commandId: string) => {
          await submit(world, person, orderId, commandId);
        },
      );
    }
    When(
      "{string} cancels order {string} as command {string}",
      async (_ctx, person: string, orderId: string, commandId: string) => {
        await cancel(world, person, orderId, commandId);
      },
    );
    Then("the command is executed", () => {
      expect(lastOutcome(world)).toMatchObject({ status: "executed", duplicate: false });
    });
    Then("the command is rejected with {string}", (_ctx, code: string) => {
      expect(lastOutcome(world)).toMatchObject({
        status: "rejected",
        eventIds: [],
        result: { code },
      });
    });
    Then(
      "the command is rejected with {string} because {string} has {int} of {int} requested",
      (_ctx, code: string, productId: string, available: number, requested: number) => {
        const outcome = lastOutcome(world);
        expect(outcome).toMatchObject({
          status: "rejected",
          result: { code, context: { shortages: [{ productId, requested, available }] } },
        });
        expect(outcome.status === "rejected" && outcome.result.message).toContain(
          `${productId} (requested ${requested}, available ${available})`,
        );
      },
    );
    And("the warehouse holds {string}", async (_ctx, stock: string) => {
      expect(await warehouseStock(world)).toBe(stock);
    });
    And(
      "command {string} is recorded {string}, caused by {string}",
      async (_ctx, commandId: string, status: string, cause: string) => {
        const record = await commandRecord(world, commandId);
        expect(record).toMatchObject({ status, causationId: cause });
        expect(record?.eventIds.length).toBeGreaterThan(0);
        // One user action: the follow-up shares its cause's correlation.
        const action = await world.t.query(internal.admin.commandsOfCorrelation, {
          correlationId: record!.correlationId,
        });
        expect(action.commands.map((command) => command.commandId)).toEqual([cause, commandId]);
      },
    );
    And(
      "command {string} is recorded {string} and {string} was never sent",
      async (_ctx, commandId: string, status: string, followUp: string) => {
        expect(await commandRecord(world, commandId)).toMatchObject({ status });
        expect(await commandRecord(world, followUp)).toBeNull();
      },
    );
    And("order {string} is still {string}", async (_ctx, orderId: string, status: string) => {
      expect(await order(world, orderId)).toMatchObject({ status });
    });
  });

  Rule(
    "Submitting reserves the stock of every item in one scope commit, or nothing",
    ({ RuleScenario }) => {
      RuleScenario("A submitted order holds the stock of all its items", ({ And }) => {
        And(
          "the last commit to the warehouse scope holds {string} at one version",
          async (_ctx, events: string) => {
            const history = await world.t.query(internal.admin.warehouseHistory, { limit: 100 });
            const reserved = await commandRecord(world, "submit-1:reserve");
            const committed = history.events.filter((event) =>
              reserved?.eventIds.includes(event.eventId),
            );
            expect(
              committed.map((event) => {
                const data = event.payload as { productId?: string; reservationId: string };
                return `${event.eventType} ${data.productId ?? data.reservationId}`;
              }),
            ).toEqual(events.split(", "));
            // Several streams of the scope, committed together: the scope moved by one version.
            expect(new Set(committed.map((event) => event.streamType))).toEqual(
              new Set(["StockProduct", "StockReservation"]),
            );
            expect(reserved?.result).toMatchObject({ version: history.scopeVersion });
            // Stocking two products took 4 commits; the reservation is the 5th.
            expect(history.scopeVersion).toBe(5);
          },
        );
      });

      RuleScenario(
        "Short stock rejects the submission, names the product and reserves nothing",
        () => {},
      );
      RuleScenario("Two orders want the last units: the second one is rejected", () => {});
    },
  );

  Rule(
    "Cancelling changes only the order; a confirmed order stays confirmed",
    ({ RuleScenario }) => {
      RuleScenario(
        "Cancelling a submitted order leaves the release to the process manager",
        () => {},
      );
      RuleScenario("Cancelling a draft releases nothing", () => {});
      RuleScenario("A confirmed order cannot be cancelled", ({ And }) => {
        And("the background work confirmed order {string}", async (_ctx, orderId: string) => {
          await runBackgroundWork(world.t);
          expect(await order(world, orderId)).toMatchObject({ status: "confirmed" });
        });
      });
    },
  );

  Rule("Reservations nobody confirms expire and release their stock", ({ RuleScenario }) => {
    const runExpiry = async () => {
      expiry = await world.t.mutation(internal.inventory.expiry.expireReservations, {});
    };

    RuleScenario("The expiry cron target expires a reservation past its time", ({ When, Then }) => {
      When("{int} minutes pass and the reservation expiry runs", async (_ctx, minutes: number) => {
        expect(minutes * 60_000).toBeGreaterThan(RESERVATION_TTL_MS);
        advanceClock(minutes * 60_000);
        await runExpiry();
      });
      Then("it expired {int} reservation as the system", async (_ctx, count: number) => {
        expect(expiry).toMatchObject({ status: "executed", expired: count, hasMore: false });
        const record = await commandRecord(world, expiry!.commandId!);
        expect(record).toMatchObject({ status: "executed", commandType: "ExpireReservations" });
      });
    });

    RuleScenario("Nothing due, nothing done", ({ When, Then }) => {
      When("the reservation expiry runs", async () => {
        await runExpiry();
      });
      Then("it found nothing to expire", () => {
        expect(expiry).toEqual({ status: "idle", expired: 0, hasMore: false });
      });
    });
  });

  Rule("A command sent twice runs once", ({ RuleScenario }) => {
    RuleScenario(
      "A duplicate submission returns the stored result and reserves nothing more",
      ({ And, Then }) => {
        And(
          "{string} submits order {string} as command {string} again",
          async (_ctx, person: string, orderId: string, commandId: string) => {
            await submit(world, person, orderId, commandId);
          },
        );
        Then("the second outcome is the first one, marked as a duplicate", () => {
          const outcome = lastOutcome(world);
          expect(outcome).toMatchObject({ status: "executed", duplicate: true });
          expect(outcome.eventIds).toHaveLength(1);
        });
      },
    );

    RuleScenario("A command id reused for another command is refused", ({ And, Then }) => {
      And(
        "{string} submits order {string} as command {string} again",
        async (_ctx, person: string, orderId: string, commandId: string) => {
          await capture(world, () => submit(world, person, orderId, commandId));
        },
      );
      Then("the error is {string}", (_ctx, code: string) => {
        expect(thrownCode(world).code).toBe(code);
      });
    });
  });
});
