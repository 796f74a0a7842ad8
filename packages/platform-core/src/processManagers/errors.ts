import { ConvexError } from "convex/values";
import type { Value } from "convex/values";
import { hasConvexErrorCode } from "../internal/convexErrorCode.js";

/**
 * Codes of the `ConvexError`s of process managers. The reaction throws the first five inside
 * its own transaction (rolling back its commands); the delivery records them as dead letters.
 * The lifecycle's refusal keeps the FSM's code, `INVALID_TRANSITION`.
 */
export const PROCESS_MANAGER_ERROR_CODES = [
  "PROCESS_MANAGER_INSTANCE_FAILED",
  "PROCESS_MANAGER_INSTANCE_UNRESOLVED",
  "PROCESS_MANAGER_REACTION_FAILED",
  "PROCESS_MANAGER_UNKNOWN_COMMAND",
  "PROCESS_MANAGER_COMMAND_REFUSED",
  "PROCESS_MANAGER_DEAD_LETTER_NOT_FOUND",
  "PROCESS_MANAGER_DEAD_LETTER_NOT_PENDING",
  "INVALID_ARGUMENT",
] as const;

export type ProcessManagerErrorCode = (typeof PROCESS_MANAGER_ERROR_CODES)[number];

export type ProcessManagerErrorData = {
  code: ProcessManagerErrorCode;
  message: string;
  processManager: string;
  [key: string]: Value;
};

export function processManagerError(
  data: ProcessManagerErrorData,
): ConvexError<ProcessManagerErrorData> {
  return new ConvexError(data);
}

/**
 * True when `error` is a process manager `ConvexError` (optionally with this code).
 *
 * @example
 * try { await orderTally.retryDeadLetter(ctx, { eventId }) }
 * catch (e) { if (isProcessManagerError(e, "PROCESS_MANAGER_DEAD_LETTER_NOT_PENDING")) return null }
 */
export function isProcessManagerError(
  error: unknown,
  code?: ProcessManagerErrorCode,
): error is ConvexError<ProcessManagerErrorData> {
  return hasConvexErrorCode(error, PROCESS_MANAGER_ERROR_CODES, code);
}
