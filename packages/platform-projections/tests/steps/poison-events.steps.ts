import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { DEFAULT_MAX_ATTEMPTS } from "../../src/client/index.js";
import type {
  PoisonStatus,
  RecordFailureArgs,
  RecordFailureResult,
  ResolveDeadLetterResult,
} from "../../src/client/index.js";
import { api } from "../../src/component/_generated/api.js";
import { everyKeyword, sharedSteps } from "../support/steps.js";
import type { World } from "../support/world.js";
import { attempt, call, featurePath, list, newWorld, positionOf } from "../support/world.js";

const feature = await loadFeature(featurePath("poison-events.feature", import.meta.url));

const MINUTE = 60_000;

describeFeature(feature, ({ BeforeEachScenario, AfterEachScenario, Rule, defineSteps }) => {
  let world: World;
  let failures: RecordFailureResult[];
  BeforeEachScenario(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-03-01T09:00:00Z"));
    world = newWorld();
    failures = [];
  });
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  const failure = (
    projection: string,
    eventId: string,
    partitionKey: string,
    extra: Partial<RecordFailureArgs> = {},
  ): RecordFailureArgs => ({
    projection,
    partitionKey,
    eventId,
    globalPosition: positionOf(eventId),
    error: "handler failed",
    ...extra,
  });
  const fail = async (args: RecordFailureArgs) => {
    failures.push(await call(world, () => world.t.mutation(api.poison.recordFailure, args)));
  };
  const resolve = async (projection: string, eventId: string, resolution: string) => {
    expect(["replayed", "ignored"]).toContain(resolution);
    await call(world, () =>
      world.t.mutation(api.poison.resolveDeadLetter, {
        projection,
        eventId,
        resolution: resolution as "replayed" | "ignored",
      }),
    );
  };
  /** "orderTotals/evt-3" for each record, in the order listed. */
  const named = (records: { projection: string; eventId: string }[]) =>
    records.map((record) => `${record.projection}/${record.eventId}`);
  const listed = async (args: { projection?: string; status?: PoisonStatus; limit: number }) =>
    await world.t.query(api.poison.listDeadLetters, args);

  defineSteps((keywords) => {
    sharedSteps(keywords, () => world);
    const step = everyKeyword(keywords);
    step(
      "the handler of {string} fails on {string} of partition {string} with {string}",
      async (projection: string, eventId: string, partitionKey: string, error: string) => {
        await fail(failure(projection, eventId, partitionKey, { error }));
      },
    );
    step(
      "the handler of {string} fails on {string} of partition {string} with maxAttempts {int}",
      async (projection: string, eventId: string, partitionKey: string, maxAttempts: number) => {
        await fail(failure(projection, eventId, partitionKey, { maxAttempts }));
      },
    );
    step("the failures answered {string}", (answers: string) => {
      expect(failures.map((f) => `${f.status} after attempt ${f.attempts}`)).toEqual(list(answers));
    });
    step(
      "the dead letter {string} of {string} is resolved as {string}",
      async (eventId: string, projection: string, resolution: string) => {
        await resolve(projection, eventId, resolution);
      },
    );
    step("the resolution answered {string}", (status: string) => {
      expect(world.last).toEqual({ status });
    });
    step(
      "the resolution answered {string} with a {string} record",
      (status: string, recordStatus: string) => {
        const answer = world.last as ResolveDeadLetterResult;
        expect(answer.status).toBe(status);
        expect("record" in answer && answer.record).toMatchObject({
          projection: "orderTotals",
          eventId: "evt-4",
          status: recordStatus,
        });
      },
    );
    step(
      "the {string} poison records of {string} are {string}",
      async (status: string, projection: string, eventIds: string) => {
        const records = await listed({ projection, status: status as PoisonStatus, limit: 50 });
        expect(records.map((record) => record.eventId)).toEqual(list(eventIds));
        expect(records.every((record) => record.status === status)).toBe(true);
      },
    );
  });

  Rule(
    "A handler failure is counted until the event is quarantined",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("Three failures quarantine an event by default", ({ And }) => {
        And("DEFAULT_MAX_ATTEMPTS is {int}", (_ctx, attempts: number) => {
          expect(DEFAULT_MAX_ATTEMPTS).toBe(attempts);
          expect(failures.filter((f) => f.status === "retrying")).toHaveLength(attempts - 1);
        });
        And(
          "the poison record of {string} for {string} keeps the last error {string} and failed first {int} minutes before its last failure",
          async (_ctx, eventId: string, projection: string, error: string, minutes: number) => {
            const record = await world.t.query(api.poison.getPoisonEvent, {
              projection,
              eventId,
            });
            expect(record).toMatchObject({ partitionKey: "order-a", lastError: error });
            expect(record!.lastFailedAt - record!.firstFailedAt).toBe(minutes * MINUTE);
            expect(record!.lastFailedAt).toBe(Date.now());
          },
        );
      });
      RuleScenario("maxAttempts 1 quarantines an event at its first failure", () => {});
      RuleScenario("A larger maxAttempts keeps an event retrying longer", ({ When }) => {
        When(
          "the handler of {string} fails on {string} of partition {string} {int} times with maxAttempts {int}",
          async (
            _ctx,
            projection: string,
            eventId: string,
            partitionKey: string,
            times: number,
            maxAttempts: number,
          ) => {
            for (let i = 0; i < times; i += 1) {
              await fail(failure(projection, eventId, partitionKey, { maxAttempts }));
            }
          },
        );
      });
      RuleScenario(
        "A quarantined event that fails again stays quarantined with one more attempt",
        () => {},
      );
      RuleScenario("Each projection counts its own failures of one event", () => {});
      RuleScenarioOutline(
        "A maxAttempts below 1 or not an integer is refused",
        ({ When }, variables) => {
          When(
            'the handler of "orderTotals" fails on "evt-4" of partition "order-a" with maxAttempts <maxAttempts>',
            async () => {
              const maxAttempts = Number(variables.maxAttempts);
              await attempt(world, () =>
                world.t.mutation(
                  api.poison.recordFailure,
                  failure("orderTotals", "evt-4", "order-a", { maxAttempts }),
                ),
              );
            },
          );
        },
      );
    },
  );

  Rule(
    "Dead letters are listed by status and projection, most recent failure first",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "Dead letters of every projection, then of one, then of another status",
        ({ Then, And }) => {
          Then("the dead letters of every projection are {string}", async (_ctx, names: string) => {
            const records = await listed({ limit: 50 });
            expect(named(records)).toEqual(list(names));
            expect(records.every((record) => record.status === "quarantined")).toBe(true);
          });
          And(
            "the dead letters of every projection, {int} at most, are {string}",
            async (_ctx, limit: number, names: string) => {
              expect(named(await listed({ limit }))).toEqual(list(names));
            },
          );
          And(
            "the {string} poison records of every projection are {string}",
            async (_ctx, status: string, names: string) => {
              const records = await listed({ status: status as PoisonStatus, limit: 50 });
              expect(named(records)).toEqual(list(names));
            },
          );
        },
      );
      RuleScenarioOutline(
        "A dead letter limit outside 1 to MAX_PAGE_SIZE is refused",
        ({ When }, variables) => {
          When("the dead letters are listed <limit> at most", async () => {
            await attempt(world, () => listed({ limit: Number(variables.limit) }));
          });
        },
      );
    },
  );

  Rule(
    "An operator closes a dead letter as replayed or ignored",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline("A quarantined event is closed", () => {});
      RuleScenario("An event that never failed is not found", () => {});
      RuleScenarioOutline("Only a quarantined event can be closed", ({ Given }, variables) => {
        const states: Record<string, () => Promise<void>> = {
          "retrying after one failure": async () => {
            await fail(failure("orderTotals", "evt-4", "order-a"));
          },
          "recovered after a later attempt": async () => {
            await world.t.mutation(api.routing.routeEvents, {
              projection: "orderTotals",
              expectedPosition: 0,
              nextPosition: 4,
              events: [{ eventId: "evt-4", globalPosition: 4, partitionKey: "order-a" }],
              unroutable: [],
            });
            await fail(failure("orderTotals", "evt-4", "order-a"));
            await world.t.mutation(api.partitions.advance, {
              projection: "orderTotals",
              partitionKey: "order-a",
              throughPosition: 4,
              lastEventId: "evt-4",
              applied: 1,
              skipped: 0,
              recoveredEventIds: ["evt-4"],
            });
          },
          "replayed by an operator": async () => {
            await fail(failure("orderTotals", "evt-4", "order-a", { maxAttempts: 1 }));
            await resolve("orderTotals", "evt-4", "replayed");
          },
          "ignored by an operator": async () => {
            await fail(failure("orderTotals", "evt-4", "order-a", { maxAttempts: 1 }));
            await resolve("orderTotals", "evt-4", "ignored");
          },
        };
        Given('the poison record of "evt-4" for "orderTotals" is <state>', async () => {
          const reach = states[String(variables.state)];
          expect(reach, `no state named ${String(variables.state)}`).toBeDefined();
          await reach!();
          const record = await world.t.query(api.poison.getPoisonEvent, {
            projection: "orderTotals",
            eventId: "evt-4",
          });
          expect(record?.status).toBe(variables.status);
        });
      });
    },
  );
});
