import { ConvexError } from "convex/values";
import type { Value } from "convex/values";
import { hasConvexErrorCode } from "../internal/convexErrorCode.js";

/**
 * Codes of the `ConvexError`s reservation functions throw: arguments the validators accept but
 * a reservation cannot use. Outcomes (taken, expired, already confirmed...) are values.
 */
export const RESERVATION_ERROR_CODES = [
  "INVALID_RESERVATION_KEY",
  "INVALID_RESERVATION_TTL",
  "INVALID_HOLDER",
  "INVALID_ENTITY_ID",
  "INVALID_LIMIT",
] as const;

export type ReservationErrorCode = (typeof RESERVATION_ERROR_CODES)[number];

/** The data of a reservation `ConvexError`. */
export type ReservationErrorData = {
  code: ReservationErrorCode;
  message: string;
  [key: string]: Value;
};

export function reservationError(
  code: ReservationErrorCode,
  message: string,
  details: Record<string, Value> = {},
): ConvexError<ReservationErrorData> {
  return new ConvexError({ ...details, code, message });
}

/**
 * True when `error` is a reservation `ConvexError` (optionally with this code), also after it
 * crossed a function boundary.
 *
 * @example
 * try { await ctx.runMutation(internal.reservations.reserve, args) }
 * catch (e) { if (isReservationError(e, "INVALID_RESERVATION_TTL")) ... }
 */
export function isReservationError(
  error: unknown,
  code?: ReservationErrorCode,
): error is ConvexError<ReservationErrorData> {
  return hasConvexErrorCode(error, RESERVATION_ERROR_CODES, code);
}
