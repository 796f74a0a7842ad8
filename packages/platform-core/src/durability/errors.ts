import { ConvexError } from "convex/values";
import type { Value } from "convex/values";
import { hasConvexErrorCode } from "../internal/convexErrorCode.js";

/**
 * Codes of the `ConvexError`s the durability helpers and the DCB retry helper throw at run time,
 * inside Convex functions. Each one is a caller's mistake (an unknown record, a target or an
 * operation that was never configured); outcomes of the durable work itself are values and
 * records, never throws.
 */
export const DURABILITY_ERROR_CODES = [
  "INVALID_IDEMPOTENCY_KEY",
  "DEAD_LETTER_NOT_FOUND",
  "DEAD_LETTER_NOT_RETRYABLE",
  "OUTBOX_RUN_NOT_FOUND",
  "UNKNOWN_OUTBOX_ACTION",
  "UNKNOWN_OPERATION",
  "UNKNOWN_COMPLETION_EVENT",
  "UNKNOWN_DCB_OPERATION",
  "DCB_RETRY_NOT_FOUND",
  "INVALID_DCB_RESULT",
  "DCB_SCOPE_CONFLICT",
  "INVALID_LIMIT",
  "UNEXPECTED_APPEND_RESULT",
] as const;

export type DurabilityErrorCode = (typeof DURABILITY_ERROR_CODES)[number];

/** The data of a durability `ConvexError`. */
export type DurabilityErrorData = {
  code: DurabilityErrorCode;
  message: string;
  [key: string]: Value;
};

/** A `ConvexError` with a stable code and a message saying what was wrong and what was expected. */
export function durabilityError(
  code: DurabilityErrorCode,
  message: string,
  details: Record<string, Value> = {},
): ConvexError<DurabilityErrorData> {
  return new ConvexError({ ...details, code, message });
}

/**
 * True when `error` is a durability `ConvexError` (optionally with this code), also after it
 * crossed a function boundary.
 *
 * @example
 * try { await ctx.runMutation(internal.admin.retryDeadLetter, { deadLetterId }) }
 * catch (e) { if (isDurabilityError(e, "DEAD_LETTER_NOT_RETRYABLE")) ... }
 */
export function isDurabilityError(
  error: unknown,
  code?: DurabilityErrorCode,
): error is ConvexError<DurabilityErrorData> {
  return hasConvexErrorCode(error, DURABILITY_ERROR_CODES, code);
}

/** Checks a page size: an integer from 1 to `max`. */
export function checkLimit(limit: number, max: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw durabilityError(
      "INVALID_LIMIT",
      `limit is ${limit}; expected an integer from 1 to ${max}`,
      { limit, max },
    );
  }
}
