import { FSMDefinitionError } from "./fsmDefinitionError.js";
import { InvalidTransitionError } from "./invalidTransitionError.js";
import type { FSM, FSMDefinition } from "./types.js";
import { UnknownStateError } from "./unknownStateError.js";
import { validateDefinition } from "./validateDefinition.js";

/**
 * Defines a finite state machine. The states are the keys of `transitions`, each mapped to the
 * states it may move to; a state with `[]` is terminal. The definition is checked once, here:
 * any problem throws `FSMDefinitionError` listing all of them.
 *
 * @example
 * const orderStatus = defineFSM({
 *   name: "orderStatus",
 *   initial: "draft",
 *   transitions: {
 *     draft: ["submitted", "cancelled"],
 *     submitted: ["confirmed", "cancelled"],
 *     confirmed: [],
 *     cancelled: [],
 *   },
 * });
 * orderStatus.assertTransition("draft", "submitted");
 */
export function defineFSM<const S extends string>(definition: FSMDefinition<S>): FSM<S> {
  const result = validateDefinition(definition);
  if (!result.ok) throw new FSMDefinitionError(result.name, result.problems);
  const { name, initial, targets } = result.definition;
  const states = Object.freeze([...result.definition.states]) as readonly S[];

  const isValidState = (value: unknown): value is S =>
    typeof value === "string" && targets.has(value);

  const targetsOf = (state: S): readonly S[] => {
    const found = isValidState(state) ? targets.get(state) : undefined;
    if (found === undefined) throw new UnknownStateError({ fsm: name, state, knownStates: states });
    return found as readonly S[];
  };

  const canTransition = (from: S, to: S): boolean =>
    isValidState(from) && isValidState(to) && (targets.get(from) ?? []).includes(to);

  const assertTransition = (from: S, to: S): void => {
    if (canTransition(from, to)) return;
    const allowed = isValidState(from) ? (targets.get(from) ?? []) : [];
    const reason = !isValidState(from)
      ? "unknown_from"
      : !isValidState(to)
        ? "unknown_to"
        : allowed.length === 0
          ? "terminal"
          : "not_allowed";
    throw new InvalidTransitionError({ fsm: name, from, to, allowed, reason, knownStates: states });
  };

  return Object.freeze({
    name,
    initial: initial as S,
    states,
    canTransition,
    assertTransition,
    validTransitions: targetsOf,
    isTerminal: (state: S) => targetsOf(state).length === 0,
    isValidState,
    transition: (from: S, to: S): S => {
      assertTransition(from, to);
      return to;
    },
  });
}
