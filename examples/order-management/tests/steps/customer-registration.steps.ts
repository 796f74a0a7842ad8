// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { api, components, internal } from "../../convex/_generated/api.js";
import type { Outcome } from "../../convex/platform/validators.js";
import { advanceClock, catchUpProjections, SETTLE_WINDOW_MS } from "../../embedded/clock.js";
import {
  as,
  commandRecord,
  draftOrder,
  featurePath,
  lastOutcome,
  newWorld,
  register,
  remember,
  stockShop,
  submit,
} from "../support/world.js";
import type { World } from "../support/world.js";

const feature = await loadFeature(featurePath("customer-registration.feature"));

const EMAILS = "customerEmail";

describeFeature(feature, ({ Background, Rule, AfterEachScenario, defineSteps }) => {
  let world: World;
  let first: Outcome | undefined;
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  Background(({ Given }) => {
    Given("the shop stocks {string}", async (_ctx, stock: string) => {
      world = newWorld();
      first = undefined;
      await stockShop(world, stock);
    });
  });

  const reservationRows = async () =>
    await world.t.run(async (ctx) => await ctx.db.query("reservations").take(100));

  /** The log's events of one type; readers see events once past the settle window. */
  const eventsOfType = async (eventType: string) => {
    advanceClock(SETTLE_WINDOW_MS + 1_000);
    const log = await world.t.query(internal.admin.eventLog, { limit: 500 });
    return log.events.filter((event) => event.eventType === eventType);
  };

  defineSteps(({ Given, When, Then, And }) => {
    for (const step of [When, And]) {
      step(
        "{string} registers with {string} as command {string}",
        async (_ctx, person: string, email: string, commandId: string) => {
          await register(world, person, { email, commandId });
        },
      );
    }
    Given("{string} registered with {string}", async (_ctx, person: string, email: string) => {
      expect((await register(world, person, { email })).status).toBe("executed");
    });
    Given(
      "{string} registered with {string} as command {string}",
      async (_ctx, person: string, email: string, commandId: string) => {
        first = await register(world, person, { email, commandId });
        expect(first.status).toBe("executed");
      },
    );
    Given(
      "{string} registered as {string} with {string}",
      async (_ctx, person: string, name: string, email: string) => {
        expect((await register(world, person, { name, email })).status).toBe("executed");
      },
    );
    When(
      "an anonymous caller registers with {string} as command {string}",
      async (_ctx, email: string, commandId: string) => {
        remember(
          world,
          await world.t.mutation(api.customers.commands.registerCustomer, {
            commandId,
            name: "Nobody",
            email,
          }),
        );
      },
    );
    When(
      "{string} sends {string} again with {string}",
      async (_ctx, person: string, commandId: string, email: string) => {
        first ??= world.outcomes.get(commandId);
        await register(world, person, { email, commandId });
      },
    );
    When(
      "{string} creates order {string} as command {string}",
      async (_ctx, person: string, orderId: string, commandId: string) => {
        remember(
          world,
          await as(world, person).mutation(api.orders.commands.createOrder, {
            commandId,
            orderId,
          }),
        );
      },
    );
    And(
      "{string} has a draft order {string} with {string}",
      async (_ctx, person: string, orderId: string, items: string) => {
        await draftOrder(world, person, orderId, items);
      },
    );
    When("{string} submits order {string}", async (_ctx, person: string, orderId: string) => {
      expect((await submit(world, person, orderId)).status).toBe("executed");
    });
    Given(
      "{string} reserved {string} for {int} minute without confirming it",
      async (_ctx, person: string, email: string, minutes: number) => {
        const reserved = await world.t.mutation(internal.platform.reservations.reserve, {
          type: EMAILS,
          value: email,
          holder: person,
          ttlMs: minutes * 60_000,
        });
        expect(reserved.status).toBe("reserved");
      },
    );
    When("{int} minutes pass and the scheduled expiry runs", async (_ctx, minutes: number) => {
      advanceClock(minutes * 60_000);
      await world.t.finishAllScheduledFunctions(vi.runAllTimers);
      const rows = await reservationRows();
      expect(rows.map((row) => `${row.holder} ${row.status}`)).toEqual(["bob expired"]);
    });

    Then("command {string} is executed", (_ctx, commandId: string) => {
      expect(lastOutcome(world)).toMatchObject({ commandId, status: "executed", duplicate: false });
    });
    Then(
      "command {string} is rejected with {string} and recorded so",
      async (_ctx, commandId: string, code: string) => {
        expect(lastOutcome(world)).toMatchObject({
          commandId,
          status: "rejected",
          eventIds: [],
          result: { code },
        });
        expect(await commandRecord(world, commandId)).toMatchObject({
          status: "rejected",
          result: { code },
          eventIds: [],
        });
      },
    );
    And("the rejection says {string}", (_ctx, text: string) => {
      const outcome = lastOutcome(world);
      expect(outcome.status === "rejected" && outcome.result.message).toContain(text);
    });
    And(
      "customer {string} is {string} reached at {string}",
      async (_ctx, customerId: string, name: string, email: string) => {
        const customer = await world.t.run((ctx) =>
          ctx.runQuery(components.customers.queries.getCustomer, { customerId }),
        );
        expect(customer).toMatchObject({ customerId, name, email, version: 1 });
      },
    );
    And("{string} is not a customer", async (_ctx, customerId: string) => {
      const customer = await world.t.run((ctx) =>
        ctx.runQuery(components.customers.queries.getCustomer, { customerId }),
      );
      expect(customer).toBeNull();
    });
    And(
      "{string} is held for {string}, confirmed",
      async (_ctx, email: string, customerId: string) => {
        const held = await world.t.query(internal.platform.reservations.lookup, {
          type: EMAILS,
          value: email,
        });
        expect(held).toMatchObject({
          holder: customerId,
          status: "confirmed",
          entityId: customerId,
        });
      },
    );
    And("the reservations hold only {string}", async (_ctx, email: string) => {
      const rows = await reservationRows();
      expect(rows.map((row) => `${row.type} ${row.value} ${row.status}`)).toEqual([
        `${EMAILS} ${email} confirmed`,
      ]);
    });
    And("the reservations hold nothing", async () => {
      expect(await reservationRows()).toEqual([]);
    });
    Then(
      "the answer is the stored {string} result of {string}, marked duplicate",
      (_ctx, status: string, commandId: string) => {
        const again = lastOutcome(world);
        expect(first).toMatchObject({ commandId, status, duplicate: false });
        expect(again).toMatchObject({ commandId, status, duplicate: true });
        expect(again.result).toEqual(first!.result);
        expect(again.eventIds).toEqual(first!.eventIds);
      },
    );
    And("the log holds {int} CustomerRegistered event", async (_ctx, count: number) => {
      expect(await eventsOfType("CustomerRegistered")).toHaveLength(count);
    });
    Then(
      "the OrderSubmitted event of {string} carries {string} {string} at snapshot version {int}, captured when submitted",
      async (_ctx, orderId: string, name: string, email: string, version: number) => {
        const [event] = (await eventsOfType("OrderSubmitted")).filter(
          (e) => e.streamId === orderId,
        );
        const payload = event?.payload as {
          customerId: string;
          submittedAt: number;
          customer: unknown;
        };
        expect(payload.customer).toEqual({
          schemaVersion: version,
          capturedAt: payload.submittedAt,
          data: { customerId: payload.customerId, name, email },
        });
        expect(payload.submittedAt).toBe(event?.metadata.timestamp);
      },
    );
    And(
      "the personal data fields of {string} are {string} of subject {string}",
      async (_ctx, eventType: string, paths: string, subject: string) => {
        const fields = (
          await world.t.query(internal.platform.personalData.personalDataFields, {})
        ).filter((field) => field.eventType === eventType);
        expect(fields.map((field) => field.path).join(", ")).toBe(paths);
        expect(fields.every((field) => field.subject === subject)).toBe(true);
      },
    );
    And(
      "once projected, shipping sees order {string} for {string}",
      async (_ctx, orderId: string, name: string) => {
        await catchUpProjections(world.t);
        const feed = await world.t.query(internal.projections.shippingFeed.ordersForShipping, {
          status: "awaiting_confirmation",
        });
        expect(feed.map((row) => `${row.orderId} ${row.customerName}`)).toEqual([
          `${orderId} ${name}`,
        ]);
      },
    );
  });

  // Every step is shared (defineSteps above); the rules and scenarios run them in order.
  Rule("Each email belongs to one customer, and a refusal holds nothing", ({ RuleScenario }) => {
    RuleScenario("A signed-in user registers and their email is theirs for good", () => {});
    RuleScenario(
      "The same email for another customer is refused, recorded, and reserves nothing",
      () => {},
    );
    RuleScenario("A customer registers once", () => {});
    RuleScenario(
      "A malformed email is refused with what was expected, and nothing is reserved",
      () => {},
    );
    RuleScenario("An anonymous caller cannot register", () => {});
  });
  Rule("A re-sent command id returns the stored result", ({ RuleScenario }) => {
    RuleScenario(
      "Re-sending a registration returns its stored result and registers nothing more",
      () => {},
    );
    RuleScenario("Re-sending a refused registration returns the stored refusal", () => {});
  });
  Rule("A reservation nobody confirmed frees the email when it expires", ({ RuleScenario }) => {
    RuleScenario(
      "An email another person reserved and never confirmed is free once it expired",
      () => {},
    );
  });
  Rule(
    "Orders are for registered customers, and a submission carries the customer",
    ({ RuleScenario }) => {
      RuleScenario("A caller who never registered cannot create an order", () => {});
      RuleScenario(
        "OrderSubmitted carries the customer snapshot, its personal fields marked",
        () => {},
      );
    },
  );
});
