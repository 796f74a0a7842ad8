import { ConvexError } from "convex/values";
import type { Value } from "convex/values";
import { hasConvexErrorCode } from "../internal/convexErrorCode.js";

/** Codes of the `ConvexError`s the orchestrator throws; each rolls the whole command back. */
export const ORCHESTRATOR_ERROR_CODES = [
  "CONCURRENT_MODIFICATION",
  "COMMAND_ID_REUSED",
  "DUPLICATE_COMMAND",
  "UNEXPECTED_APPEND_RESULT",
  "INVALID_COMMAND",
  "INVALID_HANDLER_RESULT",
] as const;

export type OrchestratorErrorCode = (typeof ORCHESTRATOR_ERROR_CODES)[number];

/** The data of an orchestrator `ConvexError`. */
export type OrchestratorErrorData = {
  code: OrchestratorErrorCode;
  message: string;
  commandId: string;
  [key: string]: Value;
};

export function orchestratorError(data: OrchestratorErrorData): ConvexError<OrchestratorErrorData> {
  return new ConvexError(data);
}

/**
 * True when `error` is a `ConvexError` thrown by the orchestrator (optionally with this code).
 *
 * @example
 * try { await t.mutation(api.counters.increment, args) }
 * catch (e) { if (isOrchestratorError(e, "CONCURRENT_MODIFICATION")) retryLater() }
 */
export function isOrchestratorError(
  error: unknown,
  code?: OrchestratorErrorCode,
): error is ConvexError<OrchestratorErrorData> {
  return hasConvexErrorCode(error, ORCHESTRATOR_ERROR_CODES, code);
}
