// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { COUNTED_PUBLICATION_STATUSES, MAX_PUBLICATION_PAGE } from "../../src/index.js";
import type { Publication, PublicationStatus } from "../../src/index.js";
import { internal } from "../durabilityApp/convex/_generated/api.js";
import { publisher } from "../durabilityApp/convex/publication.js";
import { captureAsyncError, featurePath, listFrom, world } from "../support/helpers.js";
import { durabilityApp, durabilityFailure, runBackground } from "../support/durabilityApp.js";
import type { DurabilityApp } from "../support/durabilityApp.js";

const feature = await loadFeature(featurePath("event-publication.feature"));

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  // The Background runs before BeforeEachScenario, so the app lives outside the reset state.
  let t: DurabilityApp | undefined;
  const state = world(() => ({
    published: [] as { targetContext: string; publicationId: string; tracked: string }[][],
    error: undefined as unknown,
    eventIds: new Map<string, string>(),
  }));
  BeforeEachScenario(() => state.reset());
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const background = () => runBackground(app());
  const setFault = async (target: string, failures: number) => {
    await app().mutation(internal.faults.setFault, { target, failures });
  };
  const publish = async (_ctx: unknown, orderId: string, targets: string) => {
    state.value.error = await captureAsyncError(async () => {
      state.value.published.push(
        await app().mutation(internal.publication.placeOrder, {
          orderId,
          targets: listFrom(targets),
        }),
      );
    });
    const [event] = await app().query(internal.durableAppends.readStream, {
      streamType: "Order",
      streamId: orderId,
    });
    if (event !== undefined) state.value.eventIds.set(orderId, event.eventId);
  };
  const publications = (targetContext: string, status: PublicationStatus) =>
    app().query(internal.publication.list, { targetContext, status, limit: MAX_PUBLICATION_PAGE });
  const only = async (targetContext: string, status: PublicationStatus): Promise<Publication> => {
    const rows = await publications(targetContext, status);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  const received = async (_ctx: unknown, targetContext: string, orderId: string) => {
    expect(await app().query(internal.receivers.receivedBy, { targetContext })).toEqual([
      state.value.eventIds.get(orderId),
    ]);
  };
  const statsCount = async (
    _ctx: unknown,
    count: number,
    status: PublicationStatus,
    target: string,
    other: number,
  ) => {
    const stats = await app().query(internal.publication.stats, {});
    expect(stats).toHaveLength(
      publisher.targetContexts.length * COUNTED_PUBLICATION_STATUSES.length,
    );
    const countOf = (targetContext: string) =>
      stats.find((s) => s.targetContext === targetContext && s.status === status);
    expect(countOf(target)).toEqual({ targetContext: target, status, count, capped: false });
    expect(countOf("shipping")?.count).toBe(other);
  };
  const retry = async (targetContext: string, status: PublicationStatus) => {
    const publication = await only(targetContext, status);
    state.value.error = await captureAsyncError(() =>
      app().mutation(internal.publication.retry, { publicationId: publication.publicationId }),
    );
    return publication;
  };

  Background(({ Given, And }) => {
    Given("the durability test app", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
      t = durabilityApp();
    });
    And("deliveries are attempted {int} times", (_ctx, attempts: number) => {
      expect(publisher.retry.maxAttempts).toBe(attempts);
    });
  });

  Rule("Every publication is tracked, retried and delivered", ({ RuleScenario }) => {
    RuleScenario(
      "An event published to two contexts is delivered to each once",
      ({ When, Then, And }) => {
        When("order {string} is placed and published to {string}", publish);
        And("the background work runs", background);
        Then("{string} received the event of order {string} once", received);
        And("{string} received the event of order {string} once", received);
        And(
          "both publications are {string} after {int} run",
          async (_ctx, status: string, runs: number) => {
            for (const target of ["shipping", "analytics"]) {
              expect(await only(target, status as PublicationStatus)).toMatchObject({
                eventId: state.value.eventIds.get("o-1"),
                eventType: "OrderPlaced",
                sourceContext: "orders",
                targetContext: target,
                runs,
              });
            }
          },
        );
      },
    );

    RuleScenario(
      "Publishing the same event again tracks and delivers it once",
      ({ When, Then, And }) => {
        When("order {string} is placed and published to {string}", publish);
        And("order {string} is placed and published to {string} again", publish);
        And("the background work runs", background);
        Then(
          "the second publication answers {string} tracked with the same id",
          (_ctx, tracked: string) => {
            const [first, second] = state.value.published;
            expect(second).toEqual([{ ...first![0]!, tracked }]);
          },
        );
        And("{string} received the event of order {string} once", received);
      },
    );

    RuleScenario(
      "An unknown target context is refused before anything is tracked",
      ({ When, Then }) => {
        When("order {string} is placed and published to {string}", publish);
        Then(
          "it is refused with UNKNOWN_PUBLICATION_TARGET: {string}",
          async (_ctx, message: string) => {
            expect(durabilityFailure(state.value.error)).toEqual({
              code: "UNKNOWN_PUBLICATION_TARGET",
              message,
            });
            expect(await publications("billing", "pending")).toEqual([]);
          },
        );
      },
    );
  });

  Rule(
    "A delivery that keeps failing is a dead letter, recoverable by an operator",
    ({ RuleScenario }) => {
      const analyticsDown = () => setFault("analytics", -1);
      RuleScenario(
        "The dead letter keeps the last error and a retry after the fault delivers once",
        ({ Given, When, Then, And }) => {
          Given("the analytics context is down", analyticsDown);
          When("order {string} is placed and published to {string}", publish);
          And("the background work runs", background);
          Then("the analytics delivery was attempted {int} times", async (_ctx, n: number) => {
            expect(await app().query(internal.faults.calls, { target: "delivery:analytics" })).toBe(
              n,
            );
          });
          And("{string} received the event of order {string} once", received);
          And(
            "the analytics dead letters hold the event of order {string} with the error {string}",
            async (_ctx, orderId: string, lastError: string) => {
              expect(await only("analytics", "dead_letter")).toMatchObject({
                eventId: state.value.eventIds.get(orderId),
                status: "dead_letter",
                runs: 1,
                lastError,
              });
            },
          );
          And('the stats count {int} {string} for {string} and {int} for "shipping"', statsCount);
          When("the analytics context is back", () => setFault("analytics", 0));
          And("the operator retries the analytics dead letter", async () => {
            await retry("analytics", "dead_letter");
            expect(state.value.error).toBeUndefined();
          });
          And("the retry runs in the background", background);
          Then("{string} received the event of order {string} once", received);
          And(
            "the analytics publication is {string} after {int} runs",
            async (_ctx, status: string, runs: number) => {
              expect(await only("analytics", status as PublicationStatus)).toMatchObject({ runs });
            },
          );
          And(
            'the stats now count {int} {string} for {string} and {int} for "shipping"',
            statsCount,
          );
        },
      );

      RuleScenario(
        "An ignored dead letter is kept with its reason and no longer counted as a dead letter",
        ({ Given, When, Then, And }) => {
          Given("the analytics context is down", analyticsDown);
          And(
            "order {string} was placed, published to {string} and dead-lettered",
            async (_ctx, orderId: string, targets: string) => {
              await publish(_ctx, orderId, targets);
              await background();
              await only("analytics", "dead_letter");
            },
          );
          When(
            "the operator ignores the analytics dead letter because {string}",
            async (_ctx, reason: string) => {
              const letter = await only("analytics", "dead_letter");
              await app().mutation(internal.publication.ignore, {
                publicationId: letter.publicationId,
                reason,
              });
            },
          );
          Then(
            "the analytics publication is {string} with the reason {string}",
            async (_ctx, status: string, ignoredReason: string) => {
              expect(await only("analytics", status as PublicationStatus)).toMatchObject({
                ignoredReason,
              });
            },
          );
          And('the stats count {int} {string} for {string} and {int} for "shipping"', statsCount);
          And(
            'the stats also count {int} {string} for {string} and {int} for "shipping"',
            statsCount,
          );
        },
      );

      RuleScenario("Only a dead letter can be retried or ignored", ({ When, Then, And }) => {
        When("order {string} is placed and published to {string}", publish);
        And("the background work runs", background);
        And("the operator retries the shipping publication", async () => {
          const delivered = await retry("shipping", "delivered");
          state.value.eventIds.set("delivered", delivered.publicationId);
        });
        Then("it is refused with INVALID_PUBLICATION_STATUS: {string}", (_ctx, message: string) => {
          expect(durabilityFailure(state.value.error)).toEqual({
            code: "INVALID_PUBLICATION_STATUS",
            message: message.replace("<id>", state.value.eventIds.get("delivered")!),
          });
        });
      });
    },
  );
});
