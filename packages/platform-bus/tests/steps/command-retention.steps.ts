import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { DEFAULT_CLEANUP_BATCH_SIZE } from "../../src/client/index.js";
import type { CleanupResult, CommandPage } from "../../src/client/index.js";
import { commandBus } from "../app/bus.js";
import { internal } from "../app/_generated/api.js";
import { command } from "../support/commands.js";
import type { World } from "../support/world.js";
import { featurePath, list, newWorld } from "../support/world.js";

const feature = await loadFeature(featurePath("command-retention.feature", import.meta.url));

const HOUR = 60 * 60 * 1000;

describeFeature(
  feature,
  ({ Background, BeforeEachScenario, AfterEachScenario, Rule, defineSteps }) => {
    let world: World;
    let seeded = 0;
    BeforeEachScenario(() => {
      world = newWorld();
      seeded = 0;
    });
    AfterEachScenario(() => {
      vi.useRealTimers();
    });

    /** Records `count` commands named `<prefix>-<n>`, pending or executed, living `ttlMs`. */
    const seed = async (prefix: string, count: number, ttlMs: number, pending: boolean) => {
      await world.t.run(async (ctx) => {
        for (let i = 1; i <= count; i++) {
          await commandBus.recordCommand(
            ctx,
            command({
              commandId: `${prefix}-${i}`,
              ttlMs,
              ...(pending ? {} : { outcome: { status: "executed" as const } }),
            }),
          );
        }
      });
      seeded += count;
    };
    const remaining = async () => {
      let found = 0;
      await world.t.run(async (ctx) => {
        for (const prefix of ["old", "new", "stuck"]) {
          for (let i = 1; i <= seeded; i++) {
            if ((await commandBus.getCommand(ctx, `${prefix}-${i}`)) !== null) found += 1;
          }
        }
      });
      return found;
    };
    const cleanup = async (batchSize: number) =>
      await world.t.run((ctx) => commandBus.cleanupExpired(ctx, { batchSize }));

    Background(({ Given }) => {
      Given("the clock is faked", () => {
        vi.useFakeTimers();
      });
    });

    defineSteps(({ Given, And, When, Then }) => {
      Given("{int} executed commands that expire in an hour", async (_ctx, count: number) => {
        await seed("old", count, HOUR, false);
      });
      And("{int} executed commands that expire in two days", async (_ctx, count: number) => {
        await seed("new", count, 48 * HOUR, false);
      });
      Given("{int} pending commands that expire in an hour", async (_ctx, count: number) => {
        await seed("stuck", count, HOUR, true);
      });
      And("{int} executed commands that expire in an hour", async (_ctx, count: number) => {
        await seed("old", count, HOUR, false);
      });
      And("{int} pending commands that expire in an hour", async (_ctx, count: number) => {
        await seed("stuck", count, HOUR, true);
      });
      When("{int} hours pass", (_ctx, hours: number) => {
        vi.advanceTimersByTime(hours * HOUR);
      });
      Then(
        "cleanup with a batch size of {int} deletes {int} and reports more",
        async (_ctx, batchSize: number, deleted: number) => {
          expect(await cleanup(batchSize)).toEqual({
            deleted,
            hasMore: true,
          } satisfies CleanupResult);
        },
      );
      And(
        "cleanup with a batch size of {int} deletes {int} and reports no more",
        async (_ctx, batchSize: number, deleted: number) => {
          expect(await cleanup(batchSize)).toEqual({ deleted, hasMore: false });
        },
      );
      Then(
        "cleanup with a batch size of {int} deletes {int} and reports no more",
        async (_ctx, batchSize: number, deleted: number) => {
          expect(await cleanup(batchSize)).toEqual({ deleted, hasMore: false });
        },
      );
      And("{int} commands remain", async (_ctx, count: number) => {
        expect(await remaining()).toBe(count);
      });
    });

    Rule("Expired commands are deleted in bounded batches", ({ RuleScenario }) => {
      RuleScenario(
        "Each batch deletes at most batchSize commands and says whether more remain",
        () => {},
      );

      RuleScenario("Pending commands past their TTL are kept and listed", ({ And }) => {
        And("the expired pending commands are {string}", async (_ctx, ids: string) => {
          const page: CommandPage = await world.t.run((ctx) => commandBus.listExpiredPending(ctx));
          expect(page.commands.map((c) => c.commandId)).toEqual(list(ids));
          expect(page.commands.every((c) => c.status === "pending")).toBe(true);
          expect(page.hasMore).toBe(false);
        });
      });

      RuleScenario(
        "A cleanup that reschedules itself removes everything expired and nothing else",
        ({ And, Then }) => {
          And(
            "the app's cleanup runs with a batch size of {int} and its scheduled runs finish",
            async (_ctx, batchSize: number) => {
              expect(batchSize).toBeLessThan(DEFAULT_CLEANUP_BATCH_SIZE);
              const first = await world.t.mutation(internal.retention.cleanupCommands, {
                batchSize,
              });
              expect(first).toEqual({ deleted: batchSize, hasMore: true });
              await world.t.finishAllScheduledFunctions(vi.runAllTimers);
            },
          );
          Then("it ran {int} times", async (_ctx, runs: number) => {
            const scheduled = await world.t.run(
              async (ctx) => await ctx.db.system.query("_scheduled_functions").take(100),
            );
            expect(scheduled.map((run) => run.state.kind)).toEqual(Array(runs - 1).fill("success"));
          });
        },
      );
    });
  },
);
