import { ConvexError } from "convex/values";
import type { Value } from "convex/values";

/** A command id was already recorded for a different command (a value of recordCommand). */
export const COMMAND_ID_REUSED = "COMMAND_ID_REUSED";
/** A final status was asked to change (a value of updateCommandResult). */
export const INVALID_STATUS_TRANSITION = "INVALID_STATUS_TRANSITION";
/** No command is recorded under the given id (a value of updateCommandResult). */
export const COMMAND_NOT_FOUND = "COMMAND_NOT_FOUND";
/** An argument the validators accept but the component refuses (thrown as a ConvexError). */
export const INVALID_ARGUMENT = "INVALID_ARGUMENT";

/** The codes the commandBus uses, in results or in thrown errors. */
export type CommandBusErrorCode =
  | typeof COMMAND_ID_REUSED
  | typeof INVALID_STATUS_TRANSITION
  | typeof COMMAND_NOT_FOUND
  | typeof INVALID_ARGUMENT;

const CODES: ReadonlySet<string> = new Set<CommandBusErrorCode>([
  COMMAND_ID_REUSED,
  INVALID_STATUS_TRANSITION,
  COMMAND_NOT_FOUND,
  INVALID_ARGUMENT,
]);

/** The data of a ConvexError thrown by the commandBus. */
export type CommandBusErrorData = { code: CommandBusErrorCode; message: string };

/** Refuses an argument: the message says what was wrong and what was expected. */
export function invalidArgument(message: string): ConvexError<CommandBusErrorData> {
  return new ConvexError({ code: INVALID_ARGUMENT, message });
}

/**
 * True for an error thrown by the commandBus (also after it crossed the component boundary),
 * optionally with a given code.
 *
 * @example
 * try {
 *   await bus.recordCommand(ctx, { ...command, ttlMs: 0 });
 * } catch (e) {
 *   if (isCommandBusError(e, "INVALID_ARGUMENT")) console.warn(e.data.message);
 *   else throw e;
 * }
 */
export function isCommandBusError(
  error: unknown,
  code?: CommandBusErrorCode,
): error is ConvexError<CommandBusErrorData & Record<string, Value>> {
  if (!(error instanceof Error) || !("data" in error)) return false;
  const data = (error as { data: unknown }).data;
  if (typeof data !== "object" || data === null) return false;
  const found = (data as { code?: unknown }).code;
  return typeof found === "string" && CODES.has(found) && (code === undefined || found === code);
}
