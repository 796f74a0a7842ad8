// A registration app under convex-test: the app-owned reservations table and functions from
// @convex-es/platform-core, an accounts table, and a sign-up that confirms the username's
// reservation in the transaction that creates the account. Expiries are the app's scheduled
// functions, run with fake timers.
import { Reservations, reservationTables, vConfirmResult } from "@convex-es/platform-core";
import type { ReservationFunctions } from "@convex-es/platform-core";
import { convexTest } from "convex-test";
import {
  anyApi,
  defineSchema,
  defineTable,
  internalMutationGeneric,
  internalQueryGeneric,
} from "convex/server";
import type { ApiFromModules } from "convex/server";
import { ConvexError, v } from "convex/values";

const schema = defineSchema({
  ...reservationTables,
  // Written by registration.complete; the entity a confirmed username links to.
  accounts: defineTable({ username: v.string() }).index("by_username", ["username"]),
});

export const reservations = new Reservations({
  functions: () => anyApi.reservations as unknown as ReservationFunctions,
  defaultTtlMs: 10 * 60_000,
  maxTtlMs: 24 * 60 * 60_000,
});

const definitions = reservations.definitions;
const reservationModule = {
  reserve: internalMutationGeneric(definitions.reserve),
  confirm: internalMutationGeneric(definitions.confirm),
  release: internalMutationGeneric(definitions.release),
  expire: internalMutationGeneric(definitions.expire),
  expireDue: internalMutationGeneric(definitions.expireDue),
  get: internalQueryGeneric(definitions.get),
  lookup: internalQueryGeneric(definitions.lookup),
};

const registrationModule = {
  /** Creates the account and confirms the username, or neither. */
  complete: internalMutationGeneric({
    args: { reservationId: v.string(), username: v.string() },
    returns: vConfirmResult,
    handler: async (ctx, { reservationId, username }) => {
      const accountId = await ctx.db.insert("accounts", { username });
      const result = await reservations.confirm(ctx, { reservationId, entityId: accountId });
      if (result.status !== "confirmed") {
        // Rolls the account back: the username was not ours to use.
        throw new ConvexError({
          code: "USERNAME_NOT_RESERVED",
          message: `the reservation of ${username} is ${result.status}; expected an active one`,
        });
      }
      return result;
    },
  }),
  account: internalQueryGeneric({
    args: { username: v.string() },
    returns: v.union(v.null(), v.string()),
    handler: async (ctx, { username }) => {
      const account = await ctx.db
        .query("accounts")
        .withIndex("by_username", (q) => q.eq("username", username))
        .unique();
      return account === null ? null : account._id;
    },
  }),
};

type Modules = { reservations: typeof reservationModule; registration: typeof registrationModule };
export const api = anyApi as unknown as ApiFromModules<Modules>;

const modules = {
  "./_generated/server.ts": async () => ({}),
  "./reservations.ts": async () => reservationModule,
  "./registration.ts": async () => registrationModule,
};

/** A fresh registration app. Use fake timers: expiries are scheduled functions. */
export function registrationApp() {
  return convexTest(schema, modules);
}
