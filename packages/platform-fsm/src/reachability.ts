import type { FSM } from "./types.js";

/**
 * Every state reachable from `from` (default: the initial state), `from` included, in
 * breadth-first order. Throws `UnknownStateError` when `from` is not a state.
 */
export function reachableStates<S extends string>(
  fsm: FSM<S>,
  from: S = fsm.initial,
): readonly S[] {
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const target of fsm.validTransitions(next)) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return Object.freeze([...seen]);
}

/** States that no path from the initial state reaches, in definition order; usually a mistake. */
export function unreachableStates<S extends string>(fsm: FSM<S>): readonly S[] {
  const reachable = new Set(reachableStates(fsm));
  return Object.freeze(fsm.states.filter((state) => !reachable.has(state)));
}
