import type { Decider } from "./decider.js";
import { emittedEvents } from "./emittedEvents.js";
import { fold } from "./fold.js";
import type { AnyCommand, AnyEvent } from "./messages.js";
import type { DeciderOutput } from "./output.js";

export type DecideAndEvolveResult<TState, TEvent, TData, TStateUpdate> = {
  readonly output: DeciderOutput<TEvent, TData, TStateUpdate>;
  /** The state after the emitted events; the given state itself when rejected. */
  readonly state: TState;
};

/**
 * Decides a command and evolves the state with what it emitted: the events of a success, the
 * audit event of a failure, nothing for a rejection.
 *
 * @example
 * const { output, state } = decideAndEvolve(orderDecider, current, command, context);
 */
export function decideAndEvolve<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
>(
  decider: Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate>,
  state: NoInfer<TState>,
  command: NoInfer<TCommand>,
  context: NoInfer<TContext>,
): DecideAndEvolveResult<TState, TEvent, TData, TStateUpdate> {
  const output = decider.decide(state, command, context);
  return { output, state: fold(decider, emittedEvents(output), state) };
}
