// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { afterAll, expect, vi } from "vitest";
import { vDeliveryAttemptResult, vDeliveryInfo, vPublishedDelivery } from "../../src/index.js";
import { internal } from "../eventBusApp/convex/_generated/api.js";
import { eventBusWorld } from "../support/eventBusWorld.js";
import { captureAsyncError, featurePath, listFrom } from "../support/helpers.js";

const feature = await loadFeature(featurePath("event-bus.feature"));

describeFeature(feature, ({ Rule, Background, defineSteps }) => {
  const bus = eventBusWorld();
  const { state, app, publication, publicationIdOf, refusedNaming, retry } = bus;
  afterAll(() => {
    vi.useRealTimers();
  });
  const publishRaw = async (eventType: string, boundedContext: string) => {
    const event = {
      eventId: `raw-${eventType}-${boundedContext}`,
      eventType,
      boundedContext,
      streamType: "Counter",
      streamId: "k-1",
      payload: { counterId: "k-1", value: 1 },
      metadata: { correlationId: "corr-raw", timestamp: 1 },
    };
    state.value.eventId = event.eventId;
    state.value.published = await app().mutation(internal.inspect.publishRaw, { event });
  };

  Background(({ Given, And }) => {
    Given("the event bus test app", bus.start);
    And("counter {string} was created at {int} and its events delivered", bus.createCounter);
  });

  defineSteps(({ Given, When, Then, And }) => {
    // A step keeps its keyword: steps that open a block and continue one are defined for both.
    When("counter {string} is incremented by {int} in correlation {string}", bus.increment);
    When("the pools run", bus.runPools);
    Given(
      "counter {string} was incremented by {int} in correlation {string} and the pools ran",
      async (ctx, counterId: string, by: number, correlationId: string) => {
        await bus.increment(ctx, counterId, by, correlationId);
        await bus.runPools();
      },
    );
    for (const keyword of [Then, And]) {
      keyword("its publication to {string} is {string} after {int} attempt", bus.isAfter);
    }
    Then("the event was enqueued for {string} in that order", (_ctx, subscriptions: string) => {
      const publications = state.value.published?.publications ?? [];
      expect(publications.map((p) => p.subscription)).toEqual(listFrom(subscriptions));
      for (const p of publications) {
        expect(Object.keys(p).sort()).toEqual(Object.keys(vPublishedDelivery.fields).sort());
        expect(p).toMatchObject({ enqueued: true, status: "pending" });
      }
    });
    And("the audit trail holds the event once, from attempt {int}", bus.auditHoldsOnceFrom);
  });

  Rule(
    "Every publication is tracked per subscriber and delivered with its correlation",
    ({ RuleScenario }) => {
      RuleScenario("An event reaches each of its subscribers, most urgent first", (s) => {
        s.And(
          "its publications to {string} are {string}",
          async (_ctx, subscriptions: string, status: string) => {
            for (const subscription of listFrom(subscriptions)) {
              expect(await publication(subscription)).toMatchObject({
                status,
                attempts: 0,
                eventType: "CounterIncremented",
                sourceContext: "counters",
              });
            }
          },
        );
        s.And(
          "the audit trail holds the event once, in correlation {string}, caused by its command",
          async (_ctx, correlationId: string) => {
            expect(
              await app().query(internal.inspect.auditEntriesOf, { eventId: state.value.eventId }),
            ).toEqual([
              {
                eventType: "CounterIncremented",
                correlationId,
                causationId: state.value.commandId,
                publicationId: publicationIdOf("audit.trail"),
                attempt: 1,
              },
            ]);
            // Subscribers learn which delivery they run in.
            expect(Object.keys(vDeliveryInfo.fields)).toEqual([
              "publicationId",
              "subscription",
              "targetContext",
              "attempt",
            ]);
            // The bus keeps the event as the store returned it, correlation included.
            const stored = await app().query(internal.inspect.storedEvent, {
              eventId: state.value.eventId,
            });
            expect(stored?.metadata).toMatchObject({
              correlationId,
              causationId: state.value.commandId,
              commandId: state.value.commandId,
              userId: "alice",
            });
          },
        );
        s.And(
          "a notification says counter {string} is at {int}",
          async (_ctx, counterId: string, value: number) => {
            expect(
              await app().query(internal.inspect.notificationsOf, { eventId: state.value.eventId }),
            ).toEqual([{ counterId, value }]);
          },
        );
      });

      RuleScenario("Each priority runs on its own Workpool", (s) => {
        const isJobOf = async (_ctx: unknown, subscription: string, pool: string) => {
          const { workId, priority } = await publication(subscription);
          expect(priority).toBe(pool);
          const other = pool === "high" ? "normal" : "high";
          expect(await app().query(internal.inspect.jobState, { pool, workId } as never)).toBe(
            "pending",
          );
          // The other pool does not know the job.
          expect(
            await app().query(internal.inspect.jobState, { pool: other, workId } as never),
          ).toBe("finished");
        };
        s.Then("the publication to {string} is a job of the {string} pool", isJobOf);
        s.And("the publication to {string} is a job of the {string} pool", isJobOf);
      });

      RuleScenario(
        "A subscription that names its source contexts skips other contexts' events",
        (s) => {
          s.When(
            "a {string} event of {string} is published",
            async (_ctx, type: string, bc: string) => publishRaw(type, bc),
          );
        },
      );

      RuleScenario("An event nobody subscribes to is not tracked", (s) => {
        s.When(
          "a {string} event of {string} is published",
          async (_ctx, type: string, bc: string) => publishRaw(type, bc),
        );
        s.Then("nothing was enqueued for it", () => {
          expect(state.value.published).toEqual({ eventId: state.value.eventId, publications: [] });
        });
        s.And("no publication of it is tracked", async () => {
          expect(
            await app().query(internal.eventBus.publicationsOfEvent, {
              eventId: state.value.eventId,
            }),
          ).toEqual([]);
          expect(
            await app().query(internal.inspect.storedEvent, { eventId: state.value.eventId }),
          ).toBeNull();
        });
      });

      RuleScenario("An event without its correlation is refused", (s) => {
        s.When("an event without a correlationId is published", async () => {
          state.value.error = await captureAsyncError(() =>
            app().mutation(internal.inspect.publishRaw, {
              event: {
                eventId: "raw-1",
                eventType: "CounterIncremented",
                boundedContext: "counters",
                streamType: "Counter",
                streamId: "k-1",
                payload: {},
                metadata: { timestamp: 1 },
              },
            }),
          );
        });
        s.Then("publishing is refused with {string} naming {string}", refusedNaming);
      });
    },
  );

  Rule("A publication changes its subscriber's state at most once", ({ RuleScenario }) => {
    RuleScenario("Delivering a delivered publication again changes nothing", (s) => {
      s.When(
        "the delivery of its publication to {string} runs again",
        async (_ctx, sub: string) => {
          const publicationId = publicationIdOf(sub);
          // The whole Workpool job, then one attempt on its own: neither runs the subscriber.
          expect(await app().action(internal.eventBus.deliver, { publicationId })).toBeNull();
          state.value.attempt = await app().mutation(internal.eventBus.deliverAttempt, {
            publicationId,
          });
        },
      );
      s.Then("the attempt is skipped because the publication is {string}", (_ctx, status) => {
        expect(vDeliveryAttemptResult.members.map((m) => m.fields.status.value)).toEqual([
          "delivered",
          "skipped",
          "failed",
        ]);
        expect(state.value.attempt).toEqual({ status: "skipped", publicationStatus: status });
      });
    });

    RuleScenario("Publishing an event again enqueues nothing new", (s) => {
      s.When("the event is published again", async () => {
        state.value.published = await app().mutation(internal.orders.republish, {
          eventId: state.value.eventId,
        });
      });
      s.Then("no publication was enqueued, both are {string}", (_ctx, status: string) => {
        const publications = state.value.published?.publications ?? [];
        expect(publications).toHaveLength(2);
        for (const p of publications) expect(p).toMatchObject({ enqueued: false, status });
      });
      s.And(
        "after the pools run the audit trail holds the event once, from attempt {int}",
        async (ctx, attempt: number) => {
          await bus.runPools();
          await bus.auditHoldsOnceFrom(ctx, attempt);
        },
      );
    });

    RuleScenario("A late failure report does not undo a delivery", (s) => {
      s.When("Workpool reports the job of {string} failed", async (_ctx, sub: string) => {
        const { workId, publicationId } = await publication(sub);
        await app().mutation(internal.eventBus.onDeliveryComplete, {
          workId,
          context: { publicationId },
          result: { kind: "failed", error: "the job timed out" },
        });
      });
    });

    RuleScenario("Only a dead letter can be retried", (s) => {
      s.When("the publication to {string} is retried", async (_ctx, sub: string) => {
        state.value.subscription = sub;
        state.value.error = await captureAsyncError(() => retry(sub));
      });
      s.Then("the retry is refused with {string} naming {string}", refusedNaming);
    });
  });
});
