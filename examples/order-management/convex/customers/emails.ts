// A customer's email is unique: the app holds each normalised email in its reservations
// (namespace `customerEmail`). Registration looks the email up before the customer decides and
// claims it (reserve, then confirm with the customer's id) once the registration executed, in
// the same transaction: a refused registration writes no reservation at all.
import type { ReservationHolder } from "@convex-es/platform-core";
import { ConvexError } from "convex/values";
import { CUSTOMER_EMAIL_NAMESPACE } from "../../src/customers/index.js";
import type { EmailAnswer } from "../../src/customers/index.js";
import type { MutationCtx, QueryCtx } from "../_generated/server.js";
import { reservations } from "../platform/reservations.js";

/** Who holds the email now (a reservation past its expiry holds nothing), or null. */
export async function emailHolder(
  ctx: Pick<QueryCtx, "db">,
  email: string,
): Promise<ReservationHolder | null> {
  return await reservations.lookup(ctx, { type: CUSTOMER_EMAIL_NAMESPACE, value: email });
}

/** The answer the customer decides with: free, or held by someone else. */
export function emailAnswerFor(held: ReservationHolder | null, customerId: string): EmailAnswer {
  return held === null || held.holder === customerId ? { status: "free" } : { status: "taken" };
}

/**
 * Reserves the email for the customer (or takes their own pending reservation of it) and
 * confirms it with their id. The lookup in this transaction said it was free, so anything else
 * is a bug: EMAIL_CLAIM_FAILED rolls the whole registration back rather than commit a customer
 * without their email.
 */
export async function claimEmail(
  ctx: Pick<MutationCtx, "db" | "scheduler">,
  {
    email,
    customerId,
    held,
  }: { email: string; customerId: string; held: ReservationHolder | null },
): Promise<void> {
  const own = held !== null && held.holder === customerId && held.status === "reserved";
  const reservationId = own ? held.reservationId : await reserveFor(ctx, { email, customerId });
  const confirmed = await reservations.confirm(ctx, { reservationId, entityId: customerId });
  if (confirmed.status !== "confirmed") failClaim(email, `confirm answered ${confirmed.status}`);
}

async function reserveFor(
  ctx: Pick<MutationCtx, "db" | "scheduler">,
  { email, customerId }: { email: string; customerId: string },
): Promise<string> {
  const reserved = await reservations.reserve(ctx, {
    type: CUSTOMER_EMAIL_NAMESPACE,
    value: email,
    holder: customerId,
  });
  if (reserved.status !== "reserved") failClaim(email, `reserve answered ${reserved.status}`);
  return reserved.reservationId;
}

function failClaim(email: string, what: string): never {
  throw new ConvexError({
    code: "EMAIL_CLAIM_FAILED",
    message: `claiming ${email} after the registration executed failed (${what}); the lookup in the same transaction had found it free, so the registration was rolled back`,
  });
}
