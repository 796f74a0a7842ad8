// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { afterAll, expect, vi } from "vitest";
import { MAX_PUBLICATION_PAGE } from "../../src/index.js";
import type { PublicationRecord, PublicationStatus } from "../../src/index.js";
import { internal } from "../eventBusApp/convex/_generated/api.js";
import { eventBusWorld } from "../support/eventBusWorld.js";
import { captureAsyncError, featurePath, listFrom } from "../support/helpers.js";

const feature = await loadFeature(featurePath("event-bus-dead-letters.feature"));

describeFeature(feature, ({ Rule, Background, defineSteps }) => {
  const bus = eventBusWorld();
  const { state, app, publication, publicationIdOf, refusedNaming, retry } = bus;
  afterAll(() => {
    vi.useRealTimers();
  });

  Background(({ Given, And }) => {
    Given("the event bus test app", bus.start);
    And("counter {string} was created at {int} and its events delivered", bus.createCounter);
  });

  defineSteps(({ Given, When, Then, And }) => {
    // A step keeps its keyword: steps that open a block and continue one are defined for both.
    When("counter {string} is incremented by {int} in correlation {string}", bus.increment);
    And("the pools run", bus.runPools);
    When("the pools run again", bus.runPools);
    for (const keyword of [Given, And]) {
      keyword(
        "counter {string} was incremented by {int} in correlation {string} and the pools ran",
        async (ctx, counterId: string, by: number, correlationId: string) => {
          await bus.increment(ctx, counterId, by, correlationId);
          await bus.runPools();
        },
      );
    }
    for (const keyword of [Then, And]) {
      keyword("its publication to {string} is {string} after {int} attempt", bus.isAfter);
      keyword("its publication to {string} is {string} after {int} attempts", bus.isAfter);
    }
    Given("the audit trail fails every attempt", () => bus.failAuditTrail());
    And("its last error is {string}", bus.lastErrorIs);
    And("the audit trail holds the event once, from attempt {int}", bus.auditHoldsOnceFrom);
    And("the stats count {int} {string} for {string} and {int} for {string}", bus.statsCount);
  });

  Rule(
    "A failing delivery is retried with backoff, then dead-lettered by onComplete",
    ({ RuleScenario }) => {
      RuleScenario("A transient failure is retried and delivered", (s) => {
        s.Given(
          "the audit trail fails every attempt before attempt {int}",
          async (_ctx, untilAttempt: number) => {
            await bus.failAuditTrail(untilAttempt);
          },
        );
      });

      RuleScenario(
        "A subscriber that always fails is dead-lettered after its last attempt",
        (s) => {
          s.And("the audit trail holds nothing for the event", async () => {
            // The failed attempts' writes rolled back with them.
            expect(
              await app().query(internal.inspect.auditEntriesOf, { eventId: state.value.eventId }),
            ).toEqual([]);
          });
          s.And(
            "the dead letters of {string} are the publication to {string}",
            async (_ctx, context: string, subscription: string) => {
              const { page, isDone } = await app().query(internal.eventBus.listDeadLetters, {
                targetContext: context,
                paginationOpts: { cursor: null, numItems: 10 },
              });
              expect(isDone).toBe(true);
              expect(page).toEqual([await publication(subscription)]);
              expect(page[0]).toMatchObject({ deadLetteredAt: expect.any(Number), maxAttempts: 3 });
            },
          );
        },
      );
    },
  );

  Rule("Operators list, count, retry and ignore dead letters", ({ RuleScenario }) => {
    RuleScenario(
      "A dead letter retried after the fault is removed is delivered exactly once",
      (s) => {
        s.When("the fault of the audit trail is removed", async () => {
          await app().mutation(internal.inspect.clearFaults, { subscription: "audit.trail" });
        });
        s.And("the operator retries the dead letter of {string}", async (_ctx, sub: string) => {
          const retried = await retry(sub);
          expect(retried).toEqual(await publication(sub));
        });
        s.Then(
          "its publication to {string} is {string} with {int} manual retry",
          async (_ctx, sub: string, status: string, manualRetries: number) => {
            expect(await publication(sub)).toMatchObject({
              status,
              manualRetries,
              attempts: 3,
              // The new job may make 3 more attempts.
              maxAttempts: 6,
            });
          },
        );
      },
    );

    RuleScenario("An ignored dead letter is never delivered", (s) => {
      s.When(
        "the operator ignores the dead letter of {string} because {string}",
        async (_ctx, sub: string, reason: string) => {
          await app().mutation(internal.eventBus.ignoreDeadLetter, {
            publicationId: publicationIdOf(sub),
            reason,
          });
        },
      );
      s.Then(
        "its publication to {string} is {string} with the reason {string}",
        async (_ctx, sub: string, status: string, ignoredReason: string) => {
          expect(await publication(sub)).toMatchObject({ status, ignoredReason, attempts: 3 });
        },
      );
      s.And(
        "retrying it is refused with {string} naming {string}",
        async (ctx, code: string, text: string) => {
          state.value.error = await captureAsyncError(() => retry(state.value.subscription));
          refusedNaming(ctx, code, text);
        },
      );
    });

    RuleScenario("Dead letters are listed and counted by target context, page by page", (s) => {
      s.When(
        "the dead letters of {string} are listed {int} per page",
        async (_ctx, context: string, numItems: number) => {
          let cursor: string | null = null;
          for (;;) {
            const result: { page: PublicationRecord[]; isDone: boolean; continueCursor: string } =
              await app().query(internal.eventBus.listDeadLetters, {
                targetContext: context,
                paginationOpts: { cursor, numItems },
              });
            if (result.page.length > 0) state.value.pages.push(result.page);
            if (result.isDone) break;
            cursor = result.continueCursor;
          }
        },
      );
      s.Then(
        "{int} pages list the publications of {string}",
        (_ctx, pages: number, correlations: string) => {
          expect(state.value.pages).toHaveLength(pages);
          expect(state.value.pages.flat().map((p) => p.correlationId)).toEqual(
            listFrom(correlations),
          );
          for (const p of state.value.pages.flat()) {
            expect(p).toMatchObject({ status: "dead_lettered", targetContext: "audit" });
          }
        },
      );
      s.And(
        "counting {string} {string} {int} per page gives {int}",
        async (_ctx, context: string, status: string, pageSize: number, total: number) => {
          let count = 0;
          let cursor: string | null = null;
          for (;;) {
            const page: { count: number; isDone: boolean; continueCursor: string } =
              await app().query(internal.eventBus.countPublications, {
                targetContext: context,
                status: status as PublicationStatus,
                cursor,
                pageSize,
              });
            expect(page.count).toBeLessThanOrEqual(pageSize);
            count += page.count;
            if (page.isDone) break;
            cursor = page.continueCursor;
          }
          expect(count).toBe(total);
        },
      );
      s.And(
        "a listing of more than {int} rows per page is refused with {string}",
        async (_ctx, max: number, code: string) => {
          expect(MAX_PUBLICATION_PAGE).toBe(max);
          state.value.error = await captureAsyncError(() =>
            app().query(internal.eventBus.listDeadLetters, {
              targetContext: "audit",
              paginationOpts: { cursor: null, numItems: max + 1 },
            }),
          );
          refusedNaming(undefined, code, `from 1 to ${max} (got ${max + 1})`);
        },
      );
      s.And("{string} has no dead letter", async (_ctx, context: string) => {
        const { page } = await app().query(internal.eventBus.listDeadLetters, {
          targetContext: context,
          paginationOpts: { cursor: null, numItems: 10 },
        });
        expect(page).toEqual([]);
      });
    });
  });
});
