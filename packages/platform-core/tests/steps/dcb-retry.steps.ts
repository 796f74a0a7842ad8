// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { FunctionReturnType } from "convex/server";
import { expect, vi } from "vitest";
import type { DcbRetryRecord } from "../../src/index.js";
import { internal } from "../durabilityApp/convex/_generated/api.js";
import { dcbRetry } from "../durabilityApp/convex/inventory.js";
import { captureAsyncError, featurePath, listFrom, world } from "../support/helpers.js";
import { durabilityApp, durabilityFailure, runBackground } from "../support/durabilityApp.js";
import type { DurabilityApp } from "../support/durabilityApp.js";

const feature = await loadFeature(featurePath("dcb-retry.feature"));

type Reservation = FunctionReturnType<typeof internal.inventory.reserve>;
const WAREHOUSE = { tenantId: "t1", warehouseId: "wh-1" };
const STATUSES = ["waiting", "running", "done", "failed"] as const;

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  // The Background runs before BeforeEachScenario, so the app lives outside the reset state.
  let t: DurabilityApp | undefined;
  const state = world(() => ({
    reservations: new Map<string, Reservation>(),
    last: undefined as Reservation | undefined,
    error: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const background = () => runBackground(app());
  const reserve = async (
    _ctx: unknown,
    reservationId: string,
    quantity: number,
    sku: string,
    expectedVersion: number,
  ) => {
    const reservation = await app().mutation(internal.inventory.reserve, {
      ...WAREHOUSE,
      sku,
      quantity,
      reservationId,
      expectedVersion,
    });
    state.value.reservations.set(reservationId, reservation);
    state.value.last = reservation;
  };
  const deferred = async (reservationId: string): Promise<DcbRetryRecord> => {
    const retryId = state.value.reservations.get(reservationId)?.retryId;
    if (retryId === undefined) throw new Error(`reservation ${reservationId} was not deferred`);
    return await app().query(internal.inventory.getRetry, { retryId });
  };
  const warehouseHolds = async (_ctx: unknown, events: string, scopeVersion: number) => {
    expect(await app().query(internal.warehouse.warehouse, WAREHOUSE)).toEqual({
      scopeVersion,
      events: listFrom(events),
    });
  };
  const doneAfter = async (
    _ctx: unknown,
    reservationId: string,
    status: string,
    attempts: number,
    resultStatus: string,
    scopeVersion: number,
  ) => {
    expect(await deferred(reservationId)).toMatchObject({
      operation: "reserveStock",
      scopeKey: "tenant:t1:warehouse:wh-1",
      status,
      attempts,
      result: { status: resultStatus, scopeVersion },
    });
  };
  const failedAfter = async (
    _ctx: unknown,
    reservationId: string,
    status: string,
    attempts: number,
    code: string,
  ) => {
    const record = await deferred(reservationId);
    expect(record).toMatchObject({ status, attempts });
    expect(record.result).toBeUndefined();
    expect(record.error).toContain(code);
  };
  const nothingDeferred = async () => {
    for (const status of STATUSES) {
      expect(await app().query(internal.inventory.retries, { ...WAREHOUSE, status })).toEqual([]);
    }
  };
  const setStale = async (failures: number) => {
    await app().mutation(internal.faults.setFault, { target: "staleReads", failures });
  };

  Background(({ Given, And }) => {
    Given("the durability test app", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
      t = durabilityApp();
    });
    And(
      "warehouse {string} of tenant {string} holds {int} of {string} and {int} of {string} at scope version {int}",
      async (
        _ctx,
        warehouseId: string,
        tenantId: string,
        a: number,
        skuA: string,
        b: number,
        skuB: string,
        version: number,
      ) => {
        await app().mutation(internal.warehouse.addStock, {
          tenantId,
          warehouseId,
          sku: skuA,
          quantity: a,
        });
        const reached = await app().mutation(internal.warehouse.addStock, {
          tenantId,
          warehouseId,
          sku: skuB,
          quantity: b,
        });
        expect(reached).toBe(version);
      },
    );
    And("a deferred operation is attempted at most {int} times", (_ctx, attempts: number) => {
      expect(dcbRetry.retry.maxAttempts).toBe(attempts);
    });
  });

  Rule(
    "A conflict is retried until the operation commits, and it commits once",
    ({ RuleScenario }) => {
      RuleScenario(
        "A reservation decided on a stale version is retried to one commit",
        ({ When, Then, And }) => {
          When("reservation {string} of {int} {string} is made on scope version {int}", reserve);
          Then("it is deferred, not queued", () => {
            expect(state.value.last).toMatchObject({ status: "deferred", queued: false });
          });
          When("the background work runs", background);
          Then("the warehouse holds {string} at scope version {int}", warehouseHolds);
          And(
            "the deferred reservation {string} is {string} after {int} attempt with a {string} result at scope version {int}",
            doneAfter,
          );
        },
      );

      RuleScenario(
        "A reservation on the current version commits at once",
        ({ When, Then, And }) => {
          When("reservation {string} of {int} {string} is made on scope version {int}", reserve);
          Then(
            "it completes at once with a {string} result at scope version {int}",
            (_ctx, status: string, scopeVersion: number) => {
              expect(state.value.last).toMatchObject({
                status: "completed",
                result: { status, scopeVersion },
              });
            },
          );
          And("no operation of the warehouse was deferred", nothingDeferred);
        },
      );

      RuleScenario("A rejection is an answer, not a conflict", ({ When, Then, And }) => {
        When("reservation {string} of {int} {string} is made on scope version {int}", reserve);
        Then(
          "it completes at once with a {string} result {string}",
          (_ctx, status: string, code: string) => {
            expect(state.value.last).toMatchObject({
              status: "completed",
              result: { status, code },
            });
          },
        );
        And("no operation of the warehouse was deferred", nothingDeferred);
      });
    },
  );

  Rule("Retries of one scope run one at a time, in order", ({ RuleScenario }) => {
    RuleScenario(
      "A second deferred reservation waits for the first and then commits after it",
      ({ When, Then, And }) => {
        When("reservation {string} of {int} {string} is made on scope version {int}", reserve);
        And("reservation {string} of {int} {string} is made on scope version {int}", reserve);
        Then(
          "{string} holds the lane with a Workpool job and {string} waits without one",
          async (_ctx, first: string, second: string) => {
            expect(state.value.reservations.get(second)).toMatchObject({ queued: true });
            expect(await deferred(first)).toMatchObject({
              status: "running",
              workId: expect.any(String),
            });
            const waiting = await deferred(second);
            expect(waiting.status).toBe("waiting");
            expect(waiting.workId).toBeUndefined();
          },
        );
        When("the background work runs", background);
        Then("the warehouse holds {string} at scope version {int}", warehouseHolds);
        And(
          "the deferred reservation {string} is {string} after {int} attempt with a {string} result at scope version {int}",
          doneAfter,
        );
        And(
          "then the deferred reservation {string} is {string} after {int} attempt with a {string} result at scope version {int}",
          doneAfter,
        );
      },
    );
  });

  Rule(
    "An operation that keeps conflicting is recorded failed and frees the lane",
    ({ RuleScenario }) => {
      RuleScenario(
        "The attempts run out; the failure is recorded and the next operation proceeds",
        ({ Given, When, Then, And }) => {
          Given("every read of the warehouse is one commit behind", () => setStale(-1));
          When("reservation {string} of {int} {string} is made on scope version {int}", reserve);
          And("reservation {string} of {int} {string} is made on scope version {int}", reserve);
          And("the background work runs", background);
          Then(
            "the deferred reservation {string} is {string} after {int} attempts with the error naming DCB_SCOPE_CONFLICT",
            (_ctx, id: string, status: string, attempts: number) =>
              failedAfter(_ctx, id, status, attempts, "DCB_SCOPE_CONFLICT"),
          );
          And(
            "then the deferred reservation {string} is {string} after {int} attempts with the error naming DCB_SCOPE_CONFLICT",
            (_ctx, id: string, status: string, attempts: number) =>
              failedAfter(_ctx, id, status, attempts, "DCB_SCOPE_CONFLICT"),
          );
          And("the warehouse holds {string} at scope version {int}", warehouseHolds);
          When("the reads are current again", () => setStale(0));
          And(
            "then reservation {string} of {int} {string} is made on scope version {int}",
            reserve,
          );
          And("the retry runs in the background", background);
          Then(
            "the deferred reservation {string} is {string} after {int} attempt with a {string} result at scope version {int}",
            doneAfter,
          );
        },
      );
    },
  );

  Rule("Only configured operations run", ({ RuleScenario }) => {
    RuleScenario(
      "An operation that is not configured is refused before anything runs",
      ({ When, Then, And }) => {
        When(
          "reservation {string} of {int} {string} is made as the operation {string}",
          async (_ctx, reservationId: string, quantity: number, sku: string, operation: string) => {
            state.value.error = await captureAsyncError(() =>
              app().mutation(internal.inventory.reserve, {
                ...WAREHOUSE,
                sku,
                quantity,
                reservationId,
                operation,
              }),
            );
          },
        );
        Then("it is refused with UNKNOWN_DCB_OPERATION: {string}", (_ctx, message: string) => {
          expect(durabilityFailure(state.value.error)).toEqual({
            code: "UNKNOWN_DCB_OPERATION",
            message,
          });
        });
        And("no operation of the warehouse was deferred", nothingDeferred);
      },
    );

    RuleScenario("An unknown deferred operation id is refused", ({ When, Then }) => {
      When("the deferred operation {string} is looked up", async (_ctx, retryId: string) => {
        state.value.error = await captureAsyncError(() =>
          app().query(internal.inventory.getRetry, { retryId }),
        );
      });
      Then("it is refused with DCB_RETRY_NOT_FOUND: {string}", (_ctx, message: string) => {
        expect(durabilityFailure(state.value.error)).toEqual({
          code: "DCB_RETRY_NOT_FOUND",
          message,
        });
      });
    });
  });
});
