// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { EventStore } from "@convex-es/platform-store";
import type { EventStoreComponent } from "@convex-es/platform-store";
import { Workpool } from "@convex-dev/workpool";
import type { WorkpoolComponent } from "@convex-dev/workpool";
import { expect, vi } from "vitest";
import {
  DEFAULT_DURABLE_RETRY,
  DurableAppend,
  idempotencyKeys,
  isStoredOnce,
  MAX_DEAD_LETTER_PAGE,
} from "../../src/index.js";
import type { DurableAppendDeadLetter, IdempotentAppendResult } from "../../src/index.js";
import { internal } from "../durabilityApp/convex/_generated/api.js";
import {
  captureAsyncError,
  captureError,
  coreError,
  featurePath,
  world,
} from "../support/helpers.js";
import { durabilityApp, durabilityFailure, runBackground } from "../support/durabilityApp.js";
import type { DurabilityApp } from "../support/durabilityApp.js";

const feature = await loadFeature(featurePath("durable-append.feature"));

type KeySource = keyof typeof idempotencyKeys;

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  // The Background runs before BeforeEachScenario, so the app lives outside the reset state.
  let t: DurabilityApp | undefined;
  const state = world(() => ({
    key: "",
    error: undefined as unknown,
    answers: [] as IdempotentAppendResult[],
    existingEventId: "",
    deadLetterId: "",
  }));
  BeforeEachScenario(() => state.reset());
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const inputOf = (eventType: string, key: string, orderId: string) => ({
    stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
    event: {
      eventType,
      payload: { orderId },
      metadata: { correlationId: `corr-${orderId}` },
      idempotencyKey: key,
    },
  });
  const appendOnce = async (eventType: string, key: string, orderId: string) => {
    const answer = await app().mutation(
      internal.durableAppends.appendNow,
      inputOf(eventType, key, orderId),
    );
    state.value.answers.push(answer);
    return answer;
  };
  const appendDurably = async (_ctx: unknown, eventType: string, key: string, orderId: string) => {
    await app().mutation(internal.durableAppends.enqueue, inputOf(eventType, key, orderId));
  };
  const stream = (orderId: string) =>
    app().query(internal.durableAppends.readStream, { streamType: "Order", streamId: orderId });
  const openDeadLetters = () => app().query(internal.durableAppends.listDeadLetters, { limit: 10 });
  const setFault = async (target: string, failures: number) => {
    await app().mutation(internal.faults.setFault, { target, failures });
  };
  const background = () => runBackground(app());
  const retryDeadLetter = async () => {
    state.value.error = await captureAsyncError(() =>
      app().mutation(internal.durableAppends.retryDeadLetter, {
        deadLetterId: state.value.deadLetterId,
      }),
    );
  };
  const holdsOnce = async (_ctx: unknown, orderId: string, eventType: string) => {
    const events = await stream(orderId);
    expect(events.map((e) => e.eventType)).toEqual([eventType]);
  };
  const attemptsAre = async (_ctx: unknown, attempts: number) => {
    expect(await app().query(internal.faults.calls, { target: "appendJob" })).toBe(attempts);
  };
  const noOpenDeadLetters = async (_ctx: unknown, count: number) => {
    expect(await openDeadLetters()).toHaveLength(count);
  };
  const oneOpenDeadLetter = async (
    _ctx: unknown,
    key: string,
    eventType: string,
    reason: string,
    failures: number,
    error: string,
  ) => {
    const letters: DurableAppendDeadLetter[] = await openDeadLetters();
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    state.value.deadLetterId = letter.deadLetterId;
    expect(letter).toMatchObject({
      idempotencyKey: key,
      eventType,
      status: "open",
      reason,
      failures,
      error: error.replace("<existing>", state.value.existingEventId),
    });
  };
  const refusedWith = (_ctx: unknown, code: string, message: string) => {
    expect(durabilityFailure(state.value.error)).toEqual({ code, message });
  };

  Background(({ Given }) => {
    Given("the durability test app", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
      t = durabilityApp();
    });
  });

  Rule(
    "Idempotency keys name the logical event by its source",
    ({ RuleScenario, RuleScenarioOutline }) => {
      const build = (source: KeySource, parts: string) => {
        const values = parts.split(", ");
        state.value.error = captureError(() => {
          state.value.key =
            source === "scheduledJob"
              ? idempotencyKeys.scheduledJob(values[0]!, values[1]!, Number(values[2]))
              : (idempotencyKeys[source] as (...parts: string[]) => string)(...values);
        });
      };
      RuleScenarioOutline("A <source> key follows its pattern", ({ When, Then }, variables) => {
        When('the <source> key of "<parts>" is built', () => {
          build(variables.source as KeySource, String(variables.parts));
        });
        Then('the key is "<key>"', () => {
          expect(state.value.error).toBeUndefined();
          expect(state.value.key).toBe(variables.key);
        });
      });
      RuleScenario("A part that would make the key ambiguous is refused", ({ When, Then }) => {
        When("the sagaStep key of {string} is built", (_ctx, parts: string) =>
          build("sagaStep", parts),
        );
        Then("it is refused with INVALID_IDEMPOTENCY_KEY: {string}", (_ctx, message: string) => {
          expect(durabilityFailure(state.value.error)).toEqual({
            code: "INVALID_IDEMPOTENCY_KEY",
            message,
          });
        });
      });
      RuleScenario("A run time that is not a whole number is refused", ({ When, Then }) => {
        When("the scheduledJob key of {string} is built", (_ctx, parts: string) =>
          build("scheduledJob", parts),
        );
        Then("it is refused with INVALID_IDEMPOTENCY_KEY: {string}", (_ctx, message: string) => {
          expect(durabilityFailure(state.value.error)).toEqual({
            code: "INVALID_IDEMPOTENCY_KEY",
            message,
          });
        });
      });
    },
  );

  Rule("An idempotent append stores each logical event once", ({ RuleScenario }) => {
    RuleScenario("The same event appended three times is stored once", ({ When, Then, And }) => {
      When(
        "the event {string} with key {string} is appended to order {string} {int} times",
        async (_ctx, eventType: string, key: string, orderId: string, times: number) => {
          for (let i = 0; i < times; i++) await appendOnce(eventType, key, orderId);
        },
      );
      Then("the answers are {string}, all naming the same event", (_ctx, answers: string) => {
        expect(state.value.answers.map((a) => a.status)).toEqual(answers.split(", "));
        const stored = state.value.answers.filter(isStoredOnce);
        expect(stored).toHaveLength(state.value.answers.length);
        expect(new Set(stored.map((a) => a.eventId)).size).toBe(1);
      });
      And("the stream of order {string} holds {string} once", holdsOnce);
    });

    RuleScenario(
      "A key reused with other content is refused and audited",
      ({ Given, When, Then, And }) => {
        Given(
          "the event {string} with key {string} was appended to order {string}",
          async (_ctx, eventType: string, key: string, orderId: string) => {
            const first = await appendOnce(eventType, key, orderId);
            if (!isStoredOnce(first)) throw new Error("the first append was refused");
            state.value.existingEventId = first.eventId;
            state.value.answers = [];
          },
        );
        When(
          "the event {string} with key {string} is appended to order {string}",
          async (_ctx, eventType: string, key: string, orderId: string) => {
            await appendOnce(eventType, key, orderId);
          },
        );
        Then("the answers are {string}", (_ctx, answers: string) => {
          expect(state.value.answers.map((a) => a.status)).toEqual([answers]);
          expect(state.value.answers[0]).toMatchObject({
            existingEventId: state.value.existingEventId,
          });
        });
        And(
          "the store audited the key {string} reused by {string}",
          async (_ctx, key: string, eventType: string) => {
            expect(
              await app().query(internal.durableAppends.idempotencyConflicts, {
                idempotencyKey: key,
              }),
            ).toEqual([
              { existingEventId: state.value.existingEventId, attemptedEventType: eventType },
            ]);
          },
        );
        And("the stream of order {string} holds {string} once", holdsOnce);
      },
    );
  });

  Rule(
    "A durable append retries until its event is stored, and stores it once",
    ({ RuleScenario }) => {
      RuleScenario(
        "An outage shorter than the retries loses nothing",
        ({ Given, When, Then, And }) => {
          Given("the first {int} append attempts fail", (_ctx, n: number) =>
            setFault("appendJob", n),
          );
          When(
            "the event {string} with key {string} is appended durably to order {string}",
            appendDurably,
          );
          And("the background work runs", background);
          Then("the append attempts are {int}", attemptsAre);
          And("the stream of order {string} holds {string} once", holdsOnce);
          And("there are {int} open dead letters", noOpenDeadLetters);
        },
      );

      RuleScenario(
        "An attempt whose acknowledgement is lost does not store the event twice",
        ({ Given, When, Then, And }) => {
          Given("the first {int} append acknowledgements are lost", (_ctx, n: number) =>
            setFault("appendAck", n),
          );
          When(
            "the event {string} with key {string} is appended durably to order {string}",
            appendDurably,
          );
          And("the background work runs", background);
          Then("the append attempts are {int}", attemptsAre);
          And("the stream of order {string} holds {string} once", holdsOnce);
          And("there are {int} open dead letters", noOpenDeadLetters);
        },
      );
    },
  );

  Rule(
    "An append that keeps failing becomes a dead letter that survives and can be retried",
    ({ RuleScenario }) => {
      const deadLettered = async (
        _ctx: unknown,
        eventType: string,
        key: string,
        orderId: string,
      ) => {
        await appendDurably(_ctx, eventType, key, orderId);
        await background();
        const letters = await openDeadLetters();
        expect(letters.map((l) => l.idempotencyKey)).toEqual([key]);
        state.value.deadLetterId = letters[0]!.deadLetterId;
      };
      const storeDown = () => setFault("eventStore", -1);

      RuleScenario(
        "The dead letter persists; a retry after the fault is removed stores the event once",
        ({ Given, When, Then, And }) => {
          Given("the event store is down", storeDown);
          When(
            "the event {string} with key {string} is appended durably to order {string}",
            appendDurably,
          );
          And("the background work runs", background);
          Then("the append attempts are {int}", attemptsAre);
          And("the stream of order {string} holds no event", async (_ctx, orderId: string) => {
            expect(await stream(orderId)).toEqual([]);
          });
          And(
            "one open dead letter holds key {string} for {string}, reason {string}, failure count {int} and the error {string}",
            oneOpenDeadLetter,
          );
          When("the event store is back", () => setFault("eventStore", 0));
          And("the operator retries the dead letter", retryDeadLetter);
          And("the retry runs in the background", background);
          Then("the dead letter is resolved with the id of the stored event", async () => {
            expect(state.value.error).toBeUndefined();
            const [resolved] = await app().query(internal.durableAppends.listDeadLetters, {
              status: "resolved",
              limit: 10,
            });
            const [event] = await stream("o-4");
            expect(resolved).toMatchObject({
              deadLetterId: state.value.deadLetterId,
              status: "resolved",
              eventId: event?.eventId,
            });
          });
          And("the stream of order {string} holds {string} once", holdsOnce);
          And("there are {int} open dead letters", noOpenDeadLetters);
        },
      );

      RuleScenario(
        "A retry that fails again reopens the dead letter with one more failure",
        ({ Given, When, Then, And }) => {
          Given("the event store is down", storeDown);
          And(
            "the event {string} with key {string} was appended durably to order {string} and dead-lettered",
            deadLettered,
          );
          When("the operator retries the dead letter", retryDeadLetter);
          And("the background work runs", background);
          Then(
            "one open dead letter holds key {string} for {string}, reason {string}, failure count {int} and the error {string}",
            oneOpenDeadLetter,
          );
          And("the stream of order {string} holds no event", async (_ctx, orderId: string) => {
            expect(await stream(orderId)).toEqual([]);
          });
        },
      );

      RuleScenario(
        "A key reused with other content is dead-lettered at once, not retried",
        ({ Given, When, Then, And }) => {
          Given(
            "the event {string} with key {string} was appended to order {string}",
            async (_ctx, eventType: string, key: string, orderId: string) => {
              const first = await appendOnce(eventType, key, orderId);
              if (!isStoredOnce(first)) throw new Error("the first append was refused");
              state.value.existingEventId = first.eventId;
            },
          );
          When(
            "the event {string} with key {string} is appended durably to order {string}",
            appendDurably,
          );
          And("the background work runs", background);
          Then("the append attempts are {int}", attemptsAre);
          And(
            "one open dead letter holds key {string} for {string}, reason {string}, failure count {int} and the error {string}",
            oneOpenDeadLetter,
          );
        },
      );

      RuleScenario("Only an open dead letter can be retried", ({ Given, When, Then, And }) => {
        Given("the event store is down", storeDown);
        And(
          "the event {string} with key {string} was appended durably to order {string} and dead-lettered",
          deadLettered,
        );
        When("the operator retries the dead letter", retryDeadLetter);
        And("the operator retries the dead letter again", retryDeadLetter);
        Then(
          "the second retry is refused with DEAD_LETTER_NOT_RETRYABLE: {string}",
          (_ctx, message: string) => {
            refusedWith(
              _ctx,
              "DEAD_LETTER_NOT_RETRYABLE",
              message.replace("<id>", state.value.deadLetterId),
            );
          },
        );
        And(
          "a retry of the unknown dead letter {string} is refused with DEAD_LETTER_NOT_FOUND",
          async (_ctx, id: string) => {
            state.value.deadLetterId = id;
            await retryDeadLetter();
            expect(durabilityFailure(state.value.error).code).toBe("DEAD_LETTER_NOT_FOUND");
          },
        );
      });

      RuleScenario("A page of dead letters holds 1 to 500 of them", ({ When, Then }) => {
        When("the dead letters are listed {int} at a time", async (_ctx, limit: number) => {
          expect(limit).toBe(MAX_DEAD_LETTER_PAGE + 1);
          state.value.error = await captureAsyncError(() =>
            app().query(internal.durableAppends.listDeadLetters, { limit }),
          );
        });
        Then("the listing is refused with INVALID_LIMIT: {string}", (_ctx, message: string) =>
          refusedWith(_ctx, "INVALID_LIMIT", message),
        );
      });
    },
  );

  Rule("Configuration is checked when the helper is built", ({ RuleScenario }) => {
    RuleScenario(
      "The default retry behavior is five attempts from 250 ms, doubling",
      ({ Then }) => {
        Then(
          "the default durable retry is {int} attempts, {int} ms initial backoff, base {int}",
          (_ctx, maxAttempts: number, initialBackoffMs: number, base: number) => {
            expect(DEFAULT_DURABLE_RETRY).toEqual({ maxAttempts, initialBackoffMs, base });
          },
        );
      },
    );
    RuleScenario("A retry behavior out of range is refused", ({ When, Then }) => {
      When("a DurableAppend is built with {int} attempts", (_ctx, maxAttempts: number) => {
        state.value.error = captureError(
          () =>
            new DurableAppend({
              eventStore: new EventStore({} as EventStoreComponent),
              workpool: new Workpool({} as WorkpoolComponent, {}),
              functions: () => {
                throw new Error("not reached");
              },
              retry: { maxAttempts, initialBackoffMs: 100, base: 2 },
            }),
        );
      });
      Then("it is refused with INVALID_DURABILITY_CONFIG: {string}", (_ctx, message: string) => {
        const error = coreError(state.value.error);
        expect(error.code).toBe("INVALID_DURABILITY_CONFIG");
        expect(error.message).toBe(message);
      });
    });
  });
});
