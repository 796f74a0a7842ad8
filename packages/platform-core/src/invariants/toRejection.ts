import { rejected } from "@convex-es/platform-decider";
import type { DeciderRejected } from "@convex-es/platform-decider";
import { fail } from "../errors/coreError.js";
import type { InvariantViolation } from "./types.js";

/**
 * Turns violations into a decider's `rejected(code, message, context)`, so a decider answers
 * with the invariant's code directly.
 *
 * - One violation: exactly `rejected(code, message, context)`.
 * - Several (from `checkAll`): the first one's code, every message joined with `"; "`, and a
 *   context with the first one's context plus `violations` (each `{ invariant, code, message,
 *   context? }`), so nothing is lost.
 *
 * An empty list is a programming error (`NO_VIOLATIONS`): check `length` first.
 *
 * @example
 * const violation = submitRules.firstViolation(state);
 * if (violation) return invariantsToRejection(violation);
 */
export function invariantsToRejection(
  violations: InvariantViolation | readonly InvariantViolation[],
): DeciderRejected {
  const list: readonly InvariantViolation[] = Array.isArray(violations)
    ? violations
    : [violations as InvariantViolation];
  const [first] = list;
  if (first === undefined) {
    return fail(
      "NO_VIOLATIONS",
      "invariantsToRejection needs at least one violation: call it only when checkAll returned a non-empty list or firstViolation returned one",
    );
  }
  if (list.length === 1) return rejected(first.code, first.message, first.context);
  return rejected(first.code, list.map((v) => v.message).join("; "), {
    ...first.context,
    violations: list.map((v) => ({ ...v })),
  });
}
