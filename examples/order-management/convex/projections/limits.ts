import { ConvexError } from "convex/values";

/** Rows a list query returns at most. */
export const MAX_PAGE = 100;

/** The page size asked for, or the default; anything outside 1..MAX_PAGE is refused. */
export function pageSize(limit: number | undefined, fallback = 20): number {
  const size = limit ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw new ConvexError({
      code: "INVALID_LIMIT",
      message: `limit must be an integer from 1 to ${MAX_PAGE} (got ${String(limit)})`,
    });
  }
  return size;
}
