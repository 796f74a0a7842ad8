import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { MAX_PAGE_SIZE } from "../../src/client/index.js";
import type { AdvanceArgs, Checkpoint, LoadPartitionResult } from "../../src/client/index.js";
import { api } from "../../src/component/_generated/api.js";
import { everyKeyword, sharedSteps } from "../support/steps.js";
import type { World } from "../support/world.js";
import {
  attempt,
  call,
  featurePath,
  list,
  newWorld,
  positionOf,
  route,
  routedEvents,
} from "../support/world.js";

const feature = await loadFeature(featurePath("partition-catch-up.feature", import.meta.url));

describeFeature(feature, ({ BeforeEachScenario, Rule, defineSteps }) => {
  let world: World;
  BeforeEachScenario(() => {
    world = newWorld();
  });
  const loaded = () => world.last as LoadPartitionResult;

  const load = async (projection: string, partitionKey: string, limit: number) =>
    await call(world, () =>
      world.t.query(api.partitions.loadPartition, { projection, partitionKey, limit }),
    );
  const advanceArgs = (
    partitionKey: string,
    projection: string,
    eventId: string,
    applied: number,
    skipped: number,
    recovered?: string,
  ): AdvanceArgs => ({
    projection,
    partitionKey,
    throughPosition: positionOf(eventId),
    lastEventId: eventId,
    applied,
    skipped,
    ...(recovered !== undefined && { recoveredEventIds: list(recovered) }),
  });
  const tryAdvance = async (args: AdvanceArgs) =>
    await attempt(world, () => world.t.mutation(api.partitions.advance, args));
  const checkpoint = (
    projection: string,
    partitionKey: string,
    eventId: string,
    eventsApplied: number,
    eventsSkipped: number,
  ) =>
    expect.objectContaining({
      projection,
      partitionKey,
      lastPosition: positionOf(eventId),
      lastEventId: eventId,
      eventsApplied,
      eventsSkipped,
    } satisfies Partial<Checkpoint>);

  defineSteps((keywords) => {
    sharedSteps(keywords, () => world);
    const step = everyKeyword(keywords);
    step(
      "partition {string} of {string} is loaded with a limit of {int}",
      async (partitionKey: string, projection: string, limit: number) => {
        await load(projection, partitionKey, limit);
      },
    );
    step("the load has {string} pending and no more", (eventIds: string) => {
      expect(loaded().pending.map((event) => event.eventId)).toEqual(list(eventIds));
      expect(loaded().pending.map((event) => event.globalPosition)).toEqual(
        list(eventIds).map(positionOf),
      );
      expect(loaded().hasMore).toBe(false);
    });
    step(
      "partition {string} of {string} advances through {string} with {int} applied and {int} skipped",
      async (partitionKey: string, projection: string, eventId: string, a: number, s: number) => {
        await call(world, () =>
          world.t.mutation(
            api.partitions.advance,
            advanceArgs(partitionKey, projection, eventId, a, s),
          ),
        );
      },
    );
    step(
      "partition {string} of {string} tries to advance through {string} with {int} applied and {int} skipped",
      async (partitionKey: string, projection: string, eventId: string, a: number, s: number) => {
        await tryAdvance(advanceArgs(partitionKey, projection, eventId, a, s));
      },
    );
    step(
      "the advance answered a checkpoint at {string} with {int} applied and {int} skipped, and more",
      (eventId: string, applied: number, skipped: number) => {
        expect(world.last).toEqual({
          checkpoint: checkpoint("orderTotals", "order-a", eventId, applied, skipped),
          hasMore: true,
        });
      },
    );
    step(
      "the advance answered a checkpoint at {string} with {int} applied and {int} skipped, and no more",
      (eventId: string, applied: number, skipped: number) => {
        expect(world.last).toEqual({
          checkpoint: checkpoint("orderTotals", "order-a", eventId, applied, skipped),
          hasMore: false,
        });
      },
    );
    step(
      "the checkpoint of partition {string} of {string} is at {string} with {int} applied and {int} skipped",
      async (partitionKey: string, projection: string, eventId: string, a: number, s: number) => {
        const stored = await world.t.query(api.partitions.getCheckpoint, {
          projection,
          partitionKey,
        });
        expect(stored).toEqual(checkpoint(projection, partitionKey, eventId, a, s));
        expect(stored).toEqual((world.last as { checkpoint: Checkpoint }).checkpoint);
      },
    );
  });

  Rule(
    "A load answers the routed events after the checkpoint, in position order",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "A first load finds no checkpoint and every routed event of the partition",
        ({ Then }) => {
          Then("the load has no checkpoint", () => {
            expect(loaded().checkpoint).toBeNull();
          });
        },
      );
      RuleScenario("A load takes at most its limit and says that more wait", ({ Then }) => {
        Then("the load has {string} pending and more", (_ctx, eventIds: string) => {
          expect(loaded().pending.map((event) => event.eventId)).toEqual(list(eventIds));
          expect(loaded().hasMore).toBe(true);
        });
      });
      RuleScenario("A load starts after the checkpoint", ({ Then }) => {
        Then(
          "the load has its checkpoint at {string} with {int} applied and {int} skipped",
          (_ctx, eventId: string, applied: number, skipped: number) => {
            expect(loaded().checkpoint).toEqual(
              checkpoint("orderTotals", "order-a", eventId, applied, skipped),
            );
          },
        );
      });
      RuleScenario(
        "Pending events carry the poison record of their earlier failures",
        ({ Then, And }) => {
          const pending = (eventId: string) =>
            loaded().pending.find((event) => event.eventId === eventId);
          Then("the pending {string} has no poison record", (_ctx, eventId: string) => {
            expect(pending(eventId)).toMatchObject({ eventId, poison: null });
          });
          And(
            "the pending {string} has a {string} poison record after attempt {int} with the error {string}",
            (_ctx, eventId: string, status: string, attempts: number, error: string) => {
              expect(pending(eventId)?.poison).toMatchObject({
                projection: "orderTotals",
                partitionKey: "order-a",
                eventId,
                status,
                attempts,
                lastError: error,
              });
            },
          );
        },
      );
      RuleScenarioOutline(
        "A load limit outside 1 to MAX_PAGE_SIZE is refused",
        ({ When }, variables) => {
          When(
            'a load of partition "order-a" of "orderTotals" asks for <limit> events',
            async () => {
              await attempt(world, () =>
                world.t.query(api.partitions.loadPartition, {
                  projection: "orderTotals",
                  partitionKey: "order-a",
                  limit: Number(variables.limit),
                }),
              );
            },
          );
        },
      );
    },
  );

  Rule(
    "An advance moves the checkpoint and removes what it passed",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "An advance moves the checkpoint, deletes the routed rows it passed and counts them",
        () => {},
      );
      RuleScenario("Counts add up over advances, and the last one says no more", () => {});
      RuleScenario(
        "Events that succeeded on a later attempt are marked recovered",
        ({ And, When }) => {
          And(
            "the handler of {string} failed on {string} of partition {string} once with maxAttempts 1",
            async (_ctx, projection: string, eventId: string, partitionKey: string) => {
              const failure = await world.t.mutation(api.poison.recordFailure, {
                projection,
                partitionKey,
                eventId,
                globalPosition: positionOf(eventId),
                error: "bad data",
                maxAttempts: 1,
              });
              expect(failure).toEqual({ attempts: 1, status: "quarantined" });
            },
          );
          When(
            "partition {string} of {string} advances through {string} with {int} applied and {int} skipped, recovering {string}",
            async (
              _ctx,
              partitionKey: string,
              projection: string,
              eventId: string,
              applied: number,
              skipped: number,
              recovered: string,
            ) => {
              const advanced = await world.t.mutation(
                api.partitions.advance,
                advanceArgs(partitionKey, projection, eventId, applied, skipped, recovered),
              );
              expect(advanced.checkpoint).toEqual(
                checkpoint(projection, partitionKey, eventId, applied, skipped),
              );
            },
          );
        },
      );
      RuleScenarioOutline(
        "An advance that would move the checkpoint backwards or repeat it is refused",
        () => {},
      );
      RuleScenarioOutline(
        "An advance that passes events it did not count is refused",
        ({ When }, variables) => {
          When(
            'partition "order-a" of "orderTotals" tries to advance through "<event>" with <applied> applied and <skipped> skipped',
            async () => {
              await tryAdvance(
                advanceArgs(
                  "order-a",
                  "orderTotals",
                  String(variables.event),
                  Number(variables.applied),
                  Number(variables.skipped),
                ),
              );
            },
          );
        },
      );
      RuleScenario("An advance marks recovered only events it passes", ({ When }) => {
        When(
          "partition {string} of {string} tries to advance through {string} with {int} applied and {int} skipped, recovering {string}",
          async (
            _ctx,
            partitionKey: string,
            projection: string,
            eventId: string,
            applied: number,
            skipped: number,
            recovered: string,
          ) => {
            await tryAdvance(
              advanceArgs(partitionKey, projection, eventId, applied, skipped, recovered),
            );
          },
        );
      });
      RuleScenario("One advance passes at most MAX_PAGE_SIZE events", ({ Given }) => {
        Given(
          "{int} events of partition {string} were routed for {string}",
          async (_ctx, count: number, partitionKey: string, projection: string) => {
            expect(count).toBe(MAX_PAGE_SIZE + 1);
            const events = (from: number, to: number) =>
              routedEvents(
                Array.from({ length: to - from }, (_, i) => `${partitionKey}@${from + i + 1}`).join(
                  ", ",
                ),
              );
            for (const [from, to] of [
              [0, MAX_PAGE_SIZE],
              [MAX_PAGE_SIZE, count],
            ] as const) {
              const routed = await route(world, {
                projection,
                expectedPosition: from,
                nextPosition: to,
                events: events(from, to),
                unroutable: [],
              });
              expect(routed).toEqual({ status: "routed", partitionKeys: [partitionKey] });
            }
          },
        );
      });
    },
  );

  Rule(
    "Checkpoints are read one at a time or a page at a time",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("A partition has no checkpoint before its first advance", ({ Then }) => {
        Then(
          "partition {string} of {string} has no checkpoint",
          async (_ctx, partitionKey: string, projection: string) => {
            expect(
              await world.t.query(api.partitions.getCheckpoint, { projection, partitionKey }),
            ).toBeNull();
          },
        );
      });
      RuleScenarioOutline(
        "Checkpoints are listed in partition key order, a page at a time",
        ({ Given, And, Then }, variables) => {
          /** Routes one event to each partition and advances each partition through it. */
          const advanceEach = async (projection: string, partitionKeys: string[]) => {
            const events = routedEvents(
              partitionKeys.map((key, i) => `${key}@${i + 1}`).join(", "),
            );
            await route(world, {
              projection,
              expectedPosition: 0,
              nextPosition: events.length,
              events,
              unroutable: [],
            });
            for (const event of events) {
              await world.t.mutation(api.partitions.advance, {
                projection,
                partitionKey: event.partitionKey,
                throughPosition: event.globalPosition,
                lastEventId: event.eventId,
                applied: 1,
                skipped: 0,
              });
            }
          };
          Given(
            'partitions "p-e, p-a, p-d, p-b, p-c" of "orderTotals" each advanced through one event',
            async () => {
              await advanceEach("orderTotals", list("p-e, p-a, p-d, p-b, p-c"));
            },
          );
          And('partition "p-0" of "customerStats" advanced through one event', async () => {
            await advanceEach("customerStats", ["p-0"]);
          });
          Then(
            'listing the checkpoints of "orderTotals" <size> at a time gives "<pages>"',
            async () => {
              const limit = Number(variables.size);
              const pages: string[][] = [];
              let after: string | undefined;
              for (let read = 0; read < 10; read += 1) {
                const page = await world.t.query(api.partitions.listCheckpoints, {
                  projection: "orderTotals",
                  limit,
                  ...(after !== undefined && { after }),
                });
                expect(page.checkpoints.length).toBeLessThanOrEqual(limit);
                expect(page.checkpoints.every((c) => c.projection === "orderTotals")).toBe(true);
                pages.push(page.checkpoints.map((c) => c.partitionKey));
                if (page.isDone) break;
                after = page.checkpoints.at(-1)?.partitionKey;
              }
              expect(pages).toEqual(String(variables.pages).split(" / ").map(list));
            },
          );
        },
      );
      RuleScenario("A checkpoint page limit outside 1 to MAX_PAGE_SIZE is refused", ({ When }) => {
        When(
          "the checkpoints of {string} are listed {int} at a time",
          async (_ctx, projection: string, limit: number) => {
            await attempt(world, () =>
              world.t.query(api.partitions.listCheckpoints, { projection, limit }),
            );
          },
        );
      });
    },
  );
});
