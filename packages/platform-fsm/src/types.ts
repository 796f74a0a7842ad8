/**
 * What `defineFSM` accepts. The state union `S` is inferred from the keys of `transitions`;
 * `initial` and every target must name one of those keys.
 */
export interface FSMDefinition<S extends string> {
  /** Used in error messages, e.g. "orderStatus". Defaults to "fsm". */
  readonly name?: string;
  readonly initial: NoInfer<S>;
  /** Each state maps to the states it may move to; `[]` marks a terminal state. */
  readonly transitions: { readonly [K in S]: readonly NoInfer<S>[] };
}

/** A validated, frozen state machine over the states `S`. */
export interface FSM<S extends string> {
  readonly name: string;
  readonly initial: S;
  /** Every state, in definition order. */
  readonly states: readonly S[];
  /** True when `to` is a listed target of `from`; false for unknown states. */
  canTransition(from: S, to: S): boolean;
  /** Throws `InvalidTransitionError` unless `from -> to` is allowed. */
  assertTransition(from: S, to: S): void;
  /** The targets of `from`, in definition order. Throws `UnknownStateError` for unknown states. */
  validTransitions(from: S): readonly S[];
  /** True when `state` has no outgoing transitions. Throws `UnknownStateError` for unknown states. */
  isTerminal(state: S): boolean;
  /** Narrows an untrusted value (a stored status, say) to a state of this machine. */
  isValidState(value: unknown): value is S;
  /** Asserts `from -> to` and returns `to`, so evolve can write `status: fsm.transition(s, "x")`. */
  transition(from: S, to: S): S;
}

/** The state union of a machine: `StateOf<typeof orderStatus>`. */
export type StateOf<F> = F extends FSM<infer S> ? S : never;
