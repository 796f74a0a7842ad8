// Who is calling: resolved from ctx.auth in the app, and handed to the orchestrator explicitly
// (ctx.auth does not reach components).
import { callerFromUserIdentity } from "@convex-es/platform-core";
import type { CallerIdentity } from "@convex-es/platform-core";
import type { Auth, UserIdentity } from "convex/server";

export const STAFF_ROLE = "staff";
export const ADMIN_ROLE = "admin";
export const SYSTEM_ROLE = "system";

/**
 * Roles from the identity's `role` claim (set by the auth provider's JWT template): `admin`
 * implies `staff`; anyone else signed in is a customer with no role.
 */
export function rolesOf(identity: UserIdentity): string[] {
  const role = identity["role"];
  if (role === ADMIN_ROLE) return [ADMIN_ROLE, STAFF_ROLE];
  if (role === STAFF_ROLE) return [STAFF_ROLE];
  return [];
}

/** The caller of a public function, `null` when not signed in; `userId` is the subject. */
export async function callerOf(ctx: { auth: Auth }): Promise<CallerIdentity | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return callerFromUserIdentity(identity, { userId: identity.subject, roles: rolesOf(identity) });
}

export function hasRole(caller: CallerIdentity | null, role: string): boolean {
  return caller?.roles?.includes(role) === true;
}

/** The identity the reservation expiry cron acts under. */
export const expiryCaller: CallerIdentity = {
  userId: "system:reservation-expiry",
  roles: [SYSTEM_ROLE],
};

/** The identity the order fulfilment saga issues its commands under. */
export const fulfilmentCaller: CallerIdentity = {
  userId: "system:order-fulfillment",
  roles: [SYSTEM_ROLE],
};

/** The identity the reservation-release process manager issues its commands under. */
export const reservationReleaseCaller: CallerIdentity = {
  userId: "system:reservation-release",
  roles: [SYSTEM_ROLE],
};
