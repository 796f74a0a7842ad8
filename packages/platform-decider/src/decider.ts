import { deepFreeze } from "./deepFreeze.js";
import type { AnyCommand, AnyEvent } from "./messages.js";
import type { DeciderOutput } from "./output.js";

/** What a decision may know besides state and command. Deciders never call a clock. */
export type DecisionContext = {
  readonly now: number;
  readonly commandId: string;
  readonly correlationId: string;
};

/**
 * Domain logic as a plain object of pure functions: `decide` turns a command into an outcome,
 * `evolve` applies one event to the state, `initialState` is the state before any event.
 */
export type Decider<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext = DecisionContext,
  TData = unknown,
  TStateUpdate = unknown,
> = {
  readonly decide: (
    state: TState,
    command: TCommand,
    context: TContext,
  ) => DeciderOutput<TEvent, TData, TStateUpdate>;
  readonly evolve: (state: TState, event: TEvent) => TState;
  readonly initialState: TState;
};

/**
 * Returns the decider itself, frozen, with its types inferred or pinned. The initial state is
 * frozen deeply too: every fold starts from it, so a mutation would leak into other streams.
 *
 * @example
 * export const orderDecider = defineDecider<OrderState, OrderCommand, OrderEvent>({
 *   initialState: { status: "none", items: [] },
 *   decide: (state, command, context) => { ... },
 *   evolve: (state, event) => { ... },
 * });
 */
export function defineDecider<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext = DecisionContext,
  TData = unknown,
  TStateUpdate = unknown,
>(
  decider: Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate>,
): Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate> {
  deepFreeze(decider.initialState);
  return Object.freeze(decider);
}
