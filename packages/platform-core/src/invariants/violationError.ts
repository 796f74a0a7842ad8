import type { InvariantViolation } from "./types.js";

/**
 * Thrown by `assert` and `assertAll` when rules do not hold. `code` is the first violation's
 * code, so a caller can match it like a rejection code; `violations` lists all of them.
 */
export class InvariantViolationError<TCode extends string = string> extends Error {
  override readonly name = "InvariantViolationError";
  readonly code: TCode;
  readonly violations: readonly InvariantViolation<TCode>[];

  constructor(violations: readonly [InvariantViolation<TCode>, ...InvariantViolation<TCode>[]]) {
    const [first] = violations;
    super(
      violations.length === 1
        ? `${first.code}: ${first.message} (invariant "${first.invariant}")`
        : `${violations.length} invariants are violated:\n` +
            violations
              .map((v) => `  - ${v.code}: ${v.message} (invariant "${v.invariant}")`)
              .join("\n"),
    );
    this.code = first.code;
    this.violations = Object.freeze([...violations]);
  }
}

/**
 * True for an `InvariantViolationError`; with a code, only when one of its violations has it.
 * Checks the shape, so errors from another copy of this package are recognised too.
 */
export function isInvariantViolationError(
  error: unknown,
  code?: string,
): error is InvariantViolationError {
  if (!(error instanceof Error) || error.name !== "InvariantViolationError") return false;
  const violations = (error as { violations?: unknown }).violations;
  if (!Array.isArray(violations)) return false;
  return code === undefined || violations.some((v: { code?: unknown }) => v.code === code);
}
