// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { defineShardedRateLimits } from "@convex-es/platform-core";
import { expect } from "vitest";
import { adapters, adaptersApp, runAdaptersBackground } from "./support/adaptersApp.js";
import type { AdaptersApp } from "./support/adaptersApp.js";
import { createWorld } from "./support/world.js";

const feature = await loadFeature("./durable-function-adapters.feature");

const world = createWorld(() => ({
  t: undefined as AdaptersApp | undefined,
  shards: undefined as number | undefined,
  answers: [] as string[],
  retries: new Map<string, string>(),
  decided: "",
}));

function t(): AdaptersApp {
  if (world.value.t === undefined) throw new Error("no adapters app in this scenario");
  return world.value.t;
}
const list = (text: string) => text.split(", ");
const background = () => runAdaptersBackground(t());
let commandCount = 0;

async function runCommands(userId: string, count: number, freshLimiter: boolean) {
  for (let i = 0; i < count; i++) {
    commandCount += 1;
    world.value.answers.push(
      await t().mutation(adapters.commands.run, {
        commandId: `cmd-${commandCount}`,
        userId,
        freshLimiter,
      }),
    );
  }
}
async function warehouseAt(_ctx: unknown, warehouseId: string, version: number) {
  world.value.t = adaptersApp();
  for (let v = 0; v < version; v++) {
    await t().mutation(adapters.warehouse.stock, { warehouseId, expectedVersion: v });
  }
}
async function decide(reservationId: string, expectedVersion: number) {
  const outcome = await t().mutation(adapters.warehouse.decide, {
    warehouseId: "wh-1",
    reservationId,
    expectedVersion,
  });
  world.value.decided = outcome.status;
  if (outcome.retryId !== undefined) world.value.retries.set(reservationId, outcome.retryId);
}
const retryOf = (reservationId: string) =>
  t().query(adapters.warehouse.retry, { retryId: world.value.retries.get(reservationId)! });
const warehouseEvents = () => t().query(adapters.warehouse.events, { warehouseId: "wh-1" });

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  BeforeEachScenario(() => world.reset());

  Rule(
    "Rate limit adapter bridges middleware to component",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "A limit expected at <qps> QPS is sharded as recommended",
        ({ When, Then }, variables) => {
          When("a rate limit is sized for <qps> QPS", () => {
            world.value.shards = defineShardedRateLimits({
              commands: {
                kind: "token bucket",
                rate: 1000,
                period: 1000,
                expectedQps: Number(variables.qps),
              },
            }).commands.shards;
          });
          Then("it has <shards> shards", () => {
            expect(world.value.shards).toBe(
              variables.shards === "no" ? undefined : Number(variables.shards),
            );
          });
        },
      );

      RuleScenario(
        "The limit lives in the component, so a rate limiter built after a restart enforces it",
        ({ Given, When, Then, And }) => {
          Given(
            "an adapters app allowing {int} commands per user and minute",
            (_ctx, rate: number) => {
              expect(rate).toBe(2);
              world.value.t = adaptersApp();
            },
          );
          When("{string} runs {int} commands", (_ctx, userId: string, count: number) =>
            runCommands(userId, count, false),
          );
          And(
            "{string} runs {int} command through a rate limiter built after a restart",
            (_ctx, userId: string, count: number) => runCommands(userId, count, true),
          );
          Then("the commands answer {string}", (_ctx, answers: string) => {
            expect(world.value.answers).toEqual(list(answers));
          });
        },
      );
    },
  );

  Rule("DCB retry helper automatically handles OCC conflicts", ({ RuleScenario }) => {
    RuleScenario(
      "A decision on a stale scope version is retried to exactly one commit",
      ({ Given, When, Then }) => {
        Given("an adapters app whose warehouse {string} is at scope version {int}", warehouseAt);
        When(
          "reservation {string} is decided on scope version {int}",
          (_ctx, reservationId: string, version: number) => decide(reservationId, version),
        );
        Then("the caller gets {string} and writes no retry loop", (_ctx, status: string) => {
          expect(world.value.decided).toBe(status);
        });
        When("the background work runs", background);
        Then(
          "the warehouse holds {string} once, at scope version {int}",
          async (_ctx, reservation: string, scopeVersion: number) => {
            expect(await warehouseEvents()).toEqual({ scopeVersion, reservations: [reservation] });
          },
        );
      },
    );

    RuleScenario("Retries of one scope run one at a time, in order", ({ Given, When, Then }) => {
      Given("an adapters app whose warehouse {string} is at scope version {int}", warehouseAt);
      When(
        "reservations {string} are decided on scope version {int}",
        async (_ctx, reservations: string, version: number) => {
          for (const id of list(reservations)) await decide(id, version);
        },
      );
      Then(
        "only {string} has a retry job and {string} waits",
        async (_ctx, first: string, second: string) => {
          expect(await retryOf(first)).toMatchObject({ status: "running", hasJob: true });
          expect(await retryOf(second)).toMatchObject({ status: "waiting", hasJob: false });
          expect(await t().query(adapters.warehouse.waiting, { warehouseId: "wh-1" })).toBe(1);
        },
      );
      When("the background work runs", background);
      Then(
        "the warehouse holds {string} in that order, at scope version {int}",
        async (_ctx, reservations: string, scopeVersion: number) => {
          expect(await warehouseEvents()).toEqual({
            scopeVersion,
            reservations: list(reservations),
          });
        },
      );
    });

    RuleScenario(
      "A retry that never stops conflicting is recorded failed after its attempts",
      ({ Given, When, Then, And }) => {
        Given("an adapters app whose warehouse {string} is at scope version {int}", warehouseAt);
        And("every read of the warehouse is one commit behind", async () => {
          await t().mutation(adapters.faults.set, { target: "staleReads", failures: -1 });
        });
        When(
          "reservation {string} is decided on scope version {int}",
          (_ctx, reservationId: string, version: number) => decide(reservationId, version),
        );
        And("the background work runs", background);
        Then(
          "the retry of {string} is recorded {string} after {int} attempts",
          async (_ctx, reservationId: string, status: string, attempts: number) => {
            expect(await retryOf(reservationId)).toMatchObject({ status, attempts });
          },
        );
        And("the warehouse is still at scope version {int}", async (_ctx, scopeVersion: number) => {
          expect(await warehouseEvents()).toEqual({ scopeVersion, reservations: [] });
        });
      },
    );
  });

  Rule("Adapters integrate with existing platform infrastructure", ({ RuleScenario }) => {
    RuleScenario(
      "The orchestrator records a rate-limited command as rejected, with no event",
      ({ Given, When, Then, And }) => {
        Given(
          "an adapters app allowing {int} commands per user and minute",
          (_ctx, rate: number) => {
            expect(rate).toBe(2);
            world.value.t = adaptersApp();
          },
        );
        When(
          "{string} increments counter {string} with the commands {string}",
          async (_ctx, userId: string, counterId: string, commandIds: string) => {
            for (const commandId of list(commandIds)) {
              await t().mutation(adapters.counters.increment, { commandId, userId, counterId });
            }
          },
        );
        Then("the commands are recorded {string}", async (_ctx, statuses: string) => {
          const recorded = [];
          for (const commandId of ["cmd-1", "cmd-2", "cmd-3"]) {
            recorded.push(await t().query(adapters.counters.recorded, { commandId }));
          }
          expect(recorded).toEqual(list(statuses));
        });
        And(
          "the stream of counter {string} holds {int} events",
          async (_ctx, counterId: string, n: number) => {
            expect(await t().query(adapters.counters.events, { counterId })).toBe(n);
          },
        );
      },
    );
  });
});
