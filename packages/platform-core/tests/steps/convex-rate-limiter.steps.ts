// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import { convexTest } from "convex-test";
import type { FunctionReturnType } from "convex/server";
import { afterAll, expect, vi } from "vitest";
import { internal } from "../app/_generated/api.js";
import { internal as orchestratorInternal } from "../orchestratorApp/convex/_generated/api.js";
import { rateLimiter as counterRateLimiter } from "../orchestratorApp/convex/rateLimited.js";
import * as appApi from "../app/_generated/api.js";
import * as appServer from "../app/_generated/server.js";
import * as appCommands from "../app/commands.js";
import schema from "../app/schema.js";
import {
  convexRateLimitChecker,
  createCorrelationChain,
  createMiddlewareContext,
  defineShardedRateLimits,
} from "../../src/index.js";
import type { CommandOutcome } from "../../src/index.js";
import { captureError, coreError, featurePath, listFrom, world } from "../support/helpers.js";
import { newOrchestratorApp } from "../support/orchestratorApp.js";
import type { OrchestratorApp } from "../support/orchestratorApp.js";

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
  const state = world(() => ({
    results: [] as PlaceOrderResult[],
    shards: undefined as number | undefined,
    error: undefined as unknown,
    orchestrator: undefined as OrchestratorApp | undefined,
    outcomes: [] as CommandOutcome[],
  }));
  BeforeEachScenario(() => state.reset());
  afterAll(() => {
    vi.useRealTimers();
  });
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const places = async (
    _ctx: unknown,
    userId: string,
    orders: string,
    options: { limit?: "bulkImport"; freshLimiter?: boolean } = {},
  ) => {
    for (const orderId of listFrom(orders)) {
      commands += 1;
      state.value.results.push(
        await app().mutation(internal.commands.placeOrder, {
          commandId: `cmd-${commands}`,
          userId,
          orderId,
          ...options,
        }),
      );
    }
  };
  const defineLimit = (qps: number, shards?: number) => {
    state.value.error = captureError(() => {
      state.value.shards = defineShardedRateLimits({
        imports: {
          kind: "token bucket",
          rate: 100,
          period: 1000,
          expectedQps: qps,
          ...(shards === undefined ? {} : { shards }),
        },
      }).imports.shards;
    });
  };
  const orchestrator = () => {
    if (state.value.orchestrator === undefined) throw new Error("no orchestrator app");
    return state.value.orchestrator;
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

  Rule("Limits are sharded by their expected traffic", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "A limit expected at <qps> QPS gets <shards> shards",
      ({ When, Then }, variables) => {
        When("a limit is defined for <qps> QPS", () => defineLimit(Number(variables.qps)));
        Then("it has <shards> shards", () => {
          expect(state.value.error).toBeUndefined();
          const shards = variables.shards === "no" ? undefined : Number(variables.shards);
          expect(state.value.shards).toBe(shards);
        });
      },
    );

    RuleScenario(
      "A sharded limit still bounds the commands of its key",
      ({ Given, When, Then, And }) => {
        Given(
          "the limit {string} of {int} imports per minute is spread over {int} shards",
          (_ctx, name: string, rate: number, shards: number) => {
            expect(appCommands.rateLimiter.limits?.[name as "bulkImport"]).toMatchObject({
              kind: "fixed window",
              rate,
              period: 60_000,
              shards,
            });
          },
        );
        When(
          "{string} imports {int} orders in bulk",
          async (_ctx, userId: string, count: number) => {
            const orders = Array.from({ length: count }, (_, i) => `b-${i + 1}`).join(", ");
            await places(_ctx, userId, orders, { limit: "bulkImport" });
          },
        );
        Then(
          "at most {int} of them got through and every other one was refused RATE_LIMITED",
          (_ctx, rate: number) => {
            const through = state.value.results.filter((r) => r.status === "success");
            const refused = state.value.results.filter((r) => r.status === "rejected");
            expect(through.length).toBeGreaterThan(0);
            expect(through.length).toBeLessThanOrEqual(rate);
            expect(refused.length).toBe(state.value.results.length - through.length);
            for (const refusal of refused) expect(refusal).toMatchObject({ code: "RATE_LIMITED" });
          },
        );
        And("the orders stored are the ones that got through", async () => {
          const stored = await app().run((ctx) => ctx.db.query("orders").collect());
          const through = state.value.results.flatMap((r) =>
            r.status === "success" ? [r.orderId] : [],
          );
          expect(stored.map((o) => o.orderId)).toEqual(through);
        });
      },
    );

    RuleScenario(
      "A limit sized by its traffic cannot also set its own shards",
      ({ When, Then }) => {
        When(
          "a limit is defined for {int} QPS with {int} shards",
          (_ctx, qps: number, shards: number) => defineLimit(qps, shards),
        );
        Then("it is refused with INVALID_RATE_LIMIT_CONFIG: {string}", (_ctx, message: string) => {
          const error = coreError(state.value.error);
          expect([error.code, error.message]).toEqual(["INVALID_RATE_LIMIT_CONFIG", message]);
        });
      },
    );
  });

  Rule("Decisions live in the component, not in memory", ({ RuleScenario }) => {
    RuleScenario(
      "A rate limiter built after a restart sees the limit already used",
      ({ When, Then, And }) => {
        When("{string} places the orders {string}", places);
        And(
          "{string} places the orders {string} through a rate limiter built after a restart",
          (_ctx, userId: string, orders: string) =>
            places(_ctx, userId, orders, { freshLimiter: true }),
        );
        Then("the outcomes are {string}", outcomesAre);
        And("the orders stored are {string}", ordersStored);
      },
    );
  });

  Rule("The adapter plugs into the command orchestrator unchanged", ({ RuleScenario }) => {
    RuleScenario(
      "A rate-limited command is recorded rejected and appends nothing",
      ({ Given, When, Then, And }) => {
        Given(
          "the orchestrator app with counter {string} created by {string}",
          async (_ctx, counterId: string, userId: string) => {
            expect(counterRateLimiter.limits?.counterCommands).toMatchObject({ rate: 2 });
            state.value.orchestrator = newOrchestratorApp();
            const created = (await orchestrator().mutation(orchestratorInternal.counters.create, {
              commandId: "cmd-create",
              correlationId: "corr-create",
              userId,
              roles: ["counter:write"],
              counterId,
              start: 0,
            })) as CommandOutcome;
            expect(created.status).toBe("executed");
          },
        );
        When(
          "{string} increments counter {string} as the commands {string}",
          async (_ctx, userId: string, counterId: string, commandIds: string) => {
            for (const commandId of listFrom(commandIds)) {
              state.value.outcomes.push(
                (await orchestrator().mutation(orchestratorInternal.rateLimited.increment, {
                  commandId,
                  userId,
                  counterId,
                  by: 1,
                })) as CommandOutcome,
              );
            }
          },
        );
        Then("the command outcomes are {string}", (_ctx, outcomes: string) => {
          expect(
            state.value.outcomes.map((o) =>
              o.status === "rejected"
                ? `rejected:${(o.result as { code: string }).code}`
                : o.status,
            ),
          ).toEqual(listFrom(outcomes));
        });
        And(
          "the command {string} is recorded {string} with the code {string}",
          async (_ctx, commandId: string, status: string, code: string) => {
            expect(
              await orchestrator().query(orchestratorInternal.counters.getCommand, { commandId }),
            ).toMatchObject({ status, result: { code }, eventIds: [] });
          },
        );
        And(
          "the stream of counter {string} holds {string}",
          async (_ctx, counterId: string, types: string) => {
            const page = (await orchestrator().query(orchestratorInternal.counters.readStream, {
              counterId,
            })) as { events: { eventType: string }[] };
            expect(page.events.map((e) => e.eventType)).toEqual(listFrom(types));
          },
        );
      },
    );
  });
});
