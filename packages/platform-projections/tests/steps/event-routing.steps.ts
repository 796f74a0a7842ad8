import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { MAX_PAGE_SIZE, UNROUTABLE_PARTITION } from "../../src/client/index.js";
import type { RouteEventsArgs, RouteEventsResult } from "../../src/client/index.js";
import { api } from "../../src/component/_generated/api.js";
import { sharedSteps } from "../support/steps.js";
import type { World } from "../support/world.js";
import {
  attempt,
  featurePath,
  list,
  newWorld,
  route,
  routedEvents,
  unroutableEvent,
} from "../support/world.js";

const feature = await loadFeature(featurePath("event-routing.feature", import.meta.url));

/** The pages the outline names, each read after the cursor at 1 up to position 4. */
const pages: Record<string, Pick<RouteEventsArgs, "events" | "unroutable">> = {
  "a page with an event at the expected position": {
    events: routedEvents("order-a@1, order-a@2"),
    unroutable: [],
  },
  "a page with an event after the next position": {
    events: routedEvents("order-a@2, order-a@5"),
    unroutable: [],
  },
  "a page with an unroutable event before the cursor": {
    events: routedEvents("order-a@2"),
    unroutable: [unroutableEvent("evt-1", "no orderId")],
  },
  "a page one event over MAX_PAGE_SIZE": {
    events: Array.from({ length: MAX_PAGE_SIZE + 1 }, (_, i) => ({
      eventId: `evt-bulk-${i}`,
      globalPosition: 2,
      partitionKey: `order-${i}`,
    })),
    unroutable: [],
  },
  "a page with an event without a partition key": {
    events: routedEvents("order-a@2, @3"),
    unroutable: [],
  },
  "a page that lists one event twice": {
    events: routedEvents("order-a@2, order-b@2"),
    unroutable: [],
  },
  "a page that lists an event as routed and unroutable": {
    events: routedEvents("order-a@2, order-a@3"),
    unroutable: [unroutableEvent("evt-3", "no orderId")],
  },
};

describeFeature(feature, ({ BeforeEachScenario, Rule, defineSteps }) => {
  let world: World;
  BeforeEachScenario(() => {
    world = newWorld();
  });
  const last = () => world.last as RouteEventsResult;

  defineSteps((keywords) => {
    sharedSteps(keywords, () => world);
    const { When, Then } = keywords;
    When(
      "{string} are routed for {string} from {int} to {int}",
      async (_ctx, events: string, projection: string, from: number, to: number) => {
        await route(world, {
          projection,
          expectedPosition: from,
          nextPosition: to,
          events: routedEvents(events),
          unroutable: [],
        });
      },
    );
    Then("routing answered the partition keys {string}", (_ctx, keys: string) => {
      expect(last()).toEqual({ status: "routed", partitionKeys: list(keys) });
    });
    Then("routing answered that the cursor moved to {int}", (_ctx, position: number) => {
      expect(last()).toEqual({ status: "cursor_moved", position });
    });
  });

  Rule(
    "Routing moves the cursor and answers the partition keys to catch up",
    ({ RuleScenario }) => {
      RuleScenario("A first page is routed to its partitions", () => {});
      RuleScenario(
        "The next page continues from the cursor, and each projection has its own",
        ({ And }) => {
          And(
            "{string} are routed for {string} from {int} to {int}",
            async (_ctx, events: string, projection: string, from: number, to: number) => {
              const routed = await route(world, {
                projection,
                expectedPosition: from,
                nextPosition: to,
                events: routedEvents(events),
                unroutable: [],
              });
              expect(routed).toEqual({ status: "routed", partitionKeys: ["customer-9"] });
            },
          );
        },
      );
      RuleScenario("A page without events moves the cursor and names no partition", () => {});
    },
  );

  Rule("A dispatch whose read went stale writes nothing", ({ RuleScenario }) => {
    RuleScenario("Another dispatch moved the cursor first", () => {});
  });

  Rule("Routing refuses a page it cannot route faithfully", ({ RuleScenarioOutline }) => {
    RuleScenarioOutline("A page that does not fit the cursor is refused", ({ When }, variables) => {
      When('<page> is routed for "orderTotals" from 1 to 4', async () => {
        const page = pages[String(variables.page)];
        expect(page, `no page named ${String(variables.page)}`).toBeDefined();
        await attempt(world, () =>
          world.t.mutation(api.routing.routeEvents, {
            projection: "orderTotals",
            expectedPosition: 1,
            nextPosition: 4,
            ...page!,
          }),
        );
      });
    });
    RuleScenarioOutline("Positions the cursor cannot take are refused", ({ When }, variables) => {
      When('an empty page is routed for "<projection>" from <from> to <to>', async () => {
        await attempt(world, () =>
          world.t.mutation(api.routing.routeEvents, {
            projection: String(variables.projection),
            expectedPosition: Number(variables.from),
            nextPosition: Number(variables.to),
            events: [],
            unroutable: [],
          }),
        );
      });
    });
  });

  Rule("An event without a partition becomes a dead letter at once", ({ RuleScenario }) => {
    RuleScenario(
      "An event whose partition key could not be computed is quarantined",
      ({ When, And }) => {
        When(
          "{string} are routed for {string} from {int} to {int} with {string} unroutable because {string}",
          async (
            _ctx,
            events: string,
            projection: string,
            from: number,
            to: number,
            eventId: string,
            error: string,
          ) => {
            await route(world, {
              projection,
              expectedPosition: from,
              nextPosition: to,
              events: routedEvents(events),
              unroutable: [unroutableEvent(eventId, error)],
            });
          },
        );
        And(
          "the poison record of {string} is kept under the unroutable partition with the error {string}",
          async (_ctx, eventId: string, error: string) => {
            const record = await world.t.query(api.poison.getPoisonEvent, {
              projection: "orderTotals",
              eventId,
            });
            expect(record).toMatchObject({ partitionKey: UNROUTABLE_PARTITION, lastError: error });
            expect(record!.firstFailedAt).toBe(record!.lastFailedAt);
          },
        );
      },
    );
    RuleScenario(
      "Routing the same page twice records its unroutable event once",
      ({ When, And }) => {
        When("the same page is routed again", async () => {
          expect(world.page).toBeDefined();
          await route(world, world.page!);
        });
        And("{string} has 1 poison record", async (_ctx, projection: string) => {
          const rows = await world.t.run(
            async (ctx) =>
              await ctx.db
                .query("poisonEvents")
                .withIndex("by_projection_and_event", (q) => q.eq("projection", projection))
                .collect(),
          );
          expect(rows.map((row) => row.eventId)).toEqual(["evt-2"]);
        });
      },
    );
  });
});
