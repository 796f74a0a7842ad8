import { ConvexError } from "convex/values";
import type { Value } from "convex/values";

/** An argument the validators accept but the component refuses (thrown as a ConvexError). */
export const INVALID_ARGUMENT = "INVALID_ARGUMENT";

/** The codes the projections component throws. */
export type ProjectionsErrorCode = typeof INVALID_ARGUMENT;

/** The data of a ConvexError thrown by the projections component. */
export type ProjectionsErrorData = { code: ProjectionsErrorCode; message: string };

/** Refuses an argument: the message says what was wrong and what was expected. */
export function invalidArgument(message: string): ConvexError<ProjectionsErrorData> {
  return new ConvexError({ code: INVALID_ARGUMENT, message });
}

/**
 * True for an error thrown by the projections component (also after it crossed the component
 * boundary).
 *
 * @example
 * try {
 *   await projections.loadPartition(ctx, { projection, partitionKey, limit: 0 });
 * } catch (e) {
 *   if (isProjectionsError(e)) console.warn(e.data.message);
 *   else throw e;
 * }
 */
export function isProjectionsError(
  error: unknown,
): error is ConvexError<ProjectionsErrorData & Record<string, Value>> {
  if (!(error instanceof Error) || !("data" in error)) return false;
  const data = (error as { data: unknown }).data;
  if (typeof data !== "object" || data === null) return false;
  return (data as { code?: unknown }).code === INVALID_ARGUMENT;
}
