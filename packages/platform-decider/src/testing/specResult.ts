import { isFailed, isRejected, isSuccess } from "../guards.js";
import type { AnyCommand, AnyEvent } from "../messages.js";
import type { DeciderOutput } from "../output.js";
import type { DeepPartial } from "./deepPartial.js";
import { describeError, describeOutput } from "./describe.js";
import { diff, diffAt } from "./diff.js";
import { eventLines, textLines } from "./eventLines.js";
import type { Execution } from "./execute.js";
import { formatValue, MISSING } from "./format.js";
import { DeciderSpecError } from "./specError.js";

export type RejectedExpectation = {
  /** The exact message, or a pattern it must match. */
  readonly message?: string | RegExp;
  /** Keys the rejection context must have, compared deeply; other keys are ignored. */
  readonly context?: Record<string, unknown>;
};

export type FailedExpectation<TEvent> = {
  /** The audit event; pass `undefined` explicitly to require that there is none. */
  readonly event?: TEvent | undefined;
};

/**
 * The result of `when`. Every assertion throws a `DeciderSpecError` with a diff on mismatch and
 * returns the result otherwise, so assertions chain.
 */
export interface DeciderSpecResult<TState, TEvent extends AnyEvent, TData, TStateUpdate> {
  /** The decider's output; throws if decide threw. */
  readonly output: DeciderOutput<TEvent, TData, TStateUpdate>;
  /** The given state evolved with the emitted events; throws if decide threw. */
  readonly state: TState;
  /** Success with exactly these events, in order, deep-equal. */
  thenEvents(expected: readonly TEvent[]): this;
  /** Success with events of exactly these types, in order. */
  thenEventTypes(expected: readonly TEvent["type"][]): this;
  /** Rejected with this code, optionally this message and (a subset of) this context. */
  thenRejected(code: string, expected?: RejectedExpectation): this;
  /** Failed, optionally with this reason and this audit event. */
  thenFailed(reason?: string | RegExp, expected?: FailedExpectation<TEvent>): this;
  /** The state after the emitted events, deep-equal. */
  thenState(expected: TState): this;
  /** The state after the emitted events has at least these values. */
  thenStateMatches(expected: DeepPartial<TState>): this;
  /** Success whose data for the caller is deep-equal to this. */
  thenData(expected: TData): this;
  /** Success whose state update is deep-equal to this. */
  thenStateUpdate(expected: TStateUpdate): this;
  /** decide threw; a string must equal the error's code or message, a pattern must match it. */
  thenThrows(expected?: string | RegExp): this;
}

export class SpecResult<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
> implements DeciderSpecResult<TState, TEvent, TData, TStateUpdate> {
  readonly #execution: Execution<TState, TCommand, TEvent, TContext, TData, TStateUpdate>;

  constructor(execution: Execution<TState, TCommand, TEvent, TContext, TData, TStateUpdate>) {
    this.#execution = execution;
  }

  get output(): DeciderOutput<TEvent, TData, TStateUpdate> {
    return this.#returned("output").output;
  }

  get state(): TState {
    return this.#returned("state").state;
  }

  thenEvents(expected: readonly TEvent[]): this {
    const output = this.#outcome("thenEvents", "success", isSuccess);
    this.#check("thenEvents", "the events differ", eventLines(expected, output.events));
    return this;
  }

  thenEventTypes(expected: readonly TEvent["type"][]): this {
    const output = this.#outcome("thenEventTypes", "success", isSuccess);
    const actual = output.events.map((event) => event.type);
    if (diff(expected, actual).length > 0) {
      this.#check("thenEventTypes", "the event types differ", [
        `event types: expected ${formatValue(expected)}, received ${formatValue(actual)}`,
      ]);
    }
    return this;
  }

  thenRejected(code: string, expected: RejectedExpectation = {}): this {
    const output = this.#outcome("thenRejected", `rejected ${code}`, isRejected);
    const lines =
      output.code === code
        ? []
        : [`code: expected ${JSON.stringify(code)}, received ${JSON.stringify(output.code)}`];
    lines.push(...textLines("message", expected.message, output.message));
    if (expected.context !== undefined) {
      lines.push(...diffAt(expected.context, output.context ?? MISSING, "context", true));
    }
    this.#check("thenRejected", "the rejection differs", lines);
    return this;
  }

  thenFailed(reason?: string | RegExp, expected: FailedExpectation<TEvent> = {}): this {
    const output = this.#outcome("thenFailed", "failed", isFailed);
    const lines = textLines("reason", reason, output.reason);
    if ("event" in expected) {
      if (expected.event !== undefined) {
        lines.push(...diffAt(expected.event, output.event ?? MISSING, "event", false));
      } else if (output.event !== undefined) {
        lines.push(`event: expected no audit event, received ${formatValue(output.event)}`);
      }
    }
    this.#check("thenFailed", "the failure differs", lines);
    return this;
  }

  thenState(expected: TState): this {
    const { state } = this.#returned("thenState");
    this.#check("thenState", "the state differs", diff(expected, state, { path: "state" }));
    return this;
  }

  thenStateMatches(expected: DeepPartial<TState>): this {
    const { state } = this.#returned("thenStateMatches");
    const lines = diff(expected, state, { path: "state", partial: true });
    this.#check("thenStateMatches", "the state differs", lines);
    return this;
  }

  thenData(expected: TData): this {
    const output = this.#outcome("thenData", "success", isSuccess);
    this.#check("thenData", "the data differs", diff(expected, output.data, { path: "data" }));
    return this;
  }

  thenStateUpdate(expected: TStateUpdate): this {
    const output = this.#outcome("thenStateUpdate", "success", isSuccess);
    const lines = diff(expected, output.stateUpdate, { path: "stateUpdate" });
    this.#check("thenStateUpdate", "the state update differs", lines);
    return this;
  }

  thenThrows(expected?: string | RegExp): this {
    const execution = this.#execution;
    if (execution.kind === "returned") {
      throw new DeciderSpecError(
        `${this.#label("thenThrows")}: expected an exception, received ${describeOutput(execution.output)}`,
      );
    }
    if (expected !== undefined && !errorMatches(execution.error, expected)) {
      throw new DeciderSpecError(
        `${this.#label("thenThrows")}: expected an exception with code or message ` +
          `${formatValue(expected)}, received ${describeError(execution.error)}`,
        [],
        { cause: execution.error },
      );
    }
    return this;
  }

  #label(assertion: string): string {
    return `${assertion} after ${this.#execution.command.type}`;
  }

  #returned(assertion: string) {
    const execution = this.#execution;
    if (execution.kind === "threw") {
      throw new DeciderSpecError(
        `${this.#label(assertion)}: expected a returned output, received ${describeError(execution.error)}`,
        [],
        { cause: execution.error },
      );
    }
    return execution;
  }

  #outcome<TNarrow extends DeciderOutput<TEvent, TData, TStateUpdate>>(
    assertion: string,
    expected: string,
    guard: (output: DeciderOutput<TEvent, TData, TStateUpdate>) => output is TNarrow,
  ): TNarrow {
    const { output } = this.#returned(assertion);
    if (!guard(output)) {
      throw new DeciderSpecError(
        `${this.#label(assertion)}: expected ${expected}, received ${describeOutput(output)}`,
      );
    }
    return output;
  }

  #check(assertion: string, summary: string, lines: readonly string[]): void {
    if (lines.length > 0)
      throw new DeciderSpecError(`${this.#label(assertion)}: ${summary}`, lines);
  }
}

function errorMatches(error: unknown, expected: string | RegExp): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof expected === "string") return code === expected || message === expected;
  return (
    message.search(expected) !== -1 || (typeof code === "string" && code.search(expected) !== -1)
  );
}
