// The reservation functions, registered from platform-core's definitions.
import type { ReservationFunctions } from "../../../src/index.js";
import { Reservations } from "../../../src/index.js";
import { internal } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";

// The annotations break the type cycle through `internal`, which names this module.
export const reservations: Reservations = new Reservations({
  functions: (): ReservationFunctions => internal.reservations,
  defaultTtlMs: 10 * 60_000,
  maxTtlMs: 60 * 60_000,
});

const definitions = reservations.definitions;

export const reserve = internalMutation(definitions.reserve);
export const confirm = internalMutation(definitions.confirm);
export const release = internalMutation(definitions.release);
export const expire = internalMutation(definitions.expire);
/** The target of the app's cron (crons.interval("expire reservations", { minutes: 1 }, ...)). */
export const expireDue = internalMutation(definitions.expireDue);
export const get = internalQuery(definitions.get);
export const lookup = internalQuery(definitions.lookup);
