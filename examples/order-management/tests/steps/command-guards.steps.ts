// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { api } from "../../convex/_generated/api.js";
import type { Outcome } from "../../convex/platform/validators.js";
import { advanceClock, catchUpProjections } from "../../embedded/clock.js";
import {
  as,
  capture,
  commandRecord,
  draftOrder,
  featurePath,
  lastOutcome,
  newWorld,
  order,
  remember,
  stockShop,
  submit,
  thrownCode,
} from "../support/world.js";
import type { World } from "../support/world.js";

const feature = await loadFeature(featurePath("command-guards.feature"));

// Every module of the app, to list what it exposes.
const appModules = import.meta.glob(
  [
    "../../convex/**/*.ts",
    "!../../convex/**/*.d.ts",
    "!../../convex/_generated/**",
    "!../../convex/convex.config.ts",
  ],
  {
    eager: true,
  },
);

function publicFunctions(): string[] {
  return Object.entries(appModules)
    .flatMap(([path, module]) =>
      Object.entries(module as Record<string, { isPublic?: boolean }>)
        .filter(([, value]) => value?.isPublic === true)
        .map(
          ([name]) =>
            `${path.replace("../../convex/", "").replace(/\.ts$/, "").replaceAll("/", ".")}.${name}`,
        ),
    )
    .sort();
}

describeFeature(feature, ({ Background, Rule, AfterEachScenario, defineSteps }) => {
  let world: World;
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  const createOrder = async (person: string | null, orderId: string, commandId: string) => {
    const caller = person === null ? world.t : as(world, person);
    return remember(
      world,
      await caller.mutation(api.orders.commands.createOrder, { commandId, orderId }),
    );
  };

  Background(({ Given, And }) => {
    Given("the shop stocks {string}", async (_ctx, stock: string) => {
      world = newWorld();
      await stockShop(world, stock);
    });
    And(
      "{string} has a draft order {string} with {string}",
      async (_ctx, person: string, orderId: string, items: string) => {
        await draftOrder(world, person, orderId, items);
      },
    );
  });

  defineSteps(({ When, Then }) => {
    When(
      "{string} adds {int} {string} to order {string} as command {string}",
      async (
        _ctx,
        person: string,
        quantity: number,
        productId: string,
        orderId: string,
        commandId: string,
      ) => {
        remember(
          world,
          await as(world, person).mutation(api.orders.commands.addOrderItem, {
            commandId,
            orderId,
            item: { productId, productName: productId, quantity, unitPrice: 1 },
          }),
        );
      },
    );
    When(
      "{string} creates order {string} as command {string}",
      async (_ctx, person: string, orderId: string, commandId: string) => {
        await createOrder(person, orderId, commandId);
      },
    );
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
    Then(
      "command {string} is rejected with {string} saying {string}",
      (_ctx, commandId: string, code: string, saying: string) => {
        const outcome = lastOutcome(world);
        expect(outcome).toMatchObject({ commandId, status: "rejected", result: { code } });
        expect(outcome.status === "rejected" && outcome.result.message).toContain(saying);
      },
    );
  });

  Rule(
    "The middleware refuses what the caller may not do, and the refusal is recorded",
    ({ RuleScenario }) => {
      RuleScenario("An anonymous caller cannot create an order", ({ When }) => {
        When(
          "an anonymous caller creates order {string} as command {string}",
          async (_ctx, orderId: string, commandId: string) => {
            await createOrder(null, orderId, commandId);
          },
        );
      });

      RuleScenario("A customer cannot change another customer's order", ({ And }) => {
        And(
          "order {string} still holds {int} item",
          async (_ctx, orderId: string, count: number) => {
            expect((await order(world, orderId))?.items).toHaveLength(count);
          },
        );
      });

      RuleScenario("Only staff manage the catalogue", ({ When }) => {
        When(
          "{string} creates product {string} as command {string}",
          async (_ctx, person: string, productId: string, commandId: string) => {
            remember(
              world,
              await as(world, person).mutation(api.inventory.commands.createProduct, {
                commandId,
                productId,
                name: productId,
              }),
            );
          },
        );
      });

      RuleScenario("An invalid payload is refused with every problem named", ({ And }) => {
        And("the rejection names {string}", (_ctx, path: string) => {
          const outcome = lastOutcome(world);
          expect(outcome.status === "rejected" && outcome.result.message).toContain(path);
        });
      });

      RuleScenario(
        "A caller over the rate limit is refused until the bucket refills",
        ({ When, Then, And }) => {
          let outcomes: Outcome[] = [];
          When(
            "{string} creates {int} orders in a row",
            async (_ctx, person: string, count: number) => {
              outcomes = [];
              for (let n = 1; n <= count; n += 1) {
                outcomes.push(await createOrder(person, `burst-${n}`, `burst-${n}`));
              }
            },
          );
          Then(
            "the last of them is rejected with {string} and says when to retry",
            (_ctx, code: string) => {
              // The draft order of the Background took one token of the 20.
              expect(outcomes.filter((o) => o.status === "executed")).toHaveLength(19);
              expect(outcomes.at(-1)).toMatchObject({
                status: "rejected",
                result: { code, context: { commandType: "CreateOrder", key: "ada:CreateOrder" } },
              });
              const last = outcomes.at(-1)!;
              const retryAfterMs =
                last.status === "rejected" ? last.result.context?.retryAfterMs : 0;
              expect(retryAfterMs).toBeGreaterThan(0);
            },
          );
          And("after a minute {string} can create an order again", async (_ctx, person: string) => {
            advanceClock(60_000);
            expect(await createOrder(person, "after-wait", "after-wait")).toMatchObject({
              status: "executed",
            });
          });
        },
      );
    },
  );

  Rule("A new order may not take an order id already in use", ({ RuleScenario }) => {
    RuleScenario("Before the projections catch up, the orders context refuses the id", () => {});

    RuleScenario(
      "Once projected, the orderExistence logic projection refuses it first",
      ({ Given }) => {
        Given("the projections caught up", async () => {
          await catchUpProjections(world.t);
        });
      },
    );
  });

  Rule("Client command ids are checked, and nothing test-only is public", ({ RuleScenario }) => {
    RuleScenario("A command id with a colon is refused before anything runs", ({ When, Then }) => {
      When(
        "{string} submits order {string} as command {string}",
        async (_ctx, person: string, orderId: string, commandId: string) => {
          await capture(world, () => submit(world, person, orderId, commandId));
        },
      );
      Then(
        "the call fails with {string} and no command {string} was recorded",
        async (_ctx, code: string, commandId: string) => {
          expect(thrownCode(world)).toMatchObject({ code });
          expect(await commandRecord(world, commandId)).toBeNull();
        },
      );
    });

    RuleScenario("The public API is the app's commands and client read models", ({ Then }) => {
      Then("the public functions are {string}", (_ctx, names: string) => {
        expect(publicFunctions()).toEqual(names.split(", "));
      });
    });
  });
});
