// @vitest-environment happy-dom
// The business rules of the example app (specs/example-app/example-app-modernization.feature),
// run here because nothing outside the example may import it: the app on its embedded runtime,
// through its public API, with the background work running, and the order detail page's hook
// rendered in a DOM made by happy-dom.
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { act, renderHook } from "@testing-library/react";
import type { RenderHookResult } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { createElement } from "react";
import type { ReactNode } from "react";
import { expect, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api.js";
import { catchUpProjections, runBackgroundWork } from "../../embedded/clock.js";
import { eventStore } from "../../convex/platform/runtime.js";
import { SHOP_TENANT_ID } from "../../convex/platform/shop.js";
import { useOrderDetail } from "../../src/hooks/useOrderDetail.js";
import type { OrderDetailView } from "../../src/hooks/useOrderDetail.js";
import { emptyOrderDetail, evolveOrderDetail } from "../../src/orderDetail/index.js";
import type { OrderDetail, OrderDetailEvent } from "../../src/orderDetail/index.js";
import { EmbeddedQueryClient } from "../support/embeddedQueryClient.js";
import { readmeOf } from "../support/readme.js";
import type { Readme } from "../support/readme.js";
import {
  as,
  draftOrder,
  lastOutcome,
  newWorld,
  quantities,
  register,
  stockShop,
  submit,
  warehouseStock,
} from "../support/world.js";
import type { World } from "../support/world.js";

// happy-dom gives modules no file URL: the feature is found from the example's root.
const feature = await loadFeature("../../specs/example-app/example-app-modernization.feature");

/** "submitted, kbd x 2, mouse x 1 = 110, reservation held". */
const shown = (detail: OrderDetail | null) =>
  detail === null
    ? "nothing"
    : `${detail.status}, ${detail.items.map((item) => `${item.productId} x ${item.quantity}`).join(", ")} = ${detail.totalAmount}, reservation ${detail.reservation?.status ?? "none"}`;

/** "CMS dual write" and "CMS Dual-Write" name the same pattern. */
const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** "a, b, c" -> ["a", "b", "c"]. */
const listOf = (text: string) => text.split(",").map((name) => name.trim());

describeFeature(feature, ({ Rule, AfterEachScenario, defineSteps }) => {
  let world: World;
  let readme: Readme;
  let scopeBefore = { version: 0, position: 0 };
  let page:
    { client: EmbeddedQueryClient; hook: RenderHookResult<OrderDetailView, object> } | undefined;

  AfterEachScenario(() => {
    page?.hook.unmount();
    page = undefined;
    vi.useRealTimers();
  });

  defineSteps(({ Given, And, When }) => {
    Given("the shop stocks {string}", async (_ctx, stock: string) => {
      world = newWorld();
      await stockShop(world, stock);
    });
    And(
      "{string} registered as {string} with {string}",
      async (_ctx, person: string, name: string, email: string) => {
        expect((await register(world, person, { name, email })).status).toBe("executed");
      },
    );
    And(
      "{string} has a draft order {string} with {string}",
      async (_ctx, person: string, orderId: string, items: string) => {
        await draftOrder(world, person, orderId, items);
        scopeBefore = await warehouseScope();
      },
    );
    When("{string} submits order {string}", async (_ctx, person: string, orderId: string) => {
      await submit(world, person, orderId);
    });
  });

  const livePage = () => {
    if (page === undefined) throw new Error("nobody opened the detail page");
    return page;
  };
  /** The live query answers again, as a Convex subscription update would. */
  const answerAgain = async () => {
    await act(async () => {
      await livePage().client.refresh();
    });
  };
  /** The order's events of both streams in the log, oldest first, as the evolve sees them. */
  const loggedEvents = async (orderId: string): Promise<OrderDetailEvent[]> => {
    const log = await world.t.query(internal.admin.eventLog, { limit: 1000 });
    return log.events
      .filter((event) => event.streamId === orderId)
      .filter((event) => ["Order", "StockReservation"].includes(event.streamType))
      .map(
        (event) =>
          ({
            eventId: event.eventId,
            eventType: event.eventType,
            payload: event.payload,
            globalPosition: event.globalPosition,
          }) as OrderDetailEvent,
      );
  };

  const warehouseScope = async () => {
    const history = await world.t.query(internal.admin.warehouseHistory, { limit: 1000 });
    return { version: history.scopeVersion, position: history.nextPosition };
  };

  Rule("Order submission uses DCB for multi-product inventory reservation", ({ RuleScenario }) => {
    RuleScenario("Every product of an order is reserved in one scope commit", ({ Then, And }) => {
      Then("the submission is executed", () => {
        expect(lastOutcome(world).status).toBe("executed");
      });
      And(
        "one commit moved the warehouse scope by one version with {string}",
        async (_ctx, events: string) => {
          const history = await world.t.query(internal.admin.warehouseHistory, {
            after: scopeBefore.position,
            limit: 1000,
          });
          expect(history.scopeVersion).toBe(scopeBefore.version + 1);
          expect(
            history.events.map((event) => {
              const data = event.payload as { productId?: string; reservationId: string };
              return `${event.eventType} ${data.productId ?? data.reservationId}`;
            }),
          ).toEqual(events.split(", "));
          // One command wrote them all, caused by the submission.
          const commands = new Set(history.events.map((event) => event.metadata.commandId));
          expect(commands.size).toBe(1);
          const [reserve] = [...commands];
          const record = await world.t.query(internal.admin.command, { commandId: reserve! });
          expect(record).toMatchObject({
            status: "executed",
            causationId: lastOutcome(world).commandId,
          });
        },
      );
      And(
        "once the projections caught up the shop shows {string} available",
        async (_ctx, available: string) => {
          await catchUpProjections(world.t);
          const rows = await as(world, "ada").query(
            api.projections.stockAvailability.availableStock,
            {},
          );
          const shown = new Map(rows.map((row) => [row.productId, row.available]));
          expect(quantities(available).map(([id]) => [id, shown.get(id)])).toEqual(
            quantities(available),
          );
        },
      );
    });

    RuleScenario("One short product rejects the whole submission and names it", ({ Then, And }) => {
      Then(
        "the submission is rejected with {string} naming {string} with {int} available of {int} requested",
        (_ctx, code: string, productId: string, available: number, requested: number) => {
          const outcome = lastOutcome(world);
          expect(outcome).toMatchObject({
            status: "rejected",
            result: { code, context: { shortages: [{ productId, requested, available }] } },
          });
          expect(outcome.status === "rejected" && outcome.result.message).toContain(productId);
        },
      );
      And("the warehouse scope did not move and nothing is reserved", async () => {
        expect(await warehouseScope()).toEqual(scopeBefore);
        expect(await warehouseStock(world)).not.toMatch(/[1-9]\d* reserved/);
      });
    });
  });

  Rule("Order detail view uses reactive projection for instant updates", ({ RuleScenario }) => {
    const opensPage = (
      And: (text: string, fn: (ctx: unknown, ...args: string[]) => void) => void,
    ) =>
      And(
        "{string} has the detail page of {string} open",
        (_ctx, person: string, orderId: string) => {
          const client = new EmbeddedQueryClient((query, args) =>
            as(world, person).query(query, args),
          );
          const wrapper = ({ children }: { children: ReactNode }) =>
            createElement(ConvexProvider, { client: client.asReactClient() }, children);
          page = { client, hook: renderHook(() => useOrderDetail(orderId), { wrapper }) };
        },
      );

    RuleScenario(
      "The customer's page shows her submission at once, before any projection ran",
      ({ And, Then }) => {
        opensPage(And);
        And("the page's live query answers again", async () => {
          await answerAgain();
        });
        Then(
          "the page shows {string} from {int} pending events, optimistically",
          (_ctx, detail: string, pending: number) => {
            const view = livePage().hook.result.current;
            expect(shown(view.detail)).toBe(detail);
            expect(view.pendingEvents).toBe(pending);
            expect(view.isOptimistic).toBe(true);
          },
        );
        And("no projection has applied an event of {string} yet", async (_ctx, orderId: string) => {
          expect(livePage().hook.result.current.durablePosition).toBe(0);
          expect(
            await as(world, "ada").query(api.projections.orderDetails.orderDetail, { orderId }),
          ).toBeNull();
        });
      },
    );

    RuleScenario(
      "Once the background work ran, the page shows the durable detail",
      ({ And, Then }) => {
        opensPage(And);
        And("the background work runs and the page's live query answers again", async () => {
          await runBackgroundWork(world.t);
          await answerAgain();
        });
        Then("the page shows {string} with no pending events", (_ctx, detail: string) => {
          const view = livePage().hook.result.current;
          expect(shown(view.detail)).toBe(detail);
          expect(view.pendingEvents).toBe(0);
          expect(view.isOptimistic).toBe(false);
          expect(view.durablePosition).toBeGreaterThan(0);
        });
        And(
          "the durable read model of {string} is the shared evolve's fold of its order's and reservation's events",
          async (_ctx, orderId: string) => {
            const events = await loggedEvents(orderId);
            expect(events.map((event) => event.eventType)).toContain("ReservationConfirmed");
            const folded = events.reduce(evolveOrderDetail, emptyOrderDetail);
            const durable = await as(world, "ada").query(api.projections.orderDetails.orderDetail, {
              orderId,
            });
            expect(durable).toMatchObject({
              orderId: folded.orderId,
              customerId: folded.customerId,
              status: folded.status,
              items: folded.items,
              totalAmount: folded.totalAmount,
              reservation: folded.reservation,
            });
            expect(shown(livePage().hook.result.current.detail)).toBe(shown(folded));
          },
        );
      },
    );
  });

  Rule(
    "OrderSubmitted event includes customer snapshot for downstream consumers",
    ({ RuleScenario }) => {
      // Read from the order's stream: the log's readers see events once the settle window passed.
      const submitted = async (orderId: string) => {
        const stream = await world.t.run((ctx) =>
          eventStore.readStream(ctx, {
            streamType: "Order",
            streamId: orderId,
            tenantId: SHOP_TENANT_ID,
            fromVersion: 1,
            limit: 100,
          }),
        );
        const event = stream.events.find((candidate) => candidate.eventType === "OrderSubmitted");
        if (event === undefined) throw new Error(`no OrderSubmitted of ${orderId} in the log`);
        return event;
      };
      type Snapshot = {
        submittedAt: number;
        customer: {
          schemaVersion: number;
          capturedAt: number;
          data: { name: string; email: string };
        };
      };

      RuleScenario(
        "The submission carries the customer as the customers context holds her",
        ({ Then, And }) => {
          Then(
            "the log holds the OrderSubmitted of {string} as a {string} event of schema version {int}",
            async (_ctx, orderId: string, category: string, version: number) => {
              expect(await submitted(orderId)).toMatchObject({ category, schemaVersion: version });
            },
          );
          And(
            "it carries the customer snapshot {string}, {string} of schema version {int}",
            async (_ctx, name: string, email: string, version: number) => {
              const payload = (await submitted("ord-1")).payload as Snapshot;
              expect(payload.customer).toMatchObject({
                schemaVersion: version,
                data: { name, email },
              });
            },
          );
          And(
            "its submittedAt and the snapshot's capture time are the submission's command time",
            async () => {
              const event = await submitted("ord-1");
              const payload = event.payload as Snapshot;
              expect(event.metadata.commandId).toBe(lastOutcome(world).commandId);
              expect(payload.submittedAt).toBe(event.metadata.timestamp);
              expect(payload.customer.capturedAt).toBe(event.metadata.timestamp);
            },
          );
          And(
            "the app lists {string} of OrderSubmitted as personal data of the customer",
            async (_ctx, paths: string) => {
              const fields = await world.t.query(
                internal.platform.personalData.personalDataFields,
                {},
              );
              const ofEvent = fields.filter((field) => field.eventType === "OrderSubmitted");
              expect(ofEvent.map((field) => field.path)).toEqual(listOf(paths));
              expect(new Set(ofEvent.map((field) => field.subject))).toEqual(
                new Set(["customer.data.customerId"]),
              );
            },
          );
        },
      );

      RuleScenario(
        "A downstream consumer reads the customer from the event, never from the customers context",
        ({ And, Then }) => {
          And("the projections catch up", async () => {
            await catchUpProjections(world.t);
          });
          Then(
            "the shipping feed addresses {string} to {string}",
            async (_ctx, orderId: string, name: string) => {
              const statuses = ["awaiting_confirmation", "ready_to_ship", "cancelled"] as const;
              const rows = (
                await Promise.all(
                  statuses.map((status) =>
                    world.t.query(internal.projections.shippingFeed.ordersForShipping, { status }),
                  ),
                )
              ).flat();
              expect(rows.filter((row) => row.orderId === orderId)).toEqual([
                expect.objectContaining({ customerName: name }),
              ]);
            },
          );
        },
      );
    },
  );

  Rule(
    "README documents the app as a Reference Implementation",
    ({ RuleScenario, defineSteps }) => {
      defineSteps(({ Given }) => {
        Given("the example's README", () => {
          readme = readmeOf();
        });
      });

      RuleScenario("The README says what the app is before anything else", ({ Then, And }) => {
        Then(
          "its first block after the title is a note that it is a reference implementation",
          () => {
            expect(readme.firstBlock()).toMatch(/^> \*\*Reference implementation\.\*\*/);
          },
        );
        And(
          "it has the sections {string}, {string}, {string} and {string}",
          (_ctx: unknown, ...titles: string[]) => {
            expect(titles.filter((title) => readme.section(title) === undefined)).toEqual([]);
          },
        );
      });

      RuleScenario("The patterns table points at code that exists", ({ Then, And }) => {
        Then("its patterns table names {string}", (_ctx, names: string) => {
          const rows = readme.table("Patterns demonstrated").map((row) => normalised(row[0]!));
          const missing = listOf(names).filter(
            (name) => !rows.some((row) => row.includes(normalised(name))),
          );
          expect(missing).toEqual([]);
        });
        And(
          "every link of the table resolves to a file or folder of the example or the repository",
          () => {
            const links = readme
              .table("Patterns demonstrated")
              .flatMap((row) => readme.linksIn(row.join(" ")));
            expect(links.length).toBeGreaterThan(10);
            expect(links.filter((link) => !readme.resolves(link))).toEqual([]);
          },
        );
      });

      RuleScenario(
        "The architecture diagram shows the bounded contexts and the components",
        ({ Then }) => {
          Then(
            "its architecture section has a mermaid diagram naming {string}",
            (_ctx, names: string) => {
              const diagrams = readme.mermaidIn("Architecture");
              expect(diagrams.length).toBeGreaterThan(0);
              const missing = listOf(names).filter(
                (name) => !diagrams.some((diagram) => diagram.includes(name)),
              );
              expect(missing).toEqual([]);
            },
          );
        },
      );

      RuleScenario("Running locally covers the embedded demo and a real deployment", ({ Then }) => {
        Then(
          "its run section shows {string} and {string}",
          (_ctx, first: string, second: string) => {
            const run = readme.section("Run it") ?? "";
            expect([first, second].filter((command) => !run.includes(command))).toEqual([]);
          },
        );
      });

      RuleScenario(
        "The development guidelines link to the decision on the app's purpose",
        ({ Then, And }) => {
          Then(
            "its development guidelines link to the decision records, among them {string}",
            (_ctx, title: string) => {
              const decisions = readme.decisionLinks("Development guidelines");
              const titles = decisions.map((link) => readme.titleOf(link).toLowerCase());
              expect(titles.filter((found) => found.includes(title.toLowerCase()))).toHaveLength(1);
            },
          );
          And("every decision record they link to exists", () => {
            const decisions = readme.decisionLinks("Development guidelines");
            expect(decisions.length).toBeGreaterThan(2);
            expect(decisions.filter((link) => !readme.resolves(link))).toEqual([]);
          });
        },
      );
    },
  );
});
