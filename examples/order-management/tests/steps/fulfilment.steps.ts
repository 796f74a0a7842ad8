// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api.js";
import { advanceClock, runBackgroundWork } from "../../embedded/clock.js";
import {
  as,
  cancel,
  commandRecord,
  draftOrder,
  featurePath,
  newWorld,
  order,
  stockShop,
  submit,
  warehouseStock,
} from "../support/world.js";
import type { World } from "../support/world.js";

const feature = await loadFeature(featurePath("fulfilment.feature"));

describeFeature(feature, ({ Background, Rule, AfterEachScenario, defineSteps }) => {
  let world: World;
  let redelivered: { status: string } | undefined;
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  const sagaOf = (orderId: string) =>
    world.t.query(internal.fulfilment.sagaAdmin.sagaOf, { orderId });

  /** The stored event of `eventType` of the order's stream. */
  async function orderEvent(orderId: string, eventType: string) {
    const page = await world.t.query(internal.admin.eventLog, { limit: 500 });
    const found = page.events.filter(
      (event) => event.streamId === orderId && event.eventType === eventType,
    );
    expect(found).toHaveLength(1);
    return found[0]!;
  }

  /** The event as the bus stored and delivered it. */
  async function publishedEvent(orderId: string, eventType: string) {
    const { eventId } = await orderEvent(orderId, eventType);
    const row = await world.t.run((ctx) =>
      ctx.db
        .query("eventBusEvents")
        .withIndex("by_event_id", (q) => q.eq("eventId", eventId))
        .unique(),
    );
    expect(row).not.toBeNull();
    return row!.event;
  }

  /** The commands the process manager sent for the order, from its checkpoints. */
  async function releaseCommands(orderId: string) {
    const checkpoints = await world.t.run((ctx) =>
      ctx.db
        .query("processManagerCheckpoints")
        .withIndex("by_process_manager_and_instance_id_and_event_id", (q) =>
          q.eq("processManager", "reservationRelease").eq("instanceId", orderId),
        )
        .take(10),
    );
    return checkpoints.flatMap((checkpoint) => checkpoint.commandIds);
  }

  Background(({ Given, And }) => {
    Given("the shop stocks {string}", async (_ctx, stock: string) => {
      world = newWorld();
      redelivered = undefined;
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
    Given("{string} submitted order {string}", async (_ctx, person: string, orderId: string) => {
      expect((await submit(world, person, orderId)).status).toBe("executed");
    });
    And("{string} cancelled order {string}", async (_ctx, person: string, orderId: string) => {
      expect((await cancel(world, person, orderId)).status).toBe("executed");
    });
    for (const step of [When, And]) {
      step("{string} cancels order {string}", async (_ctx, person: string, orderId: string) => {
        expect((await cancel(world, person, orderId)).status).toBe("executed");
      });
      step("the background work runs", async () => {
        await runBackgroundWork(world.t);
      });
    }
    And("the background work ran", async () => {
      await runBackgroundWork(world.t);
    });
    When("{int} minutes pass", (_ctx, minutes: number) => {
      advanceClock(minutes * 60_000);
    });
    When("{int} minutes pass and the reservation expiry runs", async (_ctx, minutes: number) => {
      advanceClock(minutes * 60_000);
      const expiry = await world.t.mutation(internal.inventory.expiry.expireReservations, {});
      expect(expiry).toMatchObject({ status: "executed", expired: 1 });
    });
    Then("order {string} is {string}", async (_ctx, orderId: string, status: string) => {
      expect(await order(world, orderId)).toMatchObject({ status });
    });
    for (const step of [Then, And]) {
      step("the warehouse holds {string}", async (_ctx, stock: string) => {
        expect(await warehouseStock(world)).toBe(stock);
      });
      step(
        "the fulfilment saga of {string} is {string} after {int} attempt",
        async (_ctx, orderId: string, status: string, attempts: number) => {
          expect(await sagaOf(orderId)).toMatchObject({ status, attempts });
        },
      );
      step(
        "the reservationRelease instance of {string} is {string}, released {string} with {int} events",
        async (_ctx, orderId: string, status: string, reservationId: string, events: number) => {
          const instance = await world.t.query(internal.fulfilment.reservationRelease.getInstance, {
            orderId,
          });
          expect(instance).toMatchObject({
            status,
            eventsHandled: 1,
            state: { releasedReservationId: reservationId },
          });
          const [commandId, ...more] = await releaseCommands(orderId);
          expect(more).toEqual([]);
          const record = await commandRecord(world, commandId!);
          expect(record).toMatchObject({
            commandType: "ReleaseReservation",
            status: "executed",
            causationId: instance!.lastEventId,
          });
          expect(record!.eventIds).toHaveLength(events);
        },
      );
    }
    And(
      "the fulfilment saga of {string} is {string} after step {string} failed with {string}",
      async (_ctx, orderId: string, status: string, step: string, code: string) => {
        const saga = await sagaOf(orderId);
        expect(saga).toMatchObject({ status, failedStep: step });
        expect(saga!.error).toContain(code);
      },
    );
    And(
      "the saga sent {string} for {string}, executed, caused by the submission",
      async (_ctx, actions: string, orderId: string) => {
        const submitted = await orderEvent(orderId, "OrderSubmitted");
        for (const action of actions.split(", ")) {
          const record = await commandRecord(world, `orderFulfillment:${orderId}:${action}`);
          expect(record).toMatchObject({
            status: "executed",
            causationId: submitted.eventId,
            correlationId: submitted.metadata.correlationId,
          });
        }
        // The reservation was placed by the submission: the saga had nothing to reserve.
        expect(await commandRecord(world, `orderFulfillment:${orderId}:reserve`)).toBeNull();
      },
    );
    And(
      "{string} sees order {string} {string} with a {string} reservation and the stock {string}",
      async (
        _ctx,
        person: string,
        orderId: string,
        status: string,
        reservation: string,
        stock: string,
      ) => {
        const detail = await as(world, person).query(api.projections.orderDetails.orderDetail, {
          orderId,
        });
        expect(detail).toMatchObject({ status, reservation: { status: reservation } });
        const rows = await world.t.query(api.projections.stockAvailability.availableStock, {});
        expect(rows.map((row) => `${row.productId} ${row.available}`).join(", ")).toBe(stock);
      },
    );
    And("no command {string} was sent", async (_ctx, commandId: string) => {
      expect(await commandRecord(world, commandId)).toBeNull();
    });
    And("the process manager has no dead letters", async () => {
      const page = await world.t.query(internal.fulfilment.reservationRelease.listDeadLetters, {
        paginationOpts: { numItems: 10, cursor: null },
      });
      expect(page.page).toEqual([]);
    });
    Then(
      "the reservationRelease instance of {string} is {string} and sent nothing",
      async (_ctx, orderId: string, status: string) => {
        const instance = await world.t.query(internal.fulfilment.reservationRelease.getInstance, {
          orderId,
        });
        expect(instance).toMatchObject({ status, state: { releasedReservationId: null } });
        expect(await releaseCommands(orderId)).toEqual([]);
      },
    );
    And("no fulfilment saga of {string} started", async (_ctx, orderId: string) => {
      expect(await sagaOf(orderId)).toBeNull();
    });
    When(
      "the OrderSubmitted of {string} is delivered again to the saga's subscriber",
      async (_ctx, orderId: string) => {
        const event = await publishedEvent(orderId, "OrderSubmitted");
        await world.t.mutation(internal.fulfilment.start.startFulfillment, { event });
      },
    );
    And(
      "the event log holds {int} {string} for {string}",
      async (_ctx, count: number, eventType: string, orderId: string) => {
        const page = await world.t.query(internal.admin.eventLog, { limit: 500 });
        const found = page.events.filter(
          (event) => event.streamId === orderId && event.eventType === eventType,
        );
        expect(found).toHaveLength(count);
      },
    );
    When(
      "the OrderCancelled of {string} is delivered again to the process manager",
      async (_ctx, orderId: string) => {
        const event = await publishedEvent(orderId, "OrderCancelled");
        redelivered = await world.t.mutation(internal.fulfilment.reservationRelease.handle, {
          event,
        });
      },
    );
    Then("the process manager answers {string}", (_ctx, status: string) => {
      expect(redelivered).toMatchObject({ status });
    });
  });

  Rule(
    "The fulfilment saga confirms a submitted order and allocates its stock",
    ({ RuleScenario }) => {
      RuleScenario(
        "A submitted order is confirmed by the saga and its reservation allocated",
        () => {},
      );
      RuleScenario(
        "The saga compensates when the reservation expired before confirmation",
        () => {},
      );
      RuleScenario("An order cancelled before its saga runs stays cancelled", () => {});
    },
  );

  Rule(
    "The reservation-release process manager releases the stock of cancelled orders",
    ({ RuleScenario }) => {
      RuleScenario(
        "Cancelling a submitted order releases its reservation through the process manager",
        () => {},
      );
      RuleScenario(
        "Releasing a reservation that expired already is a no-op, not a dead letter",
        () => {},
      );
      RuleScenario("Cancelling a draft sends no release", () => {});
    },
  );

  Rule("Events delivered again change nothing", ({ RuleScenario }) => {
    RuleScenario("A redelivered submission and a duplicate saga start change nothing", () => {});
    RuleScenario("A redelivered cancellation releases nothing more", () => {});
  });
});
