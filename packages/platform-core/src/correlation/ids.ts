import { fail } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import type { IdGenerator, IdKind } from "./types.js";

/** Checks an id given by a caller: a non-empty string without surrounding spaces. */
export function checkId(field: string, value: unknown): string {
  if (typeof value === "string" && value.length > 0 && value.trim() === value) return value;
  return fail(
    "INVALID_CORRELATION",
    `${field} must be a non-empty string without surrounding spaces (got ${describeValue(value)})`,
  );
}

/** The id given, or a new one from the generator; refused when neither is there. */
export function idOrNew(
  field: string,
  given: string | undefined,
  kind: IdKind,
  generateId: IdGenerator | undefined,
): string {
  if (given !== undefined) return checkId(field, given);
  if (generateId === undefined) {
    return fail(
      "ID_GENERATOR_REQUIRED",
      `${field} was not given and no generateId was passed: pass the ${field}, or a generateId such as uuidIdGenerator`,
    );
  }
  return checkId(`${field} from generateId("${kind}")`, generateId(kind));
}

/**
 * An `IdGenerator` over `crypto.randomUUID()`, available in Convex functions (where randomness
 * is seeded per transaction) and in Node 20.
 */
export const uuidIdGenerator: IdGenerator = () => {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== "function") {
    return fail(
      "ID_GENERATOR_UNAVAILABLE",
      "crypto.randomUUID is not available in this runtime: pass another generateId",
    );
  }
  return crypto.randomUUID();
};
