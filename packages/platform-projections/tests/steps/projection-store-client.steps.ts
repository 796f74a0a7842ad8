import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { ConvexError } from "convex/values";
import { expect } from "vitest";
import {
  DEFAULT_MAX_ATTEMPTS,
  INVALID_ARGUMENT,
  isProjectionsError,
} from "../../src/client/index.js";
import type { PoisonStatus, RouteEventsArgs } from "../../src/client/index.js";
import { internal } from "../app/_generated/api.js";
import { store } from "../app/store.js";
import { appTest } from "../support/convex.js";
import type { AppTest } from "../support/convex.js";
import { everyKeyword } from "../support/steps.js";
import { featurePath, list, positionOf, routedEvents } from "../support/world.js";

const feature = await loadFeature(featurePath("projection-store-client.feature", import.meta.url));

describeFeature(feature, ({ BeforeEachScenario, Rule, defineSteps }) => {
  let t: AppTest;
  let error: unknown;
  BeforeEachScenario(() => {
    t = appTest();
    error = undefined;
  });

  const page = (events: string, projection: string, from: number, to: number): RouteEventsArgs => ({
    projection,
    expectedPosition: from,
    nextPosition: to,
    events: routedEvents(events),
    unroutable: [],
  });

  defineSteps((keywords) => {
    const step = everyKeyword(keywords);
    step(
      "the app reads the cursor of {string} at {int}",
      async (projection: string, at: number) => {
        expect(await t.run((ctx) => store.getCursor(ctx, projection))).toBe(at);
      },
    );
    step(
      "the app routes {string} for {string} from {int} to {int}",
      async (events: string, projection: string, from: number, to: number) => {
        const routed = await t.run((ctx) =>
          store.routeEvents(ctx, page(events, projection, from, to)),
        );
        expect(routed).toEqual({ status: "routed", partitionKeys: ["order-a", "order-b"] });
      },
    );
    step(
      "the app routed {string} for {string} from {int} to {int}",
      async (events: string, projection: string, from: number, to: number) => {
        const routed = await t.run((ctx) =>
          store.routeEvents(ctx, page(events, projection, from, to)),
        );
        expect(routed.status).toBe("routed");
      },
    );
    step("the app's open failed jobs are {string}", async (names: string) => {
      const jobs = await t.query(internal.admin.openFailedJobs, {});
      expect(jobs.map((job) => `${job.projection}/${job.partitionKey}`)).toEqual(list(names));
    });
  });

  Rule("The client reaches every function of the component", ({ RuleScenario }) => {
    RuleScenario("A dispatch and a catch-up through the client", ({ And, Then }) => {
      And(
        "the app catches up partition {string} of {string}, applying every pending event",
        async (_ctx, partitionKey: string, projection: string) => {
          // The shape of a catch-up job: load after the checkpoint, then advance in the same
          // transaction through what was processed.
          const advanced = await t.run(async (ctx) => {
            const loaded = await store.loadPartition(ctx, { projection, partitionKey, limit: 10 });
            expect(loaded.checkpoint).toBeNull();
            expect(loaded.hasMore).toBe(false);
            const last = loaded.pending.at(-1)!;
            return await store.advance(ctx, {
              projection,
              partitionKey,
              throughPosition: last.globalPosition,
              lastEventId: last.eventId,
              applied: loaded.pending.length,
              skipped: 0,
            });
          });
          expect(advanced.hasMore).toBe(false);
        },
      );
      Then(
        "the app's checkpoint of partition {string} of {string} is at {string} with {int} applied",
        async (
          _ctx,
          partitionKey: string,
          projection: string,
          eventId: string,
          applied: number,
        ) => {
          const checkpoint = await t.query(internal.admin.checkpoint, { projection, partitionKey });
          expect(checkpoint).toMatchObject({
            lastPosition: positionOf(eventId),
            lastEventId: eventId,
            eventsApplied: applied,
            eventsSkipped: 0,
          });
          expect(
            await t.run((ctx) => store.getCheckpoint(ctx, { projection, partitionKey })),
          ).toEqual(checkpoint);
        },
      );
      And(
        "the app lists the checkpoints of {string} as {string}",
        async (_ctx, projection: string, partitionKeys: string) => {
          const page = await t.run((ctx) => store.listCheckpoints(ctx, { projection, limit: 10 }));
          expect(page.checkpoints.map((c) => c.partitionKey)).toEqual(list(partitionKeys));
          expect(page.isDone).toBe(true);
        },
      );
    });

    RuleScenario(
      "A failing event becomes a dead letter that the app ignores",
      ({ When, Then, And }) => {
        When(
          "the app records DEFAULT_MAX_ATTEMPTS failures of {string} in partition {string} of {string}",
          async (_ctx, eventId: string, partitionKey: string, projection: string) => {
            const statuses = await t.run(async (ctx) => {
              const answers = [];
              for (let i = 0; i < DEFAULT_MAX_ATTEMPTS; i += 1) {
                answers.push(
                  await store.recordFailure(ctx, {
                    projection,
                    partitionKey,
                    eventId,
                    globalPosition: positionOf(eventId),
                    error: `attempt ${i + 1} failed`,
                  }),
                );
              }
              return answers.map((answer) => answer.status);
            });
            expect(statuses).toEqual(["retrying", "retrying", "quarantined"]);
          },
        );
        Then(
          "the app reads the poison record of {string} for {string} as {string} after attempt {int}",
          async (_ctx, eventId: string, projection: string, status: string, attempts: number) => {
            const record = await t.run((ctx) => store.getPoisonEvent(ctx, { projection, eventId }));
            expect(record).toMatchObject({
              eventId,
              status,
              attempts,
              lastError: "attempt 3 failed",
            });
          },
        );
        And(
          "the app's dead letters of {string} are {string}",
          async (_ctx, projection: string, ids: string) => {
            const letters = await t.query(internal.admin.deadLetters, { projection });
            expect(letters.map((letter) => letter.eventId)).toEqual(list(ids));
          },
        );
        And(
          "the app's ignoreDeadLetter of {string} for {string} answers {string}",
          async (_ctx, eventId: string, projection: string, status: string) => {
            const answer = await t.mutation(internal.admin.ignoreDeadLetter, {
              projection,
              eventId,
            });
            expect(answer).toMatchObject({ status, record: { eventId, status: "ignored" } });
          },
        );
        And(
          "the app's {string} poison records of {string} are {string}",
          async (_ctx, status: string, projection: string, ids: string) => {
            const records = await t.query(internal.admin.deadLetters, {
              projection,
              status: status as PoisonStatus,
            });
            expect(records.map((record) => record.eventId)).toEqual(list(ids));
          },
        );
        And(
          "the app replays the dead letter {string} of {string} and is told {string}",
          async (_ctx, eventId: string, projection: string, status: string) => {
            const answer = await t.run((ctx) =>
              store.resolveDeadLetter(ctx, { projection, eventId, resolution: "replayed" }),
            );
            expect(answer).toMatchObject({ status, record: { eventId, status: "ignored" } });
          },
        );
      },
    );

    RuleScenario(
      "A failed catch-up job is recorded, listed and retried through the client",
      ({ When, And }) => {
        When(
          "the app records a failed job of partition {string} of {string} with {string}",
          async (_ctx, partitionKey: string, projection: string, message: string) => {
            const job = await t.run((ctx) =>
              store.recordJobFailure(ctx, { projection, partitionKey, error: message }),
            );
            expect(job).toMatchObject({
              partitionKey,
              error: message,
              failures: 1,
              status: "open",
            });
          },
        );
        And(
          "the app retries the failed job of partition {string} of {string}",
          async (_ctx, partitionKey: string, projection: string) => {
            const job = await t.run((ctx) =>
              store.resolveFailedJob(ctx, { projection, partitionKey, resolution: "retried" }),
            );
            expect(job).toMatchObject({ partitionKey, status: "retried" });
            const retried = await t.run((ctx) =>
              store.listFailedJobs(ctx, { status: "retried", limit: 10 }),
            );
            expect(retried.map((entry) => entry.partitionKey)).toEqual([partitionKey]);
          },
        );
      },
    );
  });

  Rule("Refusals cross the component boundary with their code", ({ RuleScenario }) => {
    RuleScenario(
      "A refused call is an INVALID_ARGUMENT error in the app",
      ({ When, Then, And }) => {
        When(
          "the app loads partition {string} of {string} with a limit of {int}",
          async (_ctx, partitionKey: string, projection: string, limit: number) => {
            try {
              await t.run((ctx) => store.loadPartition(ctx, { projection, partitionKey, limit }));
            } catch (thrown) {
              error = thrown;
            }
          },
        );
        Then(
          "the app's call is refused with INVALID_ARGUMENT saying {string}",
          (_ctx, message: string) => {
            expect(isProjectionsError(error), String(error)).toBe(true);
            expect(isProjectionsError(error) && error.data).toEqual({
              code: INVALID_ARGUMENT,
              message,
            });
          },
        );
        And("isProjectionsError is false for errors that are not the component's", () => {
          expect(isProjectionsError(new Error("limit must be an integer"))).toBe(false);
          expect(isProjectionsError(new ConvexError({ code: "STREAM_VERSION_CONFLICT" }))).toBe(
            false,
          );
          expect(isProjectionsError(new ConvexError("INVALID_ARGUMENT"))).toBe(false);
          expect(isProjectionsError({ data: { code: INVALID_ARGUMENT } })).toBe(false);
        });
      },
    );
  });
});
