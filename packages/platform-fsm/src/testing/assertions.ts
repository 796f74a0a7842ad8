import { defineFSM } from "../defineFsm.js";
import { isFSMDefinitionError } from "../fsmDefinitionError.js";
import type { FSMDefinitionError } from "../fsmDefinitionError.js";
import { describeValue, quoteList } from "../format.js";
import type { FSM, FSMDefinition } from "../types.js";

/** One expectation of `assertTransitionTable`. */
export interface TransitionRow<S extends string> {
  readonly from: S;
  readonly to: S;
  readonly allowed: boolean;
}

/** Fails unless `fsm` allows `from -> to`. */
export function assertCanTransition<S extends string>(fsm: FSM<S>, from: S, to: S): void {
  requireStates(fsm, from, to);
  if (fsm.canTransition(from, to)) return;
  throw new Error(
    `expected ${fsm.name} to allow ${arrow(from, to)}, but it does not; ` +
      `allowed targets from ${describeValue(from)}: ${quoteList(fsm.validTransitions(from))}`,
  );
}

/** Fails if `fsm` allows `from -> to`. Both states must exist, so a typo cannot pass. */
export function assertCannotTransition<S extends string>(fsm: FSM<S>, from: S, to: S): void {
  requireStates(fsm, from, to);
  if (!fsm.canTransition(from, to)) return;
  throw new Error(`expected ${fsm.name} to refuse ${arrow(from, to)}, but it allows it`);
}

/** Fails unless `state` has no outgoing transitions. */
export function assertTerminal<S extends string>(fsm: FSM<S>, state: S): void {
  requireStates(fsm, state);
  const targets = fsm.validTransitions(state);
  if (targets.length === 0) return;
  throw new Error(
    `expected ${describeValue(state)} to be terminal in ${fsm.name}, ` +
      `but it allows transitions to: ${quoteList(targets)}`,
  );
}

/** Fails if `state` has no outgoing transitions. */
export function assertNotTerminal<S extends string>(fsm: FSM<S>, state: S): void {
  requireStates(fsm, state);
  if (fsm.validTransitions(state).length > 0) return;
  throw new Error(
    `expected ${describeValue(state)} to have outgoing transitions in ${fsm.name}, but it is terminal`,
  );
}

/** Fails unless the targets of `from` are exactly `expected`, in any order. */
export function assertValidTransitions<S extends string>(
  fsm: FSM<S>,
  from: S,
  expected: readonly S[],
): void {
  requireStates(fsm, from, ...expected);
  const actual = fsm.validTransitions(from);
  const missing = expected.filter((s) => !actual.includes(s));
  const unexpected = actual.filter((s) => !expected.includes(s));
  if (missing.length === 0 && unexpected.length === 0) return;
  const lines = [
    `${fsm.name}: valid transitions from ${describeValue(from)} differ`,
    `  expected: ${quoteList(expected)}`,
    `  actual:   ${quoteList(actual)}`,
  ];
  if (missing.length > 0) lines.push(`  missing:    ${quoteList(missing)}`);
  if (unexpected.length > 0) lines.push(`  unexpected: ${quoteList(unexpected)}`);
  throw new Error(lines.join("\n"));
}

/** Checks every row and reports all mismatches in one error. */
export function assertTransitionTable<S extends string>(
  fsm: FSM<S>,
  rows: readonly TransitionRow<S>[],
): void {
  if (rows.length === 0) throw new Error(`${fsm.name}: the transition table has no rows`);
  const mismatches: string[] = [];
  rows.forEach(({ from, to, allowed }, index) => {
    const unknown = [from, to].filter((s) => !fsm.isValidState(s));
    const where = `row ${index + 1}: ${arrow(from, to)}`;
    if (unknown.length > 0) {
      mismatches.push(`${where} names unknown state(s) ${quoteList(unknown)}`);
    } else if (fsm.canTransition(from, to) !== allowed) {
      mismatches.push(
        allowed
          ? `${where} expected allowed, but ${fsm.name} refuses it`
          : `${where} expected refused, but ${fsm.name} allows it`,
      );
    }
  });
  if (mismatches.length === 0) return;
  const count = mismatches.length === 1 ? "1 mismatch" : `${mismatches.length} mismatches`;
  throw new Error(
    `${fsm.name}: transition table has ${count}:\n${mismatches.map((m) => `  - ${m}`).join("\n")}`,
  );
}

/**
 * Fails unless `defineFSM(definition)` throws `FSMDefinitionError` and, when given, one of its
 * problems contains `expectedProblemSubstring`. Returns the error for further checks.
 */
export function assertRejectsDefinition(
  definition: unknown,
  expectedProblemSubstring?: string,
): FSMDefinitionError {
  let error: unknown;
  try {
    defineFSM(definition as FSMDefinition<string>);
  } catch (e) {
    error = e;
  }
  if (error === undefined) {
    throw new Error("expected defineFSM to reject the definition, but it was accepted");
  }
  if (!isFSMDefinitionError(error)) {
    throw new Error(
      `expected defineFSM to throw FSMDefinitionError, but it threw: ${String(error)}`,
    );
  }
  if (
    expectedProblemSubstring !== undefined &&
    !error.problems.some((p) => p.includes(expectedProblemSubstring))
  ) {
    throw new Error(
      `expected a definition problem containing ${describeValue(expectedProblemSubstring)}, ` +
        `but the problems were:\n${error.problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return error;
}

function requireStates<S extends string>(fsm: FSM<S>, ...states: readonly S[]): void {
  const unknown = states.filter((s) => !fsm.isValidState(s));
  if (unknown.length === 0) return;
  throw new Error(
    `${fsm.name} has no state ${quoteList(unknown)} (known states: ${quoteList(fsm.states)})`,
  );
}

function arrow(from: unknown, to: unknown): string {
  return `${describeValue(from)} -> ${describeValue(to)}`;
}
