// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { validate } from "convex-helpers/validators";
import { ConvexError } from "convex/values";
import type { Validator } from "convex/values";
import { expect, vi } from "vitest";
import {
  DEFAULT_RESERVATION_TTL_MS,
  isReservationError,
  MAX_EXPIRE_BATCH,
  RESERVATION_ERROR_CODES,
  Reservations,
  reservationTables,
  vConfirmResult,
  vExpireDueResult,
  vExpireResult,
  vReleaseResult,
  vReservation,
  vReservationHolder,
  vReservationStatus,
  vReserveArgs,
  vReserveResult,
} from "../../src/index.js";
import type { ExpireDueResult, ReserveResult } from "../../src/index.js";
import { internal } from "../reservationApp/convex/_generated/api.js";
import { reservations } from "../reservationApp/convex/reservations.js";
import {
  captureAsyncError,
  captureError,
  coreError,
  featurePath,
  world,
} from "../support/helpers.js";
import { rangesContaining, recordingDb } from "../../src/testing/index.js";
import type { TransactionRecording as Recording } from "../../src/testing/index.js";
import { advance, newReservationApp } from "../support/reservationApp.js";
import type { ReservationApp } from "../support/reservationApp.js";

const feature = await loadFeature(featurePath("reservations.feature"));

type Answer = { status: string; [key: string]: unknown };

const state = world(() => ({
  t: undefined as ReservationApp | undefined,
  answers: [] as Answer[],
  reservationIds: [] as string[],
  error: undefined as unknown,
  startedAt: 0,
  sweep: undefined as ExpireDueResult | undefined,
  recording: undefined as Recording | undefined,
}));

const app = () => {
  if (state.value.t === undefined) throw new Error("no app in this scenario");
  return state.value.t;
};
const last = (): Answer => {
  const answer = state.value.answers.at(-1);
  if (answer === undefined) throw new Error("no answer yet");
  return answer;
};
const lastId = (): string => {
  const id = state.value.reservationIds.at(-1);
  if (id === undefined) throw new Error("no reservation yet");
  return id;
};
/** Keeps an answer after checking it against the exported validator of its function's result. */
function remember(answer: Answer, validator: Validator<unknown, "required", string>): void {
  expect(validate(validator, answer), JSON.stringify(answer)).toBe(true);
  state.value.answers.push(answer);
  if (answer.status === "reserved") state.value.reservationIds.push(answer.reservationId as string);
}
async function reserve(holder: string, type: string, value: string, ttlMs?: number) {
  state.value.startedAt = Date.now();
  const args = { type, value, holder, ...(ttlMs === undefined ? {} : { ttlMs }) };
  expect(validate(vReserveArgs, args)).toBe(true);
  const error = await captureAsyncError(async () =>
    remember(await app().mutation(internal.reservations.reserve, args), vReserveResult),
  );
  state.value.error = error;
}
async function statusOf(reservationId: string): Promise<string | undefined> {
  const reservation = await app().query(internal.reservations.get, { reservationId });
  if (reservation !== null)
    expect(Object.keys(vReservation.fields)).toEqual(
      expect.arrayContaining(Object.keys(reservation)),
    );
  return reservation?.status;
}
async function rowsOf(type: string, value: string): Promise<number> {
  return await app().run(
    async (ctx) =>
      (
        await ctx.db
          .query("reservations")
          .withIndex("by_type_and_value_and_status", (q) => q.eq("type", type).eq("value", value))
          .take(10)
      ).length,
  );
}
/** Moves the fake clock without running scheduled functions (a late or lost expiry). */
const moveClock = (ms: number) => vi.setSystemTime(Date.now() + ms);

describeFeature(feature, ({ Rule, Background, AfterEachScenario, defineSteps }) => {
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  Background(({ Given }) => {
    Given("the reservation app with fake timers", () => {
      // The Background runs before BeforeEachScenario: the scenario's state starts here.
      state.reset();
      vi.useFakeTimers();
      state.value.t = newReservationApp();
    });
  });

  defineSteps(({ When, Then, And }) => {
    // Shared steps read the same after When/Then as after And.
    const act = ((text: string, fn: never) => {
      When(text, fn);
      And(text, fn);
    }) as typeof When;
    const check = ((text: string, fn: never) => {
      Then(text, fn);
      And(text, fn);
    }) as typeof Then;
    act(
      "{string} reserves {word} {string} for {int} ms",
      async (_ctx, holder: string, type: string, value: string, ttl: number) =>
        reserve(holder, type, value, ttl),
    );
    act(
      "{string} reserves {word} {string} with the default TTL",
      async (_ctx, holder: string, type: string, value: string) => reserve(holder, type, value),
    );
    check(
      "the reservation is {string} and expires {int} ms from now",
      (_ctx, status: string, ttl: number) => {
        expect(state.value.error).toBeUndefined();
        expect(last()).toMatchObject({ status, expiresAt: state.value.startedAt + ttl });
      },
    );
    check("the answer is {string}", (_ctx, status: string) => {
      expect(state.value.error).toBeUndefined();
      expect(last().status).toBe(status);
    });
    act("{int} ms pass", async (_ctx, ms: number) => advance(app(), ms));
    act("the clock moves {int} ms without running scheduled functions", (_ctx, ms: number) => {
      moveClock(ms);
    });
    check("the reservation's status is {string}", async (_ctx, status: string) => {
      expect(await statusOf(lastId())).toBe(status);
    });
    act("the reservation is confirmed with entity {string}", async (_ctx, entityId: string) => {
      remember(
        await app().mutation(internal.reservations.confirm, { reservationId: lastId(), entityId }),
        vConfirmResult,
      );
    });
    act("the reservation is released", async () => {
      remember(
        await app().mutation(internal.reservations.release, { reservationId: lastId() }),
        vReleaseResult,
      );
    });
    check("the answer is already_confirmed with entity {string}", (_ctx, entityId: string) => {
      expect(last()).toMatchObject({
        status: "already_confirmed",
        reservationId: lastId(),
        entityId,
      });
    });
    check("the call fails with {word} saying {string}", (_ctx, code: string, message: string) => {
      const error = state.value.error;
      expect(isReservationError(error, code as (typeof RESERVATION_ERROR_CODES)[number])).toBe(
        true,
      );
      expect((error as ConvexError<{ message: string }>).data.message).toContain(message);
    });
    check(
      "the lookup of {word} {string} finds nobody",
      async (_ctx, type: string, value: string) => {
        expect(await app().query(internal.reservations.lookup, { type, value })).toBeNull();
      },
    );
    check(
      "the lookup of {word} {string} names {string}",
      async (_ctx, type: string, value: string, holder: string) => {
        const held = await app().query(internal.reservations.lookup, { type, value });
        expect(held).toMatchObject({ holder, status: "reserved", reservationId: lastId() });
        expect(Object.keys(held!).sort()).toEqual(
          Object.keys(vReservationHolder.fields)
            .filter((k) => k !== "entityId")
            .sort(),
        );
      },
    );
  });

  Rule("A value is held by one reservation at a time", ({ RuleScenario }) => {
    RuleScenario("The first caller reserves, the second learns who holds it", ({ Then }) => {
      Then(
        "the answer is already_reserved, held by {string} with status {string}",
        (_ctx, holder: string, status: string) => {
          const answer = last() as Extract<ReserveResult, { status: "already_reserved" }>;
          expect(answer).toMatchObject({
            status: "already_reserved",
            type: "username",
            value: "alice",
          });
          expect(answer.heldBy).toMatchObject({
            holder,
            status,
            reservationId: state.value.reservationIds[0],
          });
          expect(state.value.reservationIds).toHaveLength(1);
        },
      );
    });

    RuleScenario(
      "Two reservations of one value started together: exactly one succeeds",
      ({ When, Then, And }) => {
        When(
          "{string} and {string} reserve username {string} at the same time",
          async (_ctx, a: string, b: string, value: string) => {
            const answers = await Promise.all(
              [a, b].map((holder) =>
                app().mutation(internal.reservations.reserve, { type: "username", value, holder }),
              ),
            );
            for (const answer of answers) remember(answer, vReserveResult);
          },
        );
        Then(
          "exactly one of them is {string} and the other is {string}",
          (_ctx, won: string, lost: string) => {
            const statuses = state.value.answers.map((answer) => answer.status).sort();
            expect(statuses).toEqual([lost, won].sort());
            const loser = state.value.answers.find((answer) => answer.status === lost) as Extract<
              ReserveResult,
              { status: "already_reserved" }
            >;
            expect(loser.heldBy.reservationId).toBe(lastId());
          },
        );
        And(
          "username {string} has {int} reservation row",
          async (_ctx, value: string, rows: number) => {
            expect(await rowsOf("username", value)).toBe(rows);
          },
        );
      },
    );

    RuleScenario(
      "The reservation's insert lands in the index range its own transaction read",
      ({ When, Then, And }) => {
        When(
          "{string} reserves username {string} while its reads and inserts are recorded",
          async (_ctx, holder: string, value: string) => {
            const recording: Recording = { reads: [], inserts: [] };
            state.value.recording = recording;
            remember(
              await app().run(async (ctx) =>
                reservations.reserve(
                  { db: recordingDb(ctx.db, recording), scheduler: ctx.scheduler },
                  { type: "username", value, holder },
                ),
              ),
              vReserveResult,
            );
            expect(last().status).toBe("reserved");
          },
        );
        Then(
          "the inserted reservation lies inside an index range of reservations the transaction read",
          () => {
            const recording = state.value.recording!;
            const inserts = recording.inserts.filter((insert) => insert.table === "reservations");
            expect(inserts).toHaveLength(1);
            expect(rangesContaining(recording, inserts[0]!).length).toBeGreaterThan(0);
          },
        );
        And(
          "that range is by_type_and_value_and_status for {string} {string} {string}",
          (_ctx, type: string, value: string, status: string) => {
            const recording = state.value.recording!;
            const [range] = rangesContaining(recording, recording.inserts[0]!);
            expect(range).toEqual({
              table: "reservations",
              index: "by_type_and_value_and_status",
              bounds: [
                { op: "eq", field: "type", value: type },
                { op: "eq", field: "value", value },
                { op: "eq", field: "status", value: status },
              ],
            });
            expect(Object.keys(reservationTables)).toEqual(["reservations"]);
          },
        );
      },
    );

    RuleScenario("The same value in different namespaces", ({ Then }) => {
      Then("both reservations are {string}", (_ctx, status: string) => {
        expect(state.value.answers.map((answer) => answer.status)).toEqual([status, status]);
        expect(state.value.answers.map((answer) => answer.type)).toEqual([
          "username",
          "displayName",
        ]);
      });
    });

    RuleScenario("Who holds a value", () => {});
  });

  Rule("Every reservation expires at its TTL", ({ RuleScenario }) => {
    RuleScenario("The scheduled expiry frees the value", ({ Then }) => {
      Then(
        "the reservation is {string} and expires {int} ms from now",
        (_ctx, status: string, ttl: number) => {
          expect(ttl).toBe(reservations.settings.defaultTtlMs);
          expect(last()).toMatchObject({ status, expiresAt: state.value.startedAt + ttl });
          expect(vReservationStatus.members.map((member) => member.value)).toContain(status);
        },
      );
    });

    RuleScenario("Before its TTL the value stays held", () => {});

    RuleScenario(
      "A reservation past its TTL frees the value even before its expiry runs",
      ({ And }) => {
        And("the first reservation's status is {string}", async (_ctx, status: string) => {
          expect(await statusOf(state.value.reservationIds[0]!)).toBe(status);
          // The scheduled expiry of the first still runs later, and finds nothing to do.
          const outcome = await app().mutation(internal.reservations.expire, {
            reservationId: state.value.reservationIds[0]!,
          });
          expect(outcome).toBe("settled");
          expect(vExpireResult.members.map((member) => member.value)).toContain(outcome);
        });
      },
    );

    RuleScenario("The cron target expires what is due, in batches", ({ When, Then, And }) => {
      When(
        "{int} visitors each reserve a different username for {int} ms",
        async (_ctx, count: number, ttl: number) => {
          for (let i = 0; i < count; i++)
            await reserve(`visitor-${i}`, "username", `user-${i}`, ttl);
          expect(state.value.reservationIds).toHaveLength(count);
        },
      );
      And("expireDue runs with limit {int}", async (_ctx, limit: number) => {
        state.value.sweep = await app().mutation(internal.reservations.expireDue, { limit });
        expect(Object.keys(state.value.sweep).sort()).toEqual(
          Object.keys(vExpireDueResult.fields).sort(),
        );
        expect(limit).toBeLessThanOrEqual(MAX_EXPIRE_BATCH);
      });
      Then("it expired {int} and has more", (_ctx, expired: number) => {
        expect(state.value.sweep).toEqual({ expired, hasMore: true });
      });
      When("expireDue runs with limit {int}", async (_ctx, limit: number) => {
        state.value.sweep = await app().mutation(internal.reservations.expireDue, { limit });
      });
      Then("it expired {int} and has no more", async (_ctx, expired: number) => {
        expect(state.value.sweep).toEqual({ expired, hasMore: false });
        for (const id of state.value.reservationIds) expect(await statusOf(id)).toBe("expired");
      });
    });

    RuleScenario("A TTL out of bounds is refused", () => {});
  });

  Rule("A reservation is confirmed once, with the entity it became", ({ RuleScenario }) => {
    RuleScenario("Confirming links the entity and holds the value for good", ({ Then, And }) => {
      Then(
        "the answer is {string} with entity {string}",
        (_ctx, status: string, entityId: string) => {
          expect(last()).toEqual({
            status,
            reservationId: lastId(),
            type: "username",
            value: "jane",
            entityId,
          });
        },
      );
      And(
        "the lookup of username {string} names {string} with entity {string}",
        async (_ctx, value: string, holder: string, entityId: string) => {
          const held = await app().query(internal.reservations.lookup, { type: "username", value });
          expect(held).toMatchObject({ holder, status: "confirmed", entityId });
        },
      );
    });

    RuleScenario("A second confirmation is refused with the first one's entity", () => {});

    RuleScenario("An expired reservation cannot be confirmed", () => {});

    RuleScenario(
      "Sign-up creates the account and confirms in one transaction",
      ({ When, And, Then }) => {
        When(
          "{string} starts a sign-up as {string}",
          async (_ctx, visitorId: string, username: string) => {
            remember(
              await app().mutation(internal.signUp.start, { username, visitorId }),
              vReserveResult,
            );
          },
        );
        And("the sign-up completes with email {string}", async (_ctx, email: string) => {
          remember(
            await app().mutation(internal.signUp.complete, {
              reservationId: lastId(),
              username: "Mona",
              email,
            }),
            vConfirmResult,
          );
        });
        Then(
          "an account {string} exists and the reservation links to it",
          async (_ctx, username: string) => {
            const account = await app().run(async (ctx) =>
              ctx.db
                .query("accounts")
                .withIndex("by_username", (q) => q.eq("username", username))
                .unique(),
            );
            expect(account).not.toBeNull();
            const reservation = await app().query(internal.reservations.get, {
              reservationId: lastId(),
            });
            expect(reservation).toMatchObject({
              status: "confirmed",
              value: username,
              entityId: account!._id,
            });
          },
        );
      },
    );

    RuleScenario(
      "A sign-up whose reservation expired creates no account",
      ({ When, And, Then }) => {
        When(
          "{string} starts a sign-up as {string}",
          async (_ctx, visitorId: string, username: string) => {
            remember(
              await app().mutation(internal.signUp.start, { username, visitorId }),
              vReserveResult,
            );
            expect(DEFAULT_RESERVATION_TTL_MS).toBeGreaterThan(reservations.settings.defaultTtlMs);
          },
        );
        And("the sign-up completes with email {string}", async (_ctx, email: string) => {
          state.value.error = await captureAsyncError(() =>
            app().mutation(internal.signUp.complete, {
              reservationId: lastId(),
              username: "Nina",
              email,
            }),
          );
        });
        Then("the sign-up fails with USERNAME_NOT_RESERVED", () => {
          expect(state.value.error).toBeInstanceOf(ConvexError);
          expect((state.value.error as ConvexError<{ code: string }>).data.code).toBe(
            "USERNAME_NOT_RESERVED",
          );
        });
        And("no account {string} exists", async (_ctx, username: string) => {
          const account = await app().run(async (ctx) =>
            ctx.db
              .query("accounts")
              .withIndex("by_username", (q) => q.eq("username", username))
              .unique(),
          );
          expect(account).toBeNull();
          expect(await statusOf(lastId())).toBe("expired");
        });
      },
    );
  });

  Rule("A reservation can be released before it expires", ({ RuleScenario }) => {
    RuleScenario("Releasing frees the value at once", () => {});
    RuleScenario("A confirmed reservation is not released", () => {});
    RuleScenario("Unknown reservations are answered, not thrown", ({ When, Then }) => {
      When("reservation {string} is released", async (_ctx, reservationId: string) => {
        const answer = await app().mutation(internal.reservations.release, { reservationId });
        expect(answer).toEqual({ status: "not_found", reservationId });
        remember(answer, vReleaseResult);
      });
      When(
        "reservation {string} is confirmed with entity {string}",
        async (_ctx, reservationId: string, entityId: string) => {
          remember(
            await app().mutation(internal.reservations.confirm, { reservationId, entityId }),
            vConfirmResult,
          );
        },
      );
      Then("the confirmation answer is also {string}", (_ctx, status: string) => {
        expect(last()).toEqual({ status, reservationId: "not-an-id" });
      });
    });
  });

  Rule("Arguments and options are checked", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "Unusable arguments are refused with a code",
      ({ When, Then }, variables) => {
        When('holder "<holder>" reserves the value "<value>" in namespace "<type>"', async () =>
          reserve(variables.holder ?? "", variables.type ?? "", variables.value ?? ""),
        );
        Then('the call fails with <code> saying "<message>"', () => {
          const error = state.value.error;
          expect(
            isReservationError(error, variables.code as (typeof RESERVATION_ERROR_CODES)[number]),
          ).toBe(true);
          expect((error as ConvexError<{ message: string }>).data.message).toContain(
            variables.message,
          );
          expect(RESERVATION_ERROR_CODES).toContain(variables.code);
        });
      },
    );

    RuleScenario("Options out of bounds are refused when the module loads", ({ When, Then }) => {
      When(
        "Reservations is configured with defaultTtlMs {int} and minTtlMs {int}",
        (_ctx, defaultTtlMs: number, minTtlMs: number) => {
          state.value.error = captureError(
            () =>
              new Reservations({ functions: () => internal.reservations, defaultTtlMs, minTtlMs }),
          );
        },
      );
      Then(
        "it is refused with INVALID_RESERVATIONS_CONFIG saying {string}",
        (_ctx, message: string) => {
          const error = coreError(state.value.error);
          expect(error.code).toBe("INVALID_RESERVATIONS_CONFIG");
          expect(error.message).toContain(message);
        },
      );
    });
  });
});
