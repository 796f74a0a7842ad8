/**
 * Replays events onto a state with `evolve`, starting from the decider's initial state.
 *
 * @example
 * const state = fold(orderDecider, history);
 */
export function fold<TState, TEvent>(
  decider: {
    readonly evolve: (state: TState, event: TEvent) => TState;
    readonly initialState: TState;
  },
  events: readonly NoInfer<TEvent>[],
  from: NoInfer<TState> = decider.initialState,
): TState {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
