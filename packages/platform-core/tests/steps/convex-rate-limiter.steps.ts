// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import { convexTest } from "convex-test";
import type { FunctionReturnType } from "convex/server";
import { afterAll, expect, vi } from "vitest";
import { internal } from "../app/_generated/api.js";
import * as appApi from "../app/_generated/api.js";
import * as appServer from "../app/_generated/server.js";
import * as appCommands from "../app/commands.js";
import schema from "../app/schema.js";
import {
  convexRateLimitChecker,
  createCorrelationChain,
  createMiddlewareContext,
} from "../../src/index.js";
import { captureError, coreError, featurePath, listFrom, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("convex-rate-limiter.feature"));

// convex-test derives the app's root from the `_generated` paths; modules are already loaded.
const modules = Object.fromEntries(
  Object.entries({
    "../app/_generated/api.js": appApi,
    "../app/_generated/server.js": appServer,
    "../app/commands.ts": appCommands,
    "../app/schema.ts": { default: schema },
  }).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

type PlaceOrderResult = FunctionReturnType<typeof internal.commands.placeOrder>;

function newApp() {
  const t = convexTest(schema, modules);
  rateLimiterTest.register(t, "rateLimiter");
  return t;
}

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  let t: ReturnType<typeof newApp> | undefined;
  let commands = 0;
  const state = world(() => ({ results: [] as PlaceOrderResult[] }));
  BeforeEachScenario(() => state.reset());
  afterAll(() => {
    vi.useRealTimers();
  });
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const places = async (_ctx: unknown, userId: string, orders: string) => {
    for (const orderId of listFrom(orders)) {
      commands += 1;
      state.value.results.push(
        await app().mutation(internal.commands.placeOrder, {
          commandId: `cmd-${commands}`,
          userId,
          orderId,
        }),
      );
    }
  };
  const outcomesAre = (_ctx: unknown, outcomes: string) => {
    expect(
      state.value.results.map((r) => (r.status === "rejected" ? `rejected:${r.code}` : r.status)),
    ).toEqual(listFrom(outcomes));
  };
  const ordersStored = async (_ctx: unknown, orders: string) => {
    const stored = await app().run((ctx) => ctx.db.query("orders").collect());
    expect(stored.map((o) => o.orderId)).toEqual(listFrom(orders));
  };

  Background(({ Given, And }) => {
    Given("the test app with the rate limiter component, at 10 seconds past a minute", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2025-01-01T12:00:10.000Z"));
      t = newApp();
      // Results are collected across the Background and the scenario, so reset here too.
      state.reset();
    });
    And(
      "the limit {string} of {int} orders per user in fixed one-minute windows",
      (_ctx, name: string, rate: number) => {
        expect(appCommands.rateLimiter.limits?.[name as "placeOrder"]).toMatchObject({
          kind: "fixed window",
          rate,
          period: 60_000,
        });
      },
    );
  });

  Rule("The adapter bridges the middleware to the component", ({ RuleScenario }) => {
    RuleScenario(
      "Commands within the limit run; the next one is refused with when to retry",
      ({ When, Then, And }) => {
        When("{string} places the orders {string}", places);
        Then("the outcomes are {string}", outcomesAre);
        And(
          "the refusal says {string} with retryAfterMs {int}",
          (_ctx, message: string, retryAfterMs: number) => {
            const refusal = state.value.results.at(-1);
            expect(refusal).toEqual({
              status: "rejected",
              code: "RATE_LIMITED",
              message,
              context: { commandType: "PlaceOrder", key: "u-1:PlaceOrder", retryAfterMs },
            });
          },
        );
        And("the orders stored are {string}", ordersStored);
      },
    );

    RuleScenario("Each user has a limit of their own", ({ When, Then, And }) => {
      When("{string} places the orders {string}", places);
      And("{string} places the orders {string}", places);
      Then("the outcomes are {string}", outcomesAre);
      And("the orders stored are {string}", ordersStored);
    });

    RuleScenario("After the retry delay the user may place orders again", ({ When, Then, And }) => {
      When("{string} places the orders {string}", places);
      And("{int} ms pass", (_ctx, ms: number) => {
        vi.advanceTimersByTime(ms);
        expect(Date.now()).toBe(Date.parse("2025-01-01T12:01:00.000Z"));
      });
      And("{string} places the orders {string}", places);
      Then("the outcomes are {string}", outcomesAre);
      And("the orders stored are {string}", ordersStored);
    });
  });

  Rule(
    "A pipeline defined once takes each command's mutation ctx from its context",
    ({ RuleScenario }) => {
      RuleScenario(
        "The shared pipeline limits like the per-execution one",
        ({ When, Then, And }) => {
          When(
            "{string} places the orders {string} through the shared pipeline",
            async (_ctx, userId: string, orders: string) => {
              for (const orderId of listFrom(orders)) {
                commands += 1;
                state.value.results.push(
                  await app().mutation(internal.commands.placeOrderThroughSharedPipeline, {
                    commandId: `cmd-${commands}`,
                    userId,
                    orderId,
                  }),
                );
              }
            },
          );
          Then("the outcomes are {string}", outcomesAre);
          And("the orders stored are {string}", ordersStored);
        },
      );

      RuleScenario("A context without the mutation ctx is refused", ({ When, Then }) => {
        let error: unknown;
        When("the shared checker is asked for a context without a mutation ctx", () => {
          const checkerFor = convexRateLimitChecker(appCommands.rateLimiter, "placeOrder");
          error = captureError(() =>
            checkerFor(
              createMiddlewareContext({
                config: { definition: appCommands.placeOrderCommand },
                payload: { orderId: "o-9" },
                correlation: createCorrelationChain({ commandId: "c-9", correlationId: "c-9" }),
              }),
            ),
          );
        });
        Then("it is refused with code {string}", (_ctx, code: string) => {
          expect(coreError(error).code).toBe(code);
        });
      });
    },
  );
});
