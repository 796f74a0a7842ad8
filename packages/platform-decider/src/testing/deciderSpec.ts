import type { Decider } from "../decider.js";
import type { AnyCommand, AnyEvent } from "../messages.js";
import type { SpecContextOption } from "./context.js";
import { resolveContext } from "./context.js";
import { execute, stateFromEvents } from "./execute.js";
import type { DeciderSpecResult } from "./specResult.js";
import { SpecResult } from "./specResult.js";

export type DeciderSpecOptions<TContext> = {
  /** Fields over `defaultSpecContext`, or a factory called once per `when`. */
  readonly context?: SpecContextOption<TContext>;
  /**
   * Decide a second time with the same inputs and require the same result (default true).
   * Input mutation is always checked.
   */
  readonly checkPurity?: boolean;
};

/** Where the state before the command comes from. */
export interface DeciderSpec<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
> {
  /** The state is these events folded with evolve from the initial state. */
  given(
    events: readonly TEvent[],
  ): DeciderSpecGiven<TState, TCommand, TEvent, TContext, TData, TStateUpdate>;
  /** The state is exactly this value. */
  givenState(
    state: TState,
  ): DeciderSpecGiven<TState, TCommand, TEvent, TContext, TData, TStateUpdate>;
  /** The state is the decider's initial state. */
  givenNothing(): DeciderSpecGiven<TState, TCommand, TEvent, TContext, TData, TStateUpdate>;
}

export interface DeciderSpecGiven<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
> {
  /** Decides the command (context fields may be overridden) and returns the assertions. */
  when(
    command: TCommand,
    context?: Partial<TContext>,
  ): DeciderSpecResult<TState, TEvent, TData, TStateUpdate>;
}

/**
 * Given/when/then for a decider, with no test framework: assertions throw `DeciderSpecError`.
 *
 * @example
 * const spec = deciderSpec(orderDecider);
 * spec.given([orderCreated]).when(addItem).thenEvents([itemAdded]).thenStateMatches({ total: 500 });
 * spec.givenState(submittedOrder).when(addItem).thenRejected("ORDER_NOT_DRAFT");
 */
export function deciderSpec<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
>(
  decider: Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate>,
  options: DeciderSpecOptions<NoInfer<TContext>> = {},
): DeciderSpec<TState, TCommand, TEvent, TContext, TData, TStateUpdate> {
  const from = (
    givenState: TState,
  ): DeciderSpecGiven<TState, TCommand, TEvent, TContext, TData, TStateUpdate> => ({
    when: (command, overrides) => {
      const context = resolveContext(options.context, overrides);
      const checkPurity = options.checkPurity ?? true;
      return new SpecResult(execute(decider, givenState, command, context, checkPurity));
    },
  });
  return Object.freeze({
    given: (events: readonly TEvent[]) => from(stateFromEvents(decider, events)),
    givenState: (state: TState) => from(state),
    givenNothing: () => from(decider.initialState),
  });
}
