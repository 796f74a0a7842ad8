import { decideAndEvolve } from "../decideAndEvolve.js";
import type { Decider } from "../decider.js";
import type { AnyCommand, AnyEvent } from "../messages.js";
import type { DeciderOutput } from "../output.js";
import { describeError } from "./describe.js";
import { diff } from "./diff.js";
import { snapshot } from "./snapshot.js";
import { DeciderSpecError } from "./specError.js";

/** What happened when a spec ran its command: a returned output, or a thrown value. */
export type Execution<TState, TCommand, TEvent, TContext, TData, TStateUpdate> = {
  readonly command: TCommand;
  readonly context: TContext;
  readonly givenState: TState;
} & (
  | {
      readonly kind: "returned";
      readonly output: DeciderOutput<TEvent, TData, TStateUpdate>;
      readonly state: TState;
    }
  | { readonly kind: "threw"; readonly error: unknown }
);

/** Folds given events from the initial state, naming the event if evolve throws. */
export function stateFromEvents<TState, TEvent extends AnyEvent>(
  decider: Pick<Decider<TState, AnyCommand, TEvent>, "evolve" | "initialState">,
  events: readonly TEvent[],
): TState {
  let state = decider.initialState;
  events.forEach((event, index) => {
    try {
      state = decider.evolve(state, event);
    } catch (error) {
      throw new DeciderSpecError(
        `given: evolve threw on event #${index + 1} (${event.type}): ${describeError(error)}`,
        [],
        { cause: error },
      );
    }
  });
  return state;
}

/**
 * Decides and evolves once, proving on the way that the inputs were not mutated and, when
 * `checkPurity` is on, that a second run with the same inputs gives the same result.
 */
export function execute<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
>(
  decider: Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate>,
  givenState: TState,
  command: TCommand,
  context: TContext,
  checkPurity: boolean,
): Execution<TState, TCommand, TEvent, TContext, TData, TStateUpdate> {
  const inputs = { givenState, command, context };
  const before = snapshot({ state: givenState, command });
  const first = attempt(decider, givenState, command, context);
  const mutations = diff(before, { state: givenState, command });
  if (mutations.length > 0) {
    throw new DeciderSpecError(
      `when ${command.type}: decide or evolve mutated its input; return new objects instead`,
      mutations,
    );
  }
  if (checkPurity) {
    const second = attempt(decider, givenState, command, context);
    const drift = diff(summarize(first), summarize(second));
    if (drift.length > 0) {
      throw new DeciderSpecError(
        `when ${command.type}: the same state, command and context gave a different result on a ` +
          "second run (expected = first run, received = second run); read time and ids from " +
          "the context, not from a clock or random source",
        drift,
      );
    }
  }
  return { ...inputs, ...first };
}

type Attempt<TState, TEvent, TData, TStateUpdate> =
  | {
      readonly kind: "returned";
      readonly output: DeciderOutput<TEvent, TData, TStateUpdate>;
      readonly state: TState;
    }
  | { readonly kind: "threw"; readonly error: unknown };

function attempt<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
>(
  decider: Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate>,
  state: TState,
  command: TCommand,
  context: TContext,
): Attempt<TState, TEvent, TData, TStateUpdate> {
  try {
    return { kind: "returned", ...decideAndEvolve(decider, state, command, context) };
  } catch (error) {
    return { kind: "threw", error };
  }
}

function summarize(result: Attempt<unknown, unknown, unknown, unknown>): unknown {
  return result.kind === "returned"
    ? { output: result.output, state: result.state }
    : { threw: describeError(result.error) };
}
