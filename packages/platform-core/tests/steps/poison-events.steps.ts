// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { PoisonEventGuard } from "../../src/index.js";
import type { PoisonOutcome, PoisonRecord } from "../../src/index.js";
import { internal } from "../durabilityApp/convex/_generated/api.js";
import { alerts, guard } from "../durabilityApp/convex/orderTotals.js";
import {
  captureAsyncError,
  captureError,
  coreError,
  featurePath,
  world,
} from "../support/helpers.js";
import { durabilityApp, durabilityFailure, runBackground } from "../support/durabilityApp.js";
import type { DurabilityApp } from "../support/durabilityApp.js";

const feature = await loadFeature(featurePath("poison-events.feature"));

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  // The Background runs before BeforeEachScenario, so the app lives outside the reset state.
  let t: DurabilityApp | undefined;
  const state = world(() => ({
    eventIds: new Map<string, string>(),
    outcome: undefined as PoisonOutcome | undefined,
    error: undefined as unknown,
  }));
  BeforeEachScenario(() => {
    state.reset();
    alerts.clear();
  });
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const background = () => runBackground(app());
  const change = async (_ctx: unknown, orderId: string, amount: string | number) => {
    state.value.eventIds.set(
      String(amount),
      await app().mutation(internal.orderTotals.changeTotal, { orderId, amount }),
    );
  };
  const records = (): Promise<PoisonRecord[]> =>
    app().query(internal.orderTotals.poisonRecords, {});
  const quarantinedOnly = async (): Promise<PoisonRecord> => {
    const quarantined = await app().query(internal.orderTotals.quarantined, {});
    expect(quarantined).toHaveLength(1);
    return quarantined[0]!;
  };
  const quarantine = async (_ctx: unknown, orderId: string, amount: string) => {
    await change(_ctx, orderId, amount);
    await background();
    await quarantinedOnly();
  };
  const processAgain = async () => {
    state.value.outcome = await app().mutation(internal.orderTotals.processEvent, {
      eventId: state.value.eventIds.get("abc")!,
    });
  };
  const totalIs = async (_ctx: unknown, orderId: string, total: number) => {
    expect(await app().query(internal.orderTotals.totals, {})).toEqual([{ orderId, total }]);
  };

  Background(({ Given, And }) => {
    Given("the durability test app", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
      t = durabilityApp();
    });
    And(
      "the orderTotals projection quarantines an event after {int} failures",
      (_ctx, attempts: number) => {
        expect(guard.maxAttempts).toBe(attempts);
      },
    );
  });

  Rule("A malformed event is retried, then quarantined and skipped", ({ RuleScenario }) => {
    RuleScenario(
      "The malformed event is quarantined after 3 attempts and the next event still counts",
      ({ When, Then, And }) => {
        When("order {string} changes its total by {string}", change);
        And("order {string} changes its total by {int}", change);
        And("the background work runs", background);
        Then(
          "the event with {string} is quarantined after {int} attempts with the error {string}",
          async (_ctx, amount: string, attempts: number, lastError: string) => {
            expect(await quarantinedOnly()).toMatchObject({
              projection: "orderTotals",
              eventId: state.value.eventIds.get(amount),
              eventType: "OrderTotalChanged",
              status: "quarantined",
              attempts,
              lastError,
            });
          },
        );
        And("the total of order {string} is {int}", totalIs);
        And("one alert says {string} for that event", (_ctx, line: string) => {
          expect(alerts.messages()).toEqual([line]);
          expect(alerts.records[0]).toMatchObject({
            eventId: state.value.eventIds.get("abc"),
            attempts: 3,
          });
        });
      },
    );

    RuleScenario("The backoff doubles between attempts", ({ When, Then, And }) => {
      When("order {string} changes its total by {string}", change);
      And("the background work runs", background);
      Then(
        "the last attempt failed {int} ms after the first: {int} ms, then {int} ms later",
        async (_ctx, total: number, first: number, second: number) => {
          const record = await quarantinedOnly();
          expect(first).toBe(guard.initialBackoffMs);
          expect(second).toBe(guard.initialBackoffMs * 2);
          expect(record.lastFailedAt - record.firstFailedAt).toBe(total);
        },
      );
    });

    RuleScenario("A quarantined event is skipped from then on", ({ Given, When, Then, And }) => {
      Given(
        "order {string} changed its total by {string} and the event was quarantined",
        quarantine,
      );
      When("the projection processes that event again", processAgain);
      Then(
        "it answers {string} because the event is {string}",
        (_ctx, status: string, reason: string) => {
          expect(state.value.outcome).toEqual({ status, reason });
        },
      );
      And("the event still has {int} attempts", async (_ctx, attempts: number) => {
        expect((await quarantinedOnly()).attempts).toBe(attempts);
      });
    });

    RuleScenario(
      "A released event is processed again with a fresh count",
      ({ Given, When, Then, And }) => {
        Given(
          "order {string} changed its total by {string} and the event was quarantined",
          quarantine,
        );
        When("the operator releases the event", async () => {
          await app().mutation(internal.orderTotals.release, {
            eventId: state.value.eventIds.get("abc")!,
          });
          expect((await records()).map((r) => r.status)).toEqual(["released"]);
        });
        And("the projection processes that event again", processAgain);
        Then(
          "it answers {string} after {int} attempt, to retry in {int} ms",
          (_ctx, status: string, attempts: number, retryAfterMs: number) => {
            expect(state.value.outcome).toEqual({
              status,
              attempts,
              retryAfterMs,
              error: "OrderTotalChanged for o-4 has no numeric amount",
            });
          },
        );
      },
    );

    RuleScenario("Only a quarantined event can be released", ({ When, Then }) => {
      When("the operator releases the unknown event {string}", async (_ctx, eventId: string) => {
        state.value.error = await captureAsyncError(() =>
          app().mutation(internal.orderTotals.release, { eventId }),
        );
      });
      Then("it is refused with POISON_RECORD_NOT_FOUND: {string}", (_ctx, message: string) => {
        expect(durabilityFailure(state.value.error)).toEqual({
          code: "POISON_RECORD_NOT_FOUND",
          message,
        });
        const invalid = captureError(() => new PoisonEventGuard({ maxAttempts: 0 }));
        expect(coreError(invalid).code).toBe("INVALID_DURABILITY_CONFIG");
      });
    });
  });

  Rule("A transient failure leaves no record behind", ({ RuleScenario }) => {
    RuleScenario(
      "An event that fails once and then succeeds keeps no poison record",
      ({ Given, When, Then, And }) => {
        Given(
          "the orderTotals handler would fail once for order {string}",
          async (_ctx, orderId: string) => {
            expect(orderId).toBe("o-5");
            await app().mutation(internal.faults.setFault, { target: "orderTotals", failures: 1 });
          },
        );
        When("order {string} changes its total by {int}", change);
        And("the background work runs", background);
        Then("the total of order {string} is {int}", totalIs);
        And("no poison record is left", async () => {
          expect(await app().query(internal.faults.calls, { target: "orderTotals" })).toBe(2);
          expect(await records()).toEqual([]);
        });
      },
    );
  });
});
