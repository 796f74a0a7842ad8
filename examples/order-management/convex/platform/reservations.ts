// Unique values of the app, held in its own `reservations` table (reservationTables in the
// schema): customers' emails, namespace `customerEmail`. The functions are internal: the app's
// public mutations authenticate the caller and claim values for them.
import { Reservations } from "@convex-es/platform-core";
import type { ReservationFunctions } from "@convex-es/platform-core";
import { internal } from "../_generated/api.js";
import { internalMutation, internalQuery } from "../_generated/server.js";

/** A value reserved and never confirmed is free again after 10 minutes. */
export const reservations: Reservations = new Reservations({
  functions: (): ReservationFunctions => internal.platform.reservations,
  defaultTtlMs: 10 * 60_000,
});

const definitions = reservations.definitions;
export const reserve = internalMutation(definitions.reserve);
export const confirm = internalMutation(definitions.confirm);
export const release = internalMutation(definitions.release);
/** Scheduled by `reserve` at each reservation's expiry. */
export const expire = internalMutation(definitions.expire);
/** The cron's safety net for scheduled expiries that never ran. */
export const expireDue = internalMutation(definitions.expireDue);
export const get = internalQuery(definitions.get);
export const lookup = internalQuery(definitions.lookup);
