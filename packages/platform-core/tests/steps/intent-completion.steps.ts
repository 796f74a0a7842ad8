// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { EventStore } from "@convex-es/platform-store";
import type { EventStoreComponent } from "@convex-es/platform-store";
import { expect, vi } from "vitest";
import { IntentCompletion } from "../../src/index.js";
import type { IdempotentAppendResult, TimeoutCheckResult } from "../../src/index.js";
import { internal } from "../durabilityApp/convex/_generated/api.js";
import { SUBMISSION_TIMEOUT_MS } from "../durabilityApp/convex/submissions.js";
import {
  captureAsyncError,
  captureError,
  coreError,
  featurePath,
  listFrom,
  world,
} from "../support/helpers.js";
import { durabilityApp, durabilityFailure, runBackground } from "../support/durabilityApp.js";
import type { DurabilityApp } from "../support/durabilityApp.js";

const feature = await loadFeature(featurePath("intent-completion.feature"));

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  // The Background runs before BeforeEachScenario, so the app lives outside the reset state.
  let t: DurabilityApp | undefined;
  const state = world(() => ({
    starts: [] as IdempotentAppendResult[],
    completion: undefined as IdempotentAppendResult | undefined,
    check: undefined as TimeoutCheckResult | undefined,
    startedAt: 0,
    error: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const background = () => runBackground(app());
  const start = async (_ctx: unknown, orderId: string) => {
    state.value.startedAt = Date.now();
    state.value.starts.push(await app().mutation(internal.submissions.start, { orderId }));
  };
  const complete = async (_ctx: unknown, orderId: string, eventType: string) => {
    state.value.error = await captureAsyncError(async () => {
      state.value.completion = await app().mutation(internal.submissions.complete, {
        orderId,
        eventType,
      });
    });
  };
  const events = (orderId: string) =>
    app().query(internal.durableAppends.readStream, {
      streamType: "OrderSubmission",
      streamId: orderId,
    });
  const holds = async (_ctx: unknown, orderId: string, types: string) => {
    expect((await events(orderId)).map((e) => e.eventType)).toEqual(listFrom(types));
  };
  const statusIs = async (_ctx: unknown, orderId: string, status: string, eventType?: string) => {
    expect(await app().query(internal.submissions.status, { orderId })).toEqual({
      status,
      ...(eventType === undefined ? {} : { eventType }),
    });
  };
  const scheduledChecks = () =>
    app().run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).filter(
        (job) => job.name.includes("checkTimeout") && job.state.kind === "pending",
      ),
    );
  const abandoned = async (_ctx: unknown, orderId: string) => {
    await start(_ctx, orderId);
    await background();
    const [, abandonment] = await events(orderId);
    expect(abandonment?.eventType).toBe("OrderSubmissionAbandoned");
  };

  Background(({ Given, And }) => {
    Given("the durability test app", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
      t = durabilityApp();
    });
    And("order submissions time out after {int} minutes", (_ctx, minutes: number) => {
      expect(SUBMISSION_TIMEOUT_MS).toBe(minutes * 60_000);
    });
  });

  Rule("An operation records its intent, then one completion", ({ RuleScenario }) => {
    RuleScenario(
      "A submission that completes in time is never abandoned",
      ({ When, Then, And }) => {
        When("the submission of order {string} starts", start);
        And("the submission of order {string} completes with {string}", complete);
        And("the background work runs", background);
        Then("the submission stream of order {string} holds {string}", holds);
        And("the submission of order {string} is {string} by {string}", statusIs);
      },
    );

    RuleScenario("An operation in progress shows as pending", ({ When, Then, And }) => {
      When("the submission of order {string} starts", start);
      Then("the submission of order {string} is {string}", statusIs);
      And("a timeout check is scheduled {int} ms after the start", async (_ctx, ms: number) => {
        const [check] = await scheduledChecks();
        expect(check?.scheduledTime).toBe(state.value.startedAt + ms);
      });
    });

    RuleScenario(
      "Starting twice records one intent and schedules one check",
      ({ When, Then, And }) => {
        When("the submission of order {string} starts", start);
        And("the submission of order {string} starts again", start);
        Then("the second start answers {string}", (_ctx, status: string) => {
          expect(state.value.starts.map((s) => s.status)).toEqual(["appended", status]);
        });
        And("the submission stream of order {string} holds {string}", holds);
        And("one timeout check is scheduled", async () => {
          expect(await scheduledChecks()).toHaveLength(1);
        });
      },
    );
  });

  Rule("An operation that never completes is abandoned after its timeout", ({ RuleScenario }) => {
    RuleScenario("The timeout check records the abandonment", ({ When, Then, And }) => {
      When("the submission of order {string} starts", start);
      And("{int} ms pass", async (_ctx, ms: number) => {
        vi.advanceTimersByTime(ms);
        await app().finishInProgressScheduledFunctions();
      });
      Then("the submission of order {string} is {string}", statusIs);
      When("the background work runs", background);
      Then("the submission stream of order {string} holds {string}", holds);
      And(
        "the abandonment names the intent event and the timeout of {int} ms",
        async (_ctx, timeoutMs: number) => {
          const [intent, abandonment] = await events("o-4");
          expect(abandonment?.payload).toEqual({
            operationType: "OrderSubmission",
            operationId: "o-4",
            intentEventId: intent?.eventId,
            timeoutMs,
          });
        },
      );
      And("the submission of order {string} is {string} by {string}", statusIs);
    });

    RuleScenario(
      "A check that runs twice records one abandonment",
      ({ Given, When, Then, And }) => {
        Given("the submission of order {string} started and was abandoned", abandoned);
        When("the timeout check of order {string} runs again", async (_ctx, orderId: string) => {
          const [intent] = await events(orderId);
          state.value.check = await app().mutation(internal.submissions.checkTimeout, {
            operationType: "OrderSubmission",
            operationId: orderId,
            stream: { streamType: "OrderSubmission", streamId: orderId, boundedContext: "orders" },
            intentEventId: intent!.eventId,
            metadata: { correlationId: `corr-${orderId}` },
          });
        });
        Then(
          "the check answers {string} with the stored abandonment",
          async (_ctx, status: string) => {
            const [, abandonment] = await events("o-5");
            expect(state.value.check).toEqual({
              status,
              eventId: abandonment?.eventId,
              eventType: "OrderSubmissionAbandoned",
            });
          },
        );
        And("the submission stream of order {string} holds {string}", holds);
      },
    );

    RuleScenario("A completion after the abandonment is refused", ({ Given, When, Then, And }) => {
      Given("the submission of order {string} started and was abandoned", abandoned);
      When("the submission of order {string} completes with {string}", complete);
      Then(
        "the completion answers {string} naming the abandonment",
        async (_ctx, status: string) => {
          const [, abandonment] = await events("o-6");
          expect(state.value.completion).toEqual({
            status,
            idempotencyKey: "OrderSubmission:o-6:outcome",
            existingEventId: abandonment?.eventId,
          });
        },
      );
      And("the submission stream of order {string} holds {string}", holds);
    });
  });

  Rule("Only declared operations and outcomes are recorded", ({ RuleScenario }) => {
    RuleScenario(
      "An event type that does not complete the operation is refused",
      ({ When, Then }) => {
        When("the submission of order {string} completes with {string}", complete);
        Then("it is refused with UNKNOWN_COMPLETION_EVENT: {string}", (_ctx, message: string) => {
          expect(durabilityFailure(state.value.error)).toEqual({
            code: "UNKNOWN_COMPLETION_EVENT",
            message,
          });
        });
      },
    );

    RuleScenario(
      "An operation whose abandonment is also a completion is refused when defined",
      ({ When, Then }) => {
        When(
          "an operation is declared with {string} among its completions",
          (_ctx, eventType: string) => {
            state.value.error = captureError(
              () =>
                new IntentCompletion({
                  eventStore: new EventStore({} as EventStoreComponent),
                  operations: {
                    OrderSubmission: {
                      intentEventType: "OrderSubmissionStarted",
                      completionEventTypes: ["OrderSubmitted", eventType],
                      abandonedEventType: "OrderSubmissionAbandoned",
                      timeoutMs: 1000,
                    },
                  },
                  functions: () => {
                    throw new Error("not reached");
                  },
                }),
            );
          },
        );
        Then("it is refused with INVALID_DURABILITY_CONFIG: {string}", (_ctx, message: string) => {
          const error = coreError(state.value.error);
          expect([error.code, error.message]).toEqual(["INVALID_DURABILITY_CONFIG", message]);
        });
      },
    );
  });
});
