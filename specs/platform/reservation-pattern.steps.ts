// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { isReservationError } from "@convex-es/platform-core";
import type { ConfirmResult, ReleaseResult, ReserveResult } from "@convex-es/platform-core";
import { rangesContaining, recordingDb } from "@convex-es/platform-core/testing";
import type { TransactionRecording } from "@convex-es/platform-core/testing";
import { ConvexError } from "convex/values";
import { expect, vi } from "vitest";
import { api, registrationApp, reservations } from "./support/registrationApp.js";
import { createWorld } from "./support/world.js";

const feature = await loadFeature("./reservation-pattern.feature");

const MINUTE = 60_000;

const world = createWorld(() => ({
  t: undefined as ReturnType<typeof registrationApp> | undefined,
  reserved: [] as ReserveResult[],
  ids: new Map<string, string>(),
  confirmations: [] as ConfirmResult[],
  release: undefined as ReleaseResult | undefined,
  recording: undefined as TransactionRecording | undefined,
  error: undefined as unknown,
  startedAt: 0,
  swept: 0,
}));

function t() {
  if (world.value.t === undefined) throw new Error("no app in this scenario");
  return world.value.t;
}
function idOf(value: string): string {
  const id = world.value.ids.get(value);
  if (id === undefined) throw new Error(`no reservation of ${value}`);
  return id;
}
async function reserve(holder: string, type: string, value: string, ttlMs?: number) {
  world.value.startedAt = Date.now();
  const result = await t().mutation(api.reservations.reserve, {
    type,
    value,
    holder,
    ...(ttlMs === undefined ? {} : { ttlMs }),
  });
  world.value.reserved.push(result);
  if (result.status === "reserved") world.value.ids.set(value, result.reservationId);
  return result;
}
async function statusOf(value: string): Promise<string | undefined> {
  return (await t().query(api.reservations.get, { reservationId: idOf(value) }))?.status;
}
async function complete(username: string) {
  try {
    world.value.confirmations.push(
      await t().mutation(api.registration.complete, { reservationId: idOf(username), username }),
    );
  } catch (error) {
    world.value.error = error;
  }
}
async function runDueExpiries(ms: number) {
  vi.advanceTimersByTime(ms);
  await t().finishInProgressScheduledFunctions();
}

describeFeature(feature, ({ Rule, Background, AfterEachScenario, defineSteps }) => {
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  Background(({ Given }) => {
    Given("a registration app with reservations and fake timers", () => {
      // The Background runs before BeforeEachScenario hooks: the scenario starts here.
      world.reset();
      vi.useFakeTimers();
      world.value.t = registrationApp();
    });
  });

  defineSteps(({ Given, When, Then, And }) => {
    Given(
      "visitor {string} reserved username {string} for {int} minutes and went away",
      async (_ctx, holder: string, value: string, minutes: number) => {
        expect((await reserve(holder, "username", value, minutes * MINUTE)).status).toBe(
          "reserved",
        );
      },
    );
    Given(
      "visitor {string} reserved username {string} for {int} minutes",
      async (_ctx, holder: string, value: string, minutes: number) => {
        expect((await reserve(holder, "username", value, minutes * MINUTE)).status).toBe(
          "reserved",
        );
      },
    );
    for (const step of [When, And]) {
      step("{int} minutes pass and the scheduled expiry runs", (_ctx, minutes: number) =>
        runDueExpiries(minutes * MINUTE),
      );
      step("the sign-up of {string} completes", (_ctx, username: string) => complete(username));
    }
    for (const step of [Then, And]) {
      step("the reservation of {string} is expired", async (_ctx, value: string) => {
        expect(await statusOf(value)).toBe("expired");
      });
      step(
        "visitor {string} can reserve username {string}",
        async (_ctx, holder: string, value: string) => {
          expect(await reserve(holder, "username", value)).toMatchObject({ status: "reserved" });
        },
      );
    }
  });

  Rule("Reservations prevent race conditions", ({ RuleScenario }) => {
    RuleScenario(
      "Two sign-ups race for one username: one wins, the other is told who holds it",
      ({ When, Then, And }) => {
        When(
          "visitors {string} and {string} reserve username {string} concurrently",
          async (_ctx, a: string, b: string, value: string) => {
            await Promise.all([reserve(a, "username", value), reserve(b, "username", value)]);
          },
        );
        Then("exactly one of them holds {string}", () => {
          expect(world.value.reserved.filter((r) => r.status === "reserved")).toHaveLength(1);
        });
        And("the other is answered already_reserved with the winner as holder", () => {
          const winner = world.value.reserved.find((r) => r.status === "reserved");
          const loser = world.value.reserved.find((r) => r.status === "already_reserved");
          if (winner?.status !== "reserved" || loser?.status !== "already_reserved") {
            throw new Error("expected one winner and one loser");
          }
          expect(loser.heldBy.reservationId).toBe(winner.reservationId);
          expect(loser.heldBy.holder).not.toBe("");
        });
        And("only one reservation of username {string} exists", async (_ctx, value: string) => {
          const rows = await t().run(async (ctx) =>
            ctx.db
              .query("reservations")
              .withIndex("by_type_and_value_and_status", (q) =>
                q.eq("type", "username").eq("value", value),
              )
              .take(10),
          );
          expect(rows).toHaveLength(1);
        });
      },
    );

    RuleScenario(
      "The claim reads the value's index range and inserts into it in one transaction",
      ({ When, Then, And }) => {
        When(
          "visitor {string} reserves username {string} with its transaction recorded",
          async (_ctx, holder: string, value: string) => {
            const recording: TransactionRecording = { reads: [], inserts: [] };
            world.value.recording = recording;
            const result = await t().run((ctx) =>
              reservations.reserve(
                { db: recordingDb(ctx.db, recording), scheduler: ctx.scheduler },
                { type: "username", value, holder },
              ),
            );
            expect(result.status).toBe("reserved");
          },
        );
        Then(
          "the reservation was inserted inside an index range that the same transaction read",
          () => {
            const { inserts } = world.value.recording!;
            expect(inserts).toHaveLength(1);
            expect(rangesContaining(world.value.recording!, inserts[0]!)).not.toHaveLength(0);
          },
        );
        And(
          "a concurrent claim of {string} would therefore conflict under OCC and be retried",
          (_ctx, value: string) => {
            // The range read is exactly the one any other claim of the value inserts into.
            const [range] = rangesContaining(
              world.value.recording!,
              world.value.recording!.inserts[0]!,
            );
            expect(range?.bounds).toEqual([
              { op: "eq", field: "type", value: "username" },
              { op: "eq", field: "value", value },
              { op: "eq", field: "status", value: "reserved" },
            ]);
          },
        );
      },
    );
  });

  Rule("Reservations have TTL for auto-cleanup", ({ RuleScenario }) => {
    RuleScenario("An abandoned reservation expires and the value becomes available", () => {});

    RuleScenario("Every reservation has a TTL, and it has bounds", ({ When, Then }) => {
      When(
        "visitor {string} asks for username {string} for {int} days",
        async (_ctx, holder: string, value: string, days: number) => {
          try {
            await reserve(holder, "username", value, days * 24 * 60 * MINUTE);
          } catch (error) {
            world.value.error = error;
          }
        },
      );
      Then("the request is refused with INVALID_RESERVATION_TTL", () => {
        expect(isReservationError(world.value.error, "INVALID_RESERVATION_TTL")).toBe(true);
        expect(world.value.reserved).toHaveLength(0);
      });
      When(
        "visitor {string} reserves username {string} without a TTL",
        async (_ctx, holder: string, value: string) => {
          await reserve(holder, "username", value);
        },
      );
      Then(
        "the reservation expires after the app's default of {int} minutes",
        (_ctx, minutes: number) => {
          expect(world.value.reserved[0]).toMatchObject({
            status: "reserved",
            expiresAt: world.value.startedAt + minutes * MINUTE,
          });
        },
      );
    });

    RuleScenario("A missed expiry is caught by the sweep", ({ When, And, Then }) => {
      When(
        "the clock passes {int} minutes but the scheduled expiry has not run",
        (_ctx, minutes: number) => {
          vi.setSystemTime(Date.now() + minutes * MINUTE);
        },
      );
      And("the expiry sweep runs", async () => {
        const result = await t().mutation(api.reservations.expireDue, {});
        expect(result.hasMore).toBe(false);
        world.value.swept = result.expired;
      });
      Then(
        "the sweep expired {int} reservation and the reservation of {string} is expired",
        async (_ctx, count: number, value: string) => {
          expect(world.value.swept).toBe(count);
          expect(await statusOf(value)).toBe("expired");
        },
      );
    });
  });

  Rule("Confirmation converts to permanent entity", ({ RuleScenario }) => {
    RuleScenario(
      "Completing the sign-up creates the account and confirms the reservation together",
      ({ Then, And }) => {
        Then(
          "the account {string} exists and the reservation of {string} is confirmed, linked to it",
          async (_ctx, username: string, value: string) => {
            const accountId = await t().query(api.registration.account, { username });
            expect(accountId).not.toBeNull();
            const reservation = await t().query(api.reservations.get, {
              reservationId: idOf(value),
            });
            expect(reservation).toMatchObject({ status: "confirmed", entityId: accountId });
          },
        );
        And(
          "after {int} minutes the reservation of {string} is still confirmed",
          async (_ctx, minutes: number, value: string) => {
            await runDueExpiries(minutes * MINUTE);
            expect(await statusOf(value)).toBe("confirmed");
          },
        );
      },
    );

    RuleScenario("A reservation is confirmed only once", ({ When, Then }) => {
      When(
        "the reservation of {string} is confirmed with {string} and then with {string}",
        async (_ctx, value: string, first: string, second: string) => {
          for (const entityId of [first, second]) {
            world.value.confirmations.push(
              await t().mutation(api.reservations.confirm, {
                reservationId: idOf(value),
                entityId,
              }),
            );
          }
        },
      );
      Then(
        "the second confirmation is answered already_confirmed with {string}",
        (_ctx, entityId: string) => {
          expect(world.value.confirmations[0]).toMatchObject({ status: "confirmed" });
          expect(world.value.confirmations[1]).toMatchObject({
            status: "already_confirmed",
            entityId,
          });
        },
      );
    });

    RuleScenario("An expired reservation cannot become an account", ({ Then }) => {
      Then(
        "the sign-up is refused and no account {string} exists",
        async (_ctx, username: string) => {
          expect(world.value.error).toBeInstanceOf(ConvexError);
          expect((world.value.error as ConvexError<{ code: string }>).data.code).toBe(
            "USERNAME_NOT_RESERVED",
          );
          expect(await t().query(api.registration.account, { username })).toBeNull();
        },
      );
    });
  });

  Rule("Release frees reservation before expiry", ({ RuleScenario }) => {
    RuleScenario("A cancelled sign-up frees the username at once", ({ When, Then }) => {
      When(
        "visitor {string} cancels and releases {string}",
        async (_ctx, _holder: string, value: string) => {
          world.value.release = await t().mutation(api.reservations.release, {
            reservationId: idOf(value),
          });
          expect(world.value.release.status).toBe("released");
        },
      );
      Then(
        "visitor {string} can reserve username {string} right away",
        async (_ctx, holder: string, value: string) => {
          expect(Date.now()).toBe(world.value.startedAt);
          expect(await reserve(holder, "username", value)).toMatchObject({ status: "reserved" });
        },
      );
    });

    RuleScenario("A confirmed reservation cannot be released", ({ And, Then }) => {
      And("the reservation of {string} is released", async (_ctx, value: string) => {
        world.value.release = await t().mutation(api.reservations.release, {
          reservationId: idOf(value),
        });
      });
      Then("the release is answered already_confirmed", () => {
        expect(world.value.release).toMatchObject({ status: "already_confirmed" });
      });
    });
  });

  Rule("Reservation key combines type and value", ({ RuleScenario }) => {
    RuleScenario("The same value is reserved in two namespaces at once", ({ When, Then }) => {
      When(
        "visitor {string} reserves username {string} and visitor {string} reserves displayName {string}",
        async (_ctx, a: string, value: string, b: string, same: string) => {
          await reserve(a, "username", value);
          await reserve(b, "displayName", same);
        },
      );
      Then("both hold {string}, each in its own namespace", async (_ctx, value: string) => {
        expect(world.value.reserved.map((r) => r.status)).toEqual(["reserved", "reserved"]);
        const holders = await Promise.all(
          ["username", "displayName"].map((type) =>
            t().query(api.reservations.lookup, { type, value }),
          ),
        );
        expect(holders.map((held) => held?.holder)).toEqual(["s-1", "s-2"]);
      });
    });

    RuleScenario("Within one namespace the value stays unique", ({ When, Then }) => {
      When(
        "visitor {string} reserves email {string} and visitor {string} reserves email {string}",
        async (_ctx, a: string, value: string, b: string, same: string) => {
          await reserve(a, "email", value);
          await reserve(b, "email", same);
        },
      );
      Then(
        "only visitor {string} holds email {string}",
        async (_ctx, holder: string, value: string) => {
          expect(world.value.reserved.map((r) => r.status)).toEqual([
            "reserved",
            "already_reserved",
          ]);
          expect(await t().query(api.reservations.lookup, { type: "email", value })).toMatchObject({
            holder,
          });
        },
      );
    });
  });
});
