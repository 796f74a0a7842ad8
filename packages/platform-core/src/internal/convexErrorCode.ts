import { ConvexError } from "convex/values";

/**
 * True when `error` is a `ConvexError` whose `data.code` is one of `codes` (and `code`, when
 * given). A thrown ConvexError keeps its data across function and component boundaries, so this
 * works on errors caught from `ctx.runMutation` too.
 */
export function hasConvexErrorCode(
  error: unknown,
  codes: readonly string[],
  code?: string,
): error is ConvexError<{ code: string; message: string }> {
  if (!(error instanceof ConvexError)) return false;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null) return false;
  const actual = (data as { code?: unknown }).code;
  return (
    typeof actual === "string" && codes.includes(actual) && (code === undefined || actual === code)
  );
}
