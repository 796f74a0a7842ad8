import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { defineCMS, defineEvent } from "@convex-es/platform-bc";
import type { DeciderOutput } from "@convex-es/platform-decider";
import { v } from "convex/values";
import { expect } from "vitest";
import { z } from "zod";
import {
  createEntityDeciderHandler,
  createScopeDeciderHandler,
  defineFatEvent,
  defineSnapshot,
} from "../../src/index.js";
import type { CMSUpdate, HandlerResult, StoredEventShape } from "../../src/index.js";
import { captureAsyncError, featurePath, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("handler-event-definitions.feature"));

type Cart = { cartId: string; checkedOut: boolean };
type CartCommand = { type: "OpenAndCheckOut"; data: { cartId: string } };
type CartEvent =
  | { type: "CartOpened"; data: { cartId: string } }
  | { type: "CartCheckedOut"; data: { cartId: string; total: number } };

const cartOpened = defineEvent({
  eventType: "CartOpened",
  boundedContext: "carts",
  schemaVersion: 1,
  category: "domain",
  payload: z.object({ cartId: z.string() }),
});
const buyerSnapshot = defineSnapshot({
  source: "customers",
  schemaVersion: 1,
  schema: z.object({ customerId: z.string() }),
});
const cartCheckedOut = defineFatEvent({
  eventType: "CartCheckedOut",
  boundedContext: "carts",
  schemaVersion: 2,
  payload: z.object({ cartId: z.string(), total: z.number() }),
  snapshots: { buyer: buyerSnapshot },
  // Version 1 had no total.
  upcasters: { 1: (v1: { cartId: string }) => ({ ...v1, total: 0 }) },
});

const cartDecider = {
  decide: (_state: Cart | null, command: CartCommand): DeciderOutput<CartEvent> => ({
    status: "success",
    events: [
      { type: "CartOpened", data: { cartId: command.data.cartId } },
      { type: "CartCheckedOut", data: { cartId: command.data.cartId, total: 12 } },
    ],
  }),
  evolve: (state: Cart | null, event: CartEvent): Cart =>
    event.type === "CartOpened"
      ? { cartId: event.data.cartId, checkedOut: false }
      : { ...state!, checkedOut: true },
};

/** A cart handler over an in-memory CMS table: `rows` is what it wrote. */
function cartHandler(events: readonly StoredEventShape[] | undefined) {
  const rows = new Map<string, CMSUpdate<Cart, { cartId: string }>>();
  const handler = createEntityDeciderHandler({
    args: { cartId: v.string() },
    decider: cartDecider,
    cms: defineCMS<Cart>({ cmsType: "cartCMS", currentVersion: 1 }),
    toCommand: (args) => ({ type: "OpenAndCheckOut" as const, data: { cartId: args.cartId } }),
    streamOf: (args) => ({ streamType: "Cart", streamId: args.cartId }),
    loadCMS: async () => null,
    applyStateUpdate: async (_ctx: unknown, update) => {
      rows.set(update.state.cartId, update);
    },
    ...(events !== undefined && { events }),
  });
  return { handler, rows };
}

const decisionContext = { commandId: "cmd-1", correlationId: "corr-1", now: 1_000 };

/** "CartOpened" as "domain" version 1, for comparing what a handler returned. */
const stamped = (result: HandlerResult | undefined) =>
  result?.status === "success"
    ? result.events.map((event) => `${event.eventType} ${event.category} ${event.schemaVersion}`)
    : [];

describeFeature(feature, ({ Rule }) => {
  const state = world(() => ({
    cart: undefined as ReturnType<typeof cartHandler> | undefined,
    result: undefined as HandlerResult | undefined,
    error: undefined as unknown,
  }));

  const openAndCheckOut = async (cartId: string) => {
    const { handler } = state.value.cart!;
    state.value.error = await captureAsyncError(async () => {
      state.value.result = await handler.handler({}, { cartId, ...decisionContext });
    });
  };

  Rule(
    "A handler given its event definitions returns each event with its category and version",
    ({ RuleScenario }) => {
      RuleScenario(
        "An entity handler stamps a fat event and a domain event",
        ({ Given, When, Then, And }) => {
          Given(
            "a cart handler given the definitions of {string} and the fat {string} at version {int}",
            (_ctx, opened: string, checkedOut: string, version: number) => {
              state.reset();
              expect([cartOpened.eventType, cartCheckedOut.eventType]).toEqual([
                opened,
                checkedOut,
              ]);
              expect(cartCheckedOut).toMatchObject({ category: "fat", schemaVersion: version });
              state.value.cart = cartHandler([cartOpened, cartCheckedOut]);
            },
          );
          When("the cart {string} is opened and checked out", async (_ctx, cartId: string) => {
            await openAndCheckOut(cartId);
            expect(state.value.error).toBeUndefined();
          });
          Then(
            "the handler returned {string} as {string} version {int} and {string} as {string} version {int}",
            (
              _ctx,
              first: string,
              firstCategory: string,
              firstVersion: number,
              second: string,
              secondCategory: string,
              secondVersion: number,
            ) => {
              expect(stamped(state.value.result)).toEqual([
                `${first} ${firstCategory} ${firstVersion}`,
                `${second} ${secondCategory} ${secondVersion}`,
              ]);
            },
          );
          And("the cart's CMS row was written at version {int}", (_ctx, version: number) => {
            expect(state.value.cart!.rows.get("c-1")).toMatchObject({
              version,
              state: { checkedOut: true },
            });
          });
        },
      );

      RuleScenario("A scope handler stamps the events of its streams", ({ Given, When, Then }) => {
        const shelfStocked = defineEvent({
          eventType: "ShelfStocked",
          boundedContext: "warehouse",
          schemaVersion: 2,
          category: "domain",
          payload: z.object({ shelfId: z.string(), quantity: z.number() }),
          // Version 1 stocked one unit at a time.
          upcasters: { 1: (v1: { shelfId: string }) => ({ ...v1, quantity: 1 }) },
        });
        type ShelfEvent = { type: "ShelfStocked"; data: { shelfId: string; quantity: number } };
        let scopeHandler: ReturnType<typeof createScopeDeciderHandler> | undefined;
        Given(
          "a shelf scope handler given the definition of {string} at version {int}",
          (_ctx, eventType: string, version: number) => {
            state.reset();
            expect(shelfStocked).toMatchObject({ eventType, schemaVersion: version });
            scopeHandler = createScopeDeciderHandler({
              args: { shelves: v.array(v.string()) },
              decider: {
                decide: (
                  _s: { stocked: number },
                  command: { type: "Stock"; data: { shelves: string[] } },
                ): DeciderOutput<ShelfEvent> => ({
                  status: "success",
                  events: command.data.shelves.map((shelfId) => ({
                    type: "ShelfStocked" as const,
                    data: { shelfId, quantity: 1 },
                  })) as [ShelfEvent, ...ShelfEvent[]],
                }),
                evolve: (s: { stocked: number }) => ({ stocked: s.stocked + 1 }),
              },
              scopeOf: () => ({ tenantId: "shop", scopeType: "warehouse", scopeId: "main" }),
              toCommand: (args) => ({ type: "Stock" as const, data: { shelves: args.shelves } }),
              loadScope: async () => ({ state: { stocked: 0 }, version: 0 }),
              streamOf: (event) => ({ streamType: "Shelf", streamId: event.data.shelfId }),
              applyScopeUpdate: async () => {},
              events: [shelfStocked],
            });
          },
        );
        When("two shelves are stocked in one scope decision", async () => {
          state.value.result = await scopeHandler!.handler(
            {},
            { shelves: ["s-1", "s-2"], ...decisionContext },
          );
        });
        Then(
          "every event the handler returned is {string} as {string} version {int}, each naming its shelf",
          (_ctx, eventType: string, category: string, version: number) => {
            const result = state.value.result;
            expect(result?.status).toBe("success");
            expect(result?.status === "success" && result.events).toEqual(
              ["s-1", "s-2"].map((shelfId) => ({
                eventType,
                payload: { shelfId, quantity: 1 },
                category,
                schemaVersion: version,
                streamType: "Shelf",
                streamId: shelfId,
              })),
            );
          },
        );
      });
    },
  );

  Rule(
    "An event type the definitions do not list is refused and nothing is written",
    ({ RuleScenario }) => {
      RuleScenario("A decider emitting an undefined event type", ({ Given, When, Then, And }) => {
        Given("a cart handler given only the definition of {string}", (_ctx, eventType: string) => {
          state.reset();
          expect(cartOpened.eventType).toBe(eventType);
          state.value.cart = cartHandler([cartOpened]);
        });
        When("the cart {string} is opened and checked out", async (_ctx, cartId: string) => {
          await openAndCheckOut(cartId);
        });
        Then(
          "the handler threw {string} naming {string} and the known {string}",
          (_ctx, code: string, missing: string, known: string) => {
            const data = (state.value.error as { data?: { code: string; message: string } }).data;
            expect(data?.code).toBe(code);
            expect(data?.message).toContain(`emitted ${missing}`);
            expect(data?.message).toContain(`(${known})`);
            expect(state.value.result).toBeUndefined();
          },
        );
        And("no CMS row was written", () => {
          expect(state.value.cart!.rows.size).toBe(0);
        });
      });
    },
  );

  Rule(
    "Without definitions events carry no category, and the store's defaults apply",
    ({ RuleScenario }) => {
      RuleScenario("A handler without events returns bare events", ({ Given, When, Then }) => {
        Given("a cart handler without event definitions", () => {
          state.reset();
          state.value.cart = cartHandler(undefined);
        });
        When("the cart {string} is opened and checked out", async (_ctx, cartId: string) => {
          await openAndCheckOut(cartId);
        });
        Then(
          "the handler returned {string} and {string} with no category or version",
          (_ctx, first: string, second: string) => {
            const result = state.value.result;
            expect(result?.status === "success" && result.events).toEqual([
              { eventType: first, payload: { cartId: "c-3" } },
              { eventType: second, payload: { cartId: "c-3", total: 12 } },
            ]);
          },
        );
      });
    },
  );
});
