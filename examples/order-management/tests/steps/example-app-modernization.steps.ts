// @vitest-environment edge-runtime
// The business rules of the example app (specs/example-app/example-app-modernization.feature),
// run here because nothing outside the example may import it: the app on its embedded runtime,
// through its public API, with the background work running.
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { fileURLToPath } from "node:url";
import { expect, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api.js";
import { catchUpProjections } from "../../embedded/clock.js";
import { readmeOf } from "../support/readme.js";
import type { Readme } from "../support/readme.js";
import {
  as,
  draftOrder,
  lastOutcome,
  newWorld,
  quantities,
  stockShop,
  submit,
  warehouseStock,
} from "../support/world.js";
import type { World } from "../support/world.js";

const feature = await loadFeature(
  fileURLToPath(
    new URL("../../../../specs/example-app/example-app-modernization.feature", import.meta.url),
  ),
);

/** "CMS dual write" and "CMS Dual-Write" name the same pattern. */
const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** "a, b, c" -> ["a", "b", "c"]. */
const listOf = (text: string) => text.split(",").map((name) => name.trim());

describeFeature(feature, ({ Rule, AfterEachScenario }) => {
  let world: World;
  let readme: Readme;
  let scopeBefore = { version: 0, position: 0 };

  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  const warehouseScope = async () => {
    const history = await world.t.query(internal.admin.warehouseHistory, { limit: 1000 });
    return { version: history.scopeVersion, position: history.nextPosition };
  };

  Rule(
    "Order submission uses DCB for multi-product inventory reservation",
    ({ RuleScenario, defineSteps }) => {
      defineSteps(({ Given, And, When }) => {
        Given("the shop stocks {string}", async (_ctx, stock: string) => {
          world = newWorld();
          await stockShop(world, stock);
        });
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

      RuleScenario(
        "One short product rejects the whole submission and names it",
        ({ Then, And }) => {
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
          (_ctx, ...titles: string[]) => {
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
