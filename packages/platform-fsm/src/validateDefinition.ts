import { describeValue, quoteList } from "./format.js";

export const DEFAULT_FSM_NAME = "fsm";

/** A definition that passed every check, copied so later edits to the input cannot leak in. */
export interface NormalizedDefinition {
  readonly name: string;
  readonly initial: string;
  readonly states: readonly string[];
  readonly targets: ReadonlyMap<string, readonly string[]>;
}

export type ValidationResult =
  | { readonly ok: true; readonly definition: NormalizedDefinition }
  | { readonly ok: false; readonly name: string; readonly problems: readonly string[] };

/**
 * Checks a definition that may come from untyped code and lists every problem found. The types
 * of `defineFSM` already catch most of these at compile time; this is the run-time guarantee.
 */
export function validateDefinition(input: unknown): ValidationResult {
  if (!isRecord(input)) {
    return {
      ok: false,
      name: DEFAULT_FSM_NAME,
      problems: [
        `the definition must be an object with "initial" and "transitions" (got ${describeValue(input)})`,
      ],
    };
  }
  const problems: string[] = [];
  const name = readName(input.name, problems);
  const transitions = input.transitions;
  if (!isRecord(transitions)) {
    problems.push(
      `"transitions" must be an object mapping each state to its allowed targets (got ${describeValue(transitions)})`,
    );
    checkInitial(input, [], problems);
    return { ok: false, name, problems };
  }

  if (Object.getOwnPropertySymbols(transitions).length > 0) {
    problems.push('state names must be strings, but "transitions" has symbol keys');
  }
  const states = Object.keys(transitions);
  if (states.length === 0) problems.push('no states defined: "transitions" is empty');
  if (states.includes(""))
    problems.push('state names must be non-empty strings, but "" is a state');

  const known = new Set(states);
  const targets = new Map<string, readonly string[]>();
  for (const state of states) {
    targets.set(state, checkTargets(state, transitions[state], known, problems));
  }
  const initial = checkInitial(input, states, problems);

  if (problems.length > 0 || initial === undefined) return { ok: false, name, problems };
  return { ok: true, definition: { name, initial, states, targets } };
}

function readName(value: unknown, problems: string[]): string {
  if (value === undefined) return DEFAULT_FSM_NAME;
  if (typeof value === "string" && value.length > 0) return value;
  problems.push(`"name" must be a non-empty string when given (got ${describeValue(value)})`);
  return DEFAULT_FSM_NAME;
}

function checkTargets(
  state: string,
  value: unknown,
  known: ReadonlySet<string>,
  problems: string[],
): readonly string[] {
  const where = `state ${describeValue(state)}`;
  if (!Array.isArray(value)) {
    problems.push(
      `${where}: targets must be an array of state names (got ${describeValue(value)})`,
    );
    return [];
  }
  const seen = new Set<string>();
  const valid: string[] = [];
  value.forEach((target: unknown, index) => {
    if (typeof target !== "string") {
      problems.push(
        `${where}: target at index ${index} must be a state name string (got ${describeValue(target)})`,
      );
    } else if (!known.has(target)) {
      problems.push(
        `${where}: target ${describeValue(target)} is not a known state (known states: ${quoteList([...known])})`,
      );
    } else if (seen.has(target)) {
      problems.push(`${where}: target ${describeValue(target)} is listed more than once`);
    } else {
      seen.add(target);
      valid.push(target);
    }
  });
  return Object.freeze(valid);
}

function checkInitial(
  input: Record<string, unknown>,
  states: readonly string[],
  problems: string[],
): string | undefined {
  const initial = input.initial;
  if (initial === undefined) {
    problems.push('no initial state: "initial" is missing');
    return undefined;
  }
  if (typeof initial !== "string") {
    problems.push(`the initial state must be a state name string (got ${describeValue(initial)})`);
    return undefined;
  }
  if (!states.includes(initial)) {
    problems.push(
      `the initial state ${describeValue(initial)} is not one of the states (known states: ${quoteList(states)})`,
    );
    return undefined;
  }
  return initial;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
