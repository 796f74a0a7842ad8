import { ConvexError } from "convex/values";
import type { Value } from "convex/values";
import { hasConvexErrorCode } from "../internal/convexErrorCode.js";

/**
 * Codes of the `ConvexError`s saga functions throw. Each is the caller's mistake (an unknown
 * saga, a saga in the wrong status, an argument out of range) and nothing was written.
 */
export const SAGA_ERROR_CODES = [
  "SAGA_NOT_FOUND",
  "SAGA_NOT_RUNNING",
  "SAGA_NOT_RETRYABLE",
  "SAGA_WORKFLOW_MISMATCH",
  "INVALID_SAGA_TRANSITION",
  "INVALID_SAGA_ARGUMENT",
] as const;

export type SagaErrorCode = (typeof SAGA_ERROR_CODES)[number];

/** The data of a saga `ConvexError`. */
export type SagaErrorData = {
  code: SagaErrorCode;
  message: string;
  [key: string]: Value;
};

/**
 * Prefix of the workflow error when a compensation fails: the saga ends `failed` with this
 * message, and a retry runs the failed compensation again.
 */
export const SAGA_COMPENSATION_FAILED = "SAGA_COMPENSATION_FAILED";

export function sagaError(data: SagaErrorData): ConvexError<SagaErrorData> {
  return new ConvexError(data);
}

/**
 * True when `error` is a `ConvexError` thrown by a saga function (optionally with this code).
 *
 * @example
 * try { await ctx.runMutation(internal.sagaAdmin.retry, { sagaType, sagaId }) }
 * catch (e) { if (isSagaError(e, "SAGA_NOT_RETRYABLE")) return "nothing to retry" }
 */
export function isSagaError(
  error: unknown,
  code?: SagaErrorCode,
): error is ConvexError<SagaErrorData> {
  return hasConvexErrorCode(error, SAGA_ERROR_CODES, code);
}
