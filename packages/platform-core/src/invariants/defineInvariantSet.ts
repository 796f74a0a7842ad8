import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import type {
  AnyInvariant,
  Invariant,
  InvariantContextArgs,
  InvariantSet,
  InvariantViolation,
} from "./types.js";
import { InvariantViolationError } from "./violationError.js";

type StateOf<I> = I extends Invariant<infer S, infer _C, infer _K> ? S : never;
type ContextOf<I> = I extends Invariant<infer _S, infer C, infer _K> ? C : never;
type CodeOf<I> = I extends Invariant<infer _S, infer _C, infer K> ? K : never;

function problemsOf(invariants: unknown): CoreProblem[] {
  if (!Array.isArray(invariants) || invariants.length === 0) {
    return [
      {
        code: "INVALID_INVARIANT",
        message: `an invariant set takes a non-empty array of invariants made by defineInvariant (got ${
          Array.isArray(invariants) ? "an empty array" : describeValue(invariants)
        })`,
      },
    ];
  }
  const problems: CoreProblem[] = [];
  const seen = new Map<string, number>();
  invariants.forEach((entry: unknown, index) => {
    if ((entry as { kind?: unknown } | null)?.kind !== "invariant") {
      problems.push({
        code: "INVALID_INVARIANT",
        message: `entry ${index} is not an invariant made by defineInvariant (got ${describeValue(entry)})`,
      });
      return;
    }
    const { name } = entry as AnyInvariant;
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push({
        code: "DUPLICATE_INVARIANT",
        message: `invariant name "${name}" is used twice (entries ${first} and ${index}): expected one invariant per name`,
      });
    } else {
      seen.set(name, index);
    }
  });
  return problems;
}

/**
 * Gathers invariants over one state. `checkAll` evaluates every one and returns all violations
 * (for forms and reports), `firstViolation` stops at the first (for deciders), `assertAll`
 * throws them. Refused with a `CoreError` when the list is empty, holds something that is not
 * an invariant (`INVALID_INVARIANT`) or repeats a name (`DUPLICATE_INVARIANT`).
 *
 * @example
 * export const submitRules = defineInvariantSet([orderIsDraft, orderHasItems]);
 * const violations = submitRules.checkAll(order);
 * if (violations.length > 0) return invariantsToRejection(violations);
 */
export function defineInvariantSet<const TInvariants extends readonly AnyInvariant[]>(
  invariants: TInvariants,
): InvariantSet<
  StateOf<TInvariants[number]>,
  ContextOf<TInvariants[number]>,
  CodeOf<TInvariants[number]>
> {
  type S = StateOf<TInvariants[number]>;
  type C = ContextOf<TInvariants[number]>;
  type K = CodeOf<TInvariants[number]>;
  const problems = problemsOf(invariants);
  if (problems.length > 0) {
    throw new CoreError(problems as [CoreProblem, ...CoreProblem[]], "invariant set");
  }
  const list = Object.freeze([...invariants]) as unknown as readonly Invariant<S, C, K>[];

  const checkAll = (state: S, ...args: InvariantContextArgs<C>) => {
    const violations: InvariantViolation<K>[] = [];
    for (const invariant of list) {
      const violation = invariant.violation(state, ...args);
      if (violation !== undefined) violations.push(violation);
    }
    return Object.freeze(violations);
  };

  return Object.freeze({
    kind: "invariantSet",
    invariants: list,
    names: Object.freeze(list.map((i) => i.name)),
    codes: Object.freeze([...new Set(list.map((i) => i.code))]),
    checkAll,
    firstViolation: (state: S, ...args: InvariantContextArgs<C>) => {
      for (const invariant of list) {
        const violation = invariant.violation(state, ...args);
        if (violation !== undefined) return violation;
      }
      return undefined;
    },
    assertAll: (state: S, ...args: InvariantContextArgs<C>) => {
      const violations = checkAll(state, ...args);
      if (violations.length > 0) {
        throw new InvariantViolationError(
          violations as unknown as [InvariantViolation<K>, ...InvariantViolation<K>[]],
        );
      }
    },
  });
}
