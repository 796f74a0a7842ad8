// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { RunId } from "@convex-dev/action-retrier";
import { expect, vi } from "vitest";
import type { OutboxRunRecord } from "../../src/index.js";
import { internal } from "../durabilityApp/convex/_generated/api.js";
import { captureAsyncError, featurePath, world } from "../support/helpers.js";
import { durabilityApp, durabilityFailure, runBackground } from "../support/durabilityApp.js";
import type { DurabilityApp } from "../support/durabilityApp.js";

const feature = await loadFeature(featurePath("action-outbox.feature"));

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  // The Background runs before BeforeEachScenario, so the app lives outside the reset state.
  let t: DurabilityApp | undefined;
  const state = world(() => ({
    runIds: [] as string[],
    orderId: "",
    error: undefined as unknown,
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
  const startPayment = async (_ctx: unknown, orderId: string, amount: number) => {
    state.value.orderId = orderId;
    state.value.runIds.push(
      await app().mutation(internal.payments.startPayment, {
        orderId,
        amount,
        correlationId: `corr-${orderId}`,
      }),
    );
  };
  const startedAndCompleted = async (_ctx: unknown, orderId: string, amount: number) => {
    await startPayment(_ctx, orderId, amount);
    await background();
  };
  const stream = () =>
    app().query(internal.durableAppends.readStream, {
      streamType: "Order",
      streamId: state.value.orderId,
    });
  const run = async (index = 0): Promise<OutboxRunRecord> => {
    const record = await app().query(internal.payments.getRun, {
      runId: state.value.runIds[index]!,
    });
    if (record === null) throw new Error("no outbox run");
    return record;
  };
  const holdsExactly = async (_ctx: unknown, orderId: string, eventType: string) => {
    expect(orderId).toBe(state.value.orderId);
    expect((await stream()).map((e) => e.eventType)).toEqual([eventType]);
  };
  const gatewayCalls = async (_ctx: unknown, calls: number) => {
    expect(await app().query(internal.faults.calls, { target: "paymentGateway" })).toBe(calls);
  };
  const recordedWith = async (_ctx: unknown, outcome: string) => {
    const [event] = await stream();
    expect(await run()).toMatchObject({
      actionType: "payment",
      entityId: state.value.orderId,
      status: "recorded",
      outcome,
      eventId: event?.eventId,
    });
  };

  Background(({ Given }) => {
    Given("the durability test app", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
      t = durabilityApp();
    });
  });

  Rule("The final outcome of an external call becomes exactly one event", ({ RuleScenario }) => {
    RuleScenario(
      "A call that fails twice and then succeeds records one success, not three events",
      ({ Given, When, Then, And }) => {
        Given("the payment gateway fails its next {int} calls", (_ctx, n: number) =>
          setFault("paymentGateway", n),
        );
        When("the payment of order {string} for {int} is started", startPayment);
        And("the background work runs", background);
        Then("the payment gateway was called {int} times", gatewayCalls);
        And("the stream of order {string} holds exactly {string}", holdsExactly);
        And(
          "its payment event carries the charge {string} of {int}, the key {string} and the run id",
          async (_ctx, chargeId: string, amount: number, key: string) => {
            const [event] = await stream();
            expect(event).toMatchObject({
              idempotencyKey: key,
              payload: {
                orderId: state.value.orderId,
                charge: { chargeId, amount },
                runId: state.value.runIds[0],
              },
            });
          },
        );
        And("the run is recorded with outcome {string} and the id of that event", recordedWith);
      },
    );

    RuleScenario(
      "A call that fails every time records one failure",
      ({ Given, When, Then, And }) => {
        Given("the payment gateway fails every call", () => setFault("paymentGateway", -1));
        When("the payment of order {string} for {int} is started", startPayment);
        And("the background work runs", background);
        Then("the payment gateway was called {int} times", gatewayCalls);
        And("the stream of order {string} holds exactly {string}", holdsExactly);
        And("its failure event says {string}", async (_ctx, error: string) => {
          const [event] = await stream();
          expect(event?.payload).toEqual({
            orderId: state.value.orderId,
            error,
            runId: state.value.runIds[0],
          });
        });
        And("the run is recorded with outcome {string} and the id of that event", recordedWith);
      },
    );

    RuleScenario(
      "A callback delivered twice for the same run changes nothing",
      ({ Given, When, Then, And }) => {
        Given(
          "the payment of order {string} for {int} was started and completed",
          startedAndCompleted,
        );
        When("the retrier's callback for that run is delivered again", async () => {
          await app().mutation(internal.payments.onComplete, {
            runId: state.value.runIds[0]! as RunId,
            result: { type: "success", returnValue: { chargeId: "ch-other", amount: 1 } },
          });
        });
        Then("the stream of order {string} holds exactly {string}", holdsExactly);
        And("the run is recorded with outcome {string} and the id of that event", recordedWith);
      },
    );

    RuleScenario(
      "A second run for the same entity cannot record a second outcome",
      ({ Given, When, Then, And }) => {
        Given(
          "the payment of order {string} for {int} was started and completed",
          startedAndCompleted,
        );
        When("the payment of order {string} for {int} is started", startPayment);
        And("the background work runs", background);
        Then("the stream of order {string} holds exactly {string}", holdsExactly);
        And(
          "the second run is recorded {string} because the key {string} holds the first outcome",
          async (_ctx, status: string, key: string) => {
            const [first] = await stream();
            expect(await run(1)).toMatchObject({
              status,
              outcome: "success",
              refusal: `the key ${key} already holds event ${first?.eventId}`,
            });
          },
        );
      },
    );
  });

  Rule("An outcome whose append fails is kept by the durable append", ({ RuleScenario }) => {
    RuleScenario(
      "The store is down when the call completes; the outcome survives and is stored once",
      ({ Given, When, Then, And }) => {
        Given("the event store is down", () => setFault("eventStore", -1));
        When("the payment of order {string} for {int} is started", startPayment);
        And("the background work runs", background);
        Then(
          "the run is {string} to the durable append with outcome {string}",
          async (_ctx, status: string, outcome: string) => {
            const record = await run();
            expect(record).toMatchObject({ status, outcome });
            expect(record.workId).toEqual(expect.any(String));
            expect(record.eventId).toBeUndefined();
          },
        );
        And("the stream of order {string} holds no event", async (_ctx, orderId: string) => {
          expect(orderId).toBe(state.value.orderId);
          expect(await stream()).toEqual([]);
        });
        And(
          "one open dead letter holds the outcome {string} under the key {string}",
          async (_ctx, eventType: string, key: string) => {
            const letters = await app().query(internal.durableAppends.listDeadLetters, {
              limit: 10,
            });
            expect(letters.map((l) => [l.eventType, l.idempotencyKey])).toEqual([[eventType, key]]);
          },
        );
        When("the event store is back", () => setFault("eventStore", 0));
        And("the operator retries the dead letter", async () => {
          const [letter] = await app().query(internal.durableAppends.listDeadLetters, {
            limit: 10,
          });
          await app().mutation(internal.durableAppends.retryDeadLetter, {
            deadLetterId: letter!.deadLetterId,
          });
        });
        And("the retry runs in the background", background);
        Then("the stream of order {string} holds exactly {string}", holdsExactly);
      },
    );
  });

  Rule("Only configured actions run through the outbox", ({ RuleScenario }) => {
    RuleScenario(
      "An unknown action type is refused before anything runs",
      ({ When, Then, And }) => {
        When(
          "a payment of order {string} is started as the action type {string}",
          async (_ctx, orderId: string, actionType: string) => {
            state.value.error = await captureAsyncError(() =>
              app().mutation(internal.payments.startPayment, {
                orderId,
                amount: 1,
                correlationId: "corr",
                actionType,
              }),
            );
          },
        );
        Then("it is refused with UNKNOWN_OUTBOX_ACTION: {string}", (_ctx, message: string) => {
          expect(durabilityFailure(state.value.error)).toEqual({
            code: "UNKNOWN_OUTBOX_ACTION",
            message,
          });
        });
        And("the payment gateway was called {int} times", async (_ctx, calls: number) => {
          await background();
          expect(await app().query(internal.faults.calls, { target: "paymentGateway" })).toBe(
            calls,
          );
        });
      },
    );
  });
});
