// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { idempotencyKeys } from "@convex-es/platform-core";
import type { IdempotentAppendResult } from "@convex-es/platform-core";
import { DEFAULT_SETTLE_MS } from "@convex-es/platform-store";
import { expect, vi } from "vitest";
import { internal as bankInternal } from "./support/bankApp/convex/_generated/api.js";
import { eventStore as bankEventStore } from "./support/bankApp/convex/bank.js";
import { open } from "./support/bankSteps.js";
import { newBankApp } from "./support/bankTestApp.js";
import type { BankApp } from "./support/bankTestApp.js";
import { app, durabilityApp, runBackground } from "./support/durabilityApp.js";
import { eventBusTargets } from "./support/durabilityFunctions.js";
import type { DurabilityApp } from "./support/durabilityApp.js";
import { createWorld } from "./support/world.js";

const feature = await loadFeature("./event-store-durability.feature");

const world = createWorld(() => ({
  t: undefined as DurabilityApp | undefined,
  key: "",
  answers: [] as IdempotentAppendResult[],
  eventIds: new Map<string, string>(),
}));

function t(): DurabilityApp {
  if (world.value.t === undefined) throw new Error("no durability app in this scenario");
  return world.value.t;
}
const list = (text: string) => (text === "" ? [] : text.split(", "));
const background = () => runBackground(t());
const setFault = async (target: string, failures: number) => {
  await t().mutation(app.faults.set, { target, failures });
};
async function appWithFault(target: string, failures: number) {
  world.value.t = durabilityApp();
  await setFault(target, failures);
}
const orderStream = (orderId: string) =>
  t().query(app.durability.eventTypes, { streamType: "Order", streamId: orderId });
async function streamHolds(_ctx: unknown, orderId: string, types: string) {
  expect(await orderStream(orderId)).toEqual(list(types));
}
async function calls(target: string): Promise<number> {
  return await t().query(app.faults.calls, { target });
}
async function placeOrder(_ctx: unknown, orderId: string) {
  world.value.eventIds.set(orderId, await t().mutation(app.publication.placeOrder, { orderId }));
}
async function publicationsOf(orderId: string) {
  const eventId = world.value.eventIds.get(orderId);
  if (eventId === undefined) throw new Error(`order ${orderId} was not placed`);
  return await t().query(app.publication.ofEvent, { eventId });
}
async function publicationsAre(_ctx: unknown, orderId: string, expected: string) {
  const found = (await publicationsOf(orderId)).map(
    (p) => `${p.targetContext}:${p.status}:${p.attempts}`,
  );
  expect(found.sort()).toEqual(list(expected).sort());
}
async function receivedOnce(_ctx: unknown, targets: string, orderId: string) {
  const eventId = world.value.eventIds.get(orderId);
  for (const targetContext of list(targets)) {
    const received = await t().query(app.publication.received, { targetContext });
    expect(received.filter((id) => id === eventId)).toEqual([eventId]);
  }
}
async function deadLettered(_ctx: unknown, orderId: string) {
  await placeOrder(_ctx, orderId);
  await background();
  const letter = await deadLetterOf(orderId);
  expect(letter.status).toBe("dead_lettered");
}
async function deadLetterOf(orderId: string) {
  const publications = await publicationsOf(orderId);
  const letters = await t().query(app.publication.deadLetters, { targetContext: "analytics" });
  const letter = letters.find((l) => publications.some((p) => p.publicationId === l.publicationId));
  if (letter === undefined) throw new Error(`no analytics dead letter for order ${orderId}`);
  return letter;
}
async function startPayment(_ctx: unknown, orderId: string) {
  await t().mutation(app.payments.start, { orderId });
}
async function appendTimes(
  _ctx: unknown,
  eventType: string,
  orderId: string,
  key: string,
  times: number,
) {
  for (let i = 0; i < times; i++) {
    world.value.answers.push(
      await t().mutation(app.durability.appendNow, { orderId, eventType, key }),
    );
  }
}
async function appendDurably(_ctx: unknown, eventType: string, orderId: string, key: string) {
  await t().mutation(app.durability.enqueue, {
    stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
    event: {
      eventType,
      payload: { orderId },
      metadata: { correlationId: orderId },
      idempotencyKey: key,
    },
  });
}
const submissionStream = (orderId: string) =>
  t().query(app.durability.eventTypes, { streamType: "OrderSubmission", streamId: orderId });
async function startSubmission(_ctx: unknown, orderId: string) {
  const started = await t().mutation(app.submissions.start, { orderId });
  expect(started.status).toBe("appended");
  if (started.status === "appended") world.value.eventIds.set(orderId, started.eventId);
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  BeforeEachScenario(() => world.reset());

  Rule("Action results are captured as events via onComplete mutation", ({ RuleScenario }) => {
    RuleScenario(
      "A call that fails twice and then succeeds is captured as one success event",
      ({ Given, When, Then, And }) => {
        Given(
          "a durability app whose payment gateway fails its next {int} calls",
          (_ctx, n: number) => appWithFault("paymentGateway", n),
        );
        When("the payment of order {string} is started through the outbox", startPayment);
        And("the background work runs", background);
        Then("the payment gateway was called {int} times", async (_ctx, n: number) => {
          expect(await calls("paymentGateway")).toBe(n);
        });
        And("the stream of order {string} holds {string}", streamHolds);
      },
    );
    RuleScenario(
      "A call that never succeeds is captured as one failure event",
      ({ Given, When, Then, And }) => {
        Given("a durability app whose payment gateway fails every call", () =>
          appWithFault("paymentGateway", -1),
        );
        When("the payment of order {string} is started through the outbox", startPayment);
        And("the background work runs", background);
        Then("the stream of order {string} holds {string}", streamHolds);
      },
    );
  });

  Rule(
    "Event append is idempotent using idempotency keys",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "The key of a <source> names the logical event",
        ({ When, Then }, variables) => {
          When('the idempotency key of the <source> "<parts>" is built', () => {
            const [a, b, c] = String(variables.parts).split(", ") as [string, string, string];
            const builders: Record<string, () => string> = {
              "command result": () => idempotencyKeys.commandResult(a, b, c),
              "action result": () => idempotencyKeys.actionResult(a, b),
              "saga step": () => idempotencyKeys.sagaStep(a, b, c),
              "scheduled job": () => idempotencyKeys.scheduledJob(a, b, Number(c)),
            };
            world.value.key = builders[String(variables.source)]!();
          });
          Then('it is "<key>"', () => {
            expect(world.value.key).toBe(variables.key);
          });
        },
      );

      RuleScenario(
        "An event appended three times under its key is stored once",
        ({ Given, When, Then, And }) => {
          Given("a durability app", () => appWithFault("none", 0));
          When(
            "{string} is appended to order {string} under the key {string} {int} times",
            appendTimes,
          );
          Then("the appends answer {string} with one event id", (_ctx, answers: string) => {
            expect(world.value.answers.map((a) => a.status)).toEqual(list(answers));
            const ids = world.value.answers.flatMap((a) => ("eventId" in a ? [a.eventId] : []));
            expect(new Set(ids).size).toBe(1);
          });
          And("the stream of order {string} holds {string}", streamHolds);
        },
      );

      RuleScenario(
        "A key reused with other content is refused, audited and stores nothing",
        ({ Given, When, Then, And }) => {
          Given("a durability app", () => appWithFault("none", 0));
          When(
            "{string} is appended to order {string} under the key {string} {int} times",
            appendTimes,
          );
          And(
            "{string} is appended to order {string} under the key {string} {int} times",
            appendTimes,
          );
          Then("the appends answer {string} with one event id", (_ctx, answers: string) => {
            expect(world.value.answers.map((a) => a.status)).toEqual(list(answers));
            const [first, second] = world.value.answers;
            expect(second).toMatchObject({
              existingEventId: first && "eventId" in first ? first.eventId : "",
            });
          });
          And(
            "the store audited the reuse of {string} by {string}",
            async (_ctx, key: string, type: string) => {
              expect(await t().query(app.durability.conflicts, { idempotencyKey: key })).toEqual([
                type,
              ]);
            },
          );
          And("the stream of order {string} holds {string}", streamHolds);
        },
      );
    },
  );

  Rule("Cross-context events use Workpool-backed publication with tracking", ({ RuleScenario }) => {
    RuleScenario(
      "An event published to two contexts is tracked and delivered to each once",
      ({ Given, When, Then, And }) => {
        Given(
          "a durability app whose event bus delivers OrderPlaced to {string}",
          async (_ctx, targets: string) => {
            expect(eventBusTargets).toEqual(list(targets));
            await appWithFault("none", 0);
          },
        );
        When("order {string} is placed and its event published", placeOrder);
        And("the background work runs", background);
        Then("the publications of order {string} are {string}", publicationsAre);
        And("{string} each received the event of order {string} once", receivedOnce);
      },
    );
    RuleScenario(
      "A delivery that keeps failing is retried, then dead-lettered",
      ({ Given, When, Then, And }) => {
        Given("a durability app whose analytics context is down", () =>
          appWithFault("analytics", -1),
        );
        When("order {string} is placed and its event published", placeOrder);
        And("the background work runs", background);
        Then("the publications of order {string} are {string}", publicationsAre);
      },
    );
  });

  Rule("Long-running operations bracket with intent and completion events", ({ RuleScenario }) => {
    RuleScenario(
      "A completed operation holds its intent and its completion",
      ({ Given, When, Then, And }) => {
        Given("a durability app", () => appWithFault("none", 0));
        When("the submission of order {string} starts", startSubmission);
        And(
          "the submission of order {string} completes with {string}",
          async (_ctx, orderId: string, eventType: string) => {
            const done = await t().mutation(app.submissions.complete, { orderId, eventType });
            expect(done.status).toBe("appended");
          },
        );
        And("the background work runs", background);
        Then(
          "the submission stream of order {string} holds {string}",
          async (_ctx, orderId: string, types: string) => {
            expect(await submissionStream(orderId)).toEqual(list(types));
          },
        );
      },
    );
    RuleScenario(
      "An operation that never completes is abandoned once after its timeout",
      ({ Given, When, Then, And }) => {
        Given("a durability app", () => appWithFault("none", 0));
        When("the submission of order {string} starts", startSubmission);
        And("the background work runs", background);
        And("the timeout check of order {string} runs once more", async (_ctx, orderId: string) => {
          const status = await t().mutation(app.submissions.recheck, {
            orderId,
            intentEventId: world.value.eventIds.get(orderId)!,
          });
          expect(status).toBe("abandoned");
        });
        Then(
          "the submission stream of order {string} holds {string}",
          async (_ctx, orderId: string, types: string) => {
            expect(await submissionStream(orderId)).toEqual(list(types));
          },
        );
      },
    );
  });

  Rule("Failed event appends are recovered via Workpool actions", ({ RuleScenario }) => {
    const noneOpen = async () => {
      expect(await t().query(app.durability.openDeadLetters, {})).toEqual([]);
    };
    RuleScenario(
      "An outage shorter than the retries loses nothing and duplicates nothing",
      ({ Given, When, Then, And }) => {
        Given("a durability app whose next {int} append attempts fail", (_ctx, n: number) =>
          appWithFault("appendJob", n),
        );
        When(
          "{string} is appended durably to order {string} under the key {string}",
          appendDurably,
        );
        And("the background work runs", background);
        Then("the append was attempted {int} times", async (_ctx, n: number) => {
          expect(await calls("appendJob")).toBe(n);
        });
        And("the stream of order {string} holds {string}", streamHolds);
        And("no dead letter is open", noneOpen);
      },
    );
    RuleScenario(
      "An append that keeps failing is a dead letter until a retry stores it once",
      ({ Given, When, Then, And }) => {
        Given("a durability app whose event store is down", () => appWithFault("eventStore", -1));
        When(
          "{string} is appended durably to order {string} under the key {string}",
          appendDurably,
        );
        And("the background work runs", background);
        Then("one dead letter is open for the key {string}", async (_ctx, key: string) => {
          const open = await t().query(app.durability.openDeadLetters, {});
          expect(open.map((l) => l.idempotencyKey)).toEqual([key]);
        });
        And("the stream of order {string} holds {string}", streamHolds);
        When("the event store is back and the dead letter is retried", async () => {
          await setFault("eventStore", 0);
          const [letter] = await t().query(app.durability.openDeadLetters, {});
          await t().mutation(app.durability.retryDeadLetter, {
            deadLetterId: letter!.deadLetterId,
          });
          await background();
        });
        Then("the stream of order {string} holds {string}", streamHolds);
        And("no dead letter is open", noneOpen);
      },
    );
  });

  Rule("Malformed events are quarantined after repeated failures", ({ RuleScenario }) => {
    RuleScenario(
      "A malformed event is quarantined at the third failure and its account moves on",
      ({ Given, When, Then, And }) => {
        let bank: BankApp | undefined;
        const bankApp = () => {
          if (bank === undefined) throw new Error("no bank app in this scenario");
          return bank;
        };
        Given(
          "a bank app where teller {string} opened account {string}",
          async (_ctx, teller: string, accountId: string) => {
            vi.useFakeTimers();
            vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
            bank = newBankApp();
            const opened = await open(bankApp(), teller, accountId, "Ada", {
              commandId: "cmd-open",
            });
            expect(opened.status).toBe("executed");
          },
        );
        And(
          "a {string} event without a balance, then one leaving a balance of {int}, reach account {string}",
          async (_ctx, eventType: string, balanceAfter: number, accountId: string) => {
            const appended = await bankApp().run((ctx) =>
              bankEventStore.appendToStream(ctx, {
                stream: { streamType: "Account", streamId: accountId, boundedContext: "accounts" },
                expectedVersion: "any",
                events: [
                  { eventType, payload: { amount: "a lot" }, metadata: { correlationId: "bad" } },
                  {
                    eventType,
                    payload: { amount: 50, balanceAfter },
                    metadata: { correlationId: "good" },
                  },
                ],
              }),
            );
            expect(appended.status).toBe("success");
            if (appended.status === "success") world.value.key = appended.events[0]!.eventId;
          },
        );
        When("the events settle and the projections are dispatched and run", async () => {
          vi.setSystemTime(Date.now() + DEFAULT_SETTLE_MS + 1000);
          await bankApp().mutation(bankInternal.projections.dispatch, {});
          await bankApp().finishAllScheduledFunctions(vi.runAllTimers);
        });
        Then(
          "the accountBalances projection quarantined the malformed event after {int} attempts, its error naming {string}",
          async (_ctx, attempts: number, field: string) => {
            const letters = await bankApp().query(bankInternal.projections.listDeadLetters, {
              projection: "accountBalances",
              limit: 10,
            });
            expect(letters).toHaveLength(1);
            expect(letters[0]).toMatchObject({
              eventId: world.value.key,
              attempts,
              status: "quarantined",
            });
            expect(letters[0]?.lastError).toContain(field);
          },
        );
        And(
          "the accountBalances view shows account {string} at {int}",
          async (_ctx, accountId: string, balance: number) => {
            expect(
              await bankApp().query(bankInternal.reads.accountBalance, { accountId }),
            ).toMatchObject({ accountId, balance });
          },
        );
      },
    );
  });

  Rule("Failed publications are tracked and recoverable", ({ RuleScenario }) => {
    RuleScenario(
      "A dead letter is listed by its target context and retried to delivery",
      ({ Given, When, Then, And }) => {
        Given("a durability app whose analytics context is down", () =>
          appWithFault("analytics", -1),
        );
        And("order {string} was placed and its analytics delivery dead-lettered", deadLettered);
        When("the analytics context is back and the dead letter is retried", async () => {
          await setFault("analytics", 0);
          const letter = await deadLetterOf("o-12");
          await t().mutation(app.publication.retry, { publicationId: letter.publicationId });
          await background();
        });
        Then("the publications of order {string} are {string}", publicationsAre);
        And("{string} each received the event of order {string} once", receivedOnce);
      },
    );
    RuleScenario(
      "A dead letter can be ignored, and the stats count by target context and status",
      ({ Given, When, Then, And }) => {
        Given("a durability app whose analytics context is down", () =>
          appWithFault("analytics", -1),
        );
        And("order {string} was placed and its analytics delivery dead-lettered", deadLettered);
        And("order {string} was placed and its analytics delivery dead-lettered too", deadLettered);
        When(
          "the analytics dead letter of order {string} is ignored as {string}",
          async (_ctx, orderId: string, reason: string) => {
            const letter = await deadLetterOf(orderId);
            await t().mutation(app.publication.ignore, {
              publicationId: letter.publicationId,
              reason,
            });
          },
        );
        Then("the stats count {string}", async (_ctx, expected: string) => {
          const stats = await t().query(app.publication.stats, {});
          for (const count of list(expected)) expect(stats).toContain(count);
        });
      },
    );
  });
});
