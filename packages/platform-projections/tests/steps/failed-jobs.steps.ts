import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import type { FailedJob } from "../../src/client/index.js";
import { api } from "../../src/component/_generated/api.js";
import { everyKeyword, sharedSteps } from "../support/steps.js";
import type { World } from "../support/world.js";
import { attempt, call, featurePath, list, newWorld } from "../support/world.js";

const feature = await loadFeature(featurePath("failed-jobs.feature", import.meta.url));

type Resolution = "retried" | "ignored";

describeFeature(feature, ({ BeforeEachScenario, AfterEachScenario, Rule, defineSteps }) => {
  let world: World;
  BeforeEachScenario(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-03-01T09:00:00Z"));
    world = newWorld();
  });
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  const asResolution = (text: string): Resolution => {
    expect(["retried", "ignored"]).toContain(text);
    return text as Resolution;
  };
  const recordFailure = (projection: string, partitionKey: string, error: string) =>
    world.t.mutation(api.jobs.recordJobFailure, { projection, partitionKey, error });
  const resolveJob = (projection: string, partitionKey: string, resolution: string) =>
    world.t.mutation(api.jobs.resolveFailedJob, {
      projection,
      partitionKey,
      resolution: asResolution(resolution),
    });
  /** "orderTotals/order-a after 2" for each job, in the order listed. */
  const named = (jobs: FailedJob[]) =>
    jobs.map((job) => `${job.projection}/${job.partitionKey} after ${job.failures}`);

  defineSteps((keywords) => {
    sharedSteps(keywords, () => world);
    const step = everyKeyword(keywords);
    step(
      "the catch-up job of partition {string} of {string} fails with {string}",
      async (partitionKey: string, projection: string, error: string) => {
        await attempt(world, () => recordFailure(projection, partitionKey, error));
      },
    );
    step(
      "the catch-up job of partition {string} of {string} failed with {string}",
      async (partitionKey: string, projection: string, error: string) => {
        const job = await recordFailure(projection, partitionKey, error);
        expect(job).toMatchObject({ partitionKey, status: "open", error });
      },
    );
    step(
      "the failed job of partition {string} of {string} is resolved as {string}",
      async (partitionKey: string, projection: string, resolution: string) => {
        await call(world, () => resolveJob(projection, partitionKey, resolution));
      },
    );
    step(
      "the failed job of partition {string} of {string} was resolved as {string}",
      async (partitionKey: string, projection: string, resolution: string) => {
        const job = await resolveJob(projection, partitionKey, resolution);
        expect(job).toMatchObject({ partitionKey, status: resolution });
      },
    );
    step(
      "the last failure answered partition {string} open after {int} failures with the error {string}",
      (partitionKey: string, failures: number, error: string) => {
        expect(world.error).toBeUndefined();
        expect(world.last).toEqual({
          projection: "orderTotals",
          partitionKey,
          error,
          failures,
          status: "open",
          lastFailedAt: Date.now(),
        } satisfies FailedJob);
      },
    );
    step("the open failed jobs are {string}", async (names: string) => {
      const jobs = await world.t.query(api.jobs.listFailedJobs, { limit: 50 });
      expect(named(jobs)).toEqual(list(names));
      expect(jobs.every((job) => job.status === "open")).toBe(true);
    });
    step("the {string} failed jobs are {string}", async (status: string, names: string) => {
      const jobs = await world.t.query(api.jobs.listFailedJobs, {
        status: asResolution(status),
        limit: 50,
      });
      expect(named(jobs)).toEqual(list(names));
      expect(jobs.every((job) => job.status === status)).toBe(true);
    });
    step("the resolution answered null", () => {
      expect(world.last).toBeNull();
    });
  });

  Rule(
    "Failed jobs are counted per partition and listed by status",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("Failures of one partition are counted on one open record", ({ And }) => {
        And(
          "the open failed jobs, {int} at most, are {string}",
          async (_ctx, limit: number, names: string) => {
            expect(named(await world.t.query(api.jobs.listFailedJobs, { limit }))).toEqual(
              list(names),
            );
          },
        );
      });
      RuleScenarioOutline(
        "A failed job page limit outside 1 to MAX_PAGE_SIZE is refused",
        ({ When }, variables) => {
          When("the failed jobs are listed <limit> at most", async () => {
            await attempt(world, () =>
              world.t.query(api.jobs.listFailedJobs, { limit: Number(variables.limit) }),
            );
          });
        },
      );
      RuleScenarioOutline(
        "A failed job without a projection or a partition key is refused",
        () => {},
      );
    },
  );

  Rule("An operator resolves an open failed job once", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline("An open failed job is resolved", ({ Then }, variables) => {
      Then('the resolution answered partition "order-a" "<resolution>" after 1 failures', () => {
        expect(world.last).toMatchObject({
          projection: "orderTotals",
          partitionKey: "order-a",
          status: variables.resolution,
          failures: 1,
          error: "timeout",
        } satisfies Partial<FailedJob>);
      });
    });
    RuleScenario("Nothing open to resolve answers null", () => {});
    RuleScenario("A partition that never failed has nothing to resolve", () => {});
    RuleScenario(
      "A retried partition that fails again is open again with one more failure",
      () => {},
    );
  });
});
