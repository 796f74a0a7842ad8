import type { Decider } from "../decider.js";
import { emittedEvents } from "../emittedEvents.js";
import type { AnyCommand, AnyEvent } from "../messages.js";
import type { DeciderOutput } from "../output.js";
import { resolveContext } from "./context.js";
import type { DeciderSpecOptions } from "./deciderSpec.js";
import type { DeepPartial } from "./deepPartial.js";
import { describeError } from "./describe.js";
import { diff } from "./diff.js";
import { eventLines } from "./eventLines.js";
import { execute, stateFromEvents } from "./execute.js";
import { formatValue } from "./format.js";
import type { DeciderOutcome } from "./outcome.js";
import { outcomeOf, parseOutcome } from "./outcome.js";
import { DeciderSpecError, isDeciderSpecError } from "./specError.js";

/** What a case checks. `events` and `eventTypes` compare the emitted events (success implied). */
export type DeciderCaseExpectation<TState, TEvent extends AnyEvent> = {
  /** `"success"`, `"failed"` or `"rejected:<CODE>"`. */
  readonly outcome?: string;
  readonly events?: readonly TEvent[];
  readonly eventTypes?: readonly TEvent["type"][];
  readonly state?: TState;
  readonly stateMatches?: DeepPartial<TState>;
};

/** One row of a table: a given, a command and what should come out. */
export type DeciderCase<TState, TCommand, TEvent extends AnyEvent, TContext> = {
  readonly name?: string;
  /** Events folded from the initial state, or `{ state }`; the initial state when absent. */
  readonly given?: readonly TEvent[] | { readonly state: TState };
  readonly when: TCommand;
  readonly context?: Partial<TContext>;
  /** An outcome string (`"rejected:ORDER_NOT_DRAFT"`) or an expectation object. */
  readonly expect: string | DeciderCaseExpectation<TState, TEvent>;
};

export type DeciderCaseResult<TState, TEvent, TData, TStateUpdate> = {
  readonly name: string;
  readonly outcome: DeciderOutcome;
  readonly output: DeciderOutput<TEvent, TData, TStateUpdate>;
  readonly state: TState;
};

/**
 * Runs every case and throws one `DeciderSpecError` naming each failing case with its
 * differences; returns the results when all pass.
 *
 * @example
 * runDeciderCases(orderDecider, [
 *   { name: "submit a draft", given: [created, added], when: submit, expect: "success" },
 *   { name: "submit twice", given: { state: submitted }, when: submit, expect: "rejected:ORDER_NOT_DRAFT" },
 * ]);
 */
export function runDeciderCases<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
>(
  decider: Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate>,
  cases: readonly DeciderCase<
    NoInfer<TState>,
    NoInfer<TCommand>,
    NoInfer<TEvent>,
    NoInfer<TContext>
  >[],
  options: DeciderSpecOptions<NoInfer<TContext>> = {},
): DeciderCaseResult<TState, TEvent, TData, TStateUpdate>[] {
  const results: DeciderCaseResult<TState, TEvent, TData, TStateUpdate>[] = [];
  const report: string[] = [];
  let failures = 0;
  cases.forEach((testCase, index) => {
    const name = testCase.name ?? `#${index + 1} ${testCase.when.type}`;
    const run = runCase(decider, testCase, options);
    if (run.lines.length > 0 || run.result === undefined) {
      failures += 1;
      report.push(`${name}:`, ...run.lines.map((line) => `  ${line}`));
    } else {
      results.push({ name, ...run.result });
    }
  });
  if (failures > 0) {
    throw new DeciderSpecError(
      `runDeciderCases: ${failures} of ${cases.length} case(s) failed`,
      report,
    );
  }
  return results;
}

type CaseRun<TState, TEvent, TData, TStateUpdate> = {
  readonly lines: readonly string[];
  readonly result?: Omit<DeciderCaseResult<TState, TEvent, TData, TStateUpdate>, "name">;
};

function runCase<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TContext,
  TData,
  TStateUpdate,
>(
  decider: Decider<TState, TCommand, TEvent, TContext, TData, TStateUpdate>,
  testCase: DeciderCase<TState, TCommand, TEvent, TContext>,
  options: DeciderSpecOptions<TContext>,
): CaseRun<TState, TEvent, TData, TStateUpdate> {
  try {
    const given = testCase.given;
    const givenState =
      given === undefined
        ? decider.initialState
        : Array.isArray(given)
          ? stateFromEvents(decider, given as readonly TEvent[])
          : (given as { readonly state: TState }).state;
    const context = resolveContext(options.context, testCase.context);
    const execution = execute(
      decider,
      givenState,
      testCase.when,
      context,
      options.checkPurity ?? true,
    );
    if (execution.kind === "threw") {
      return { lines: [`expected a returned output, received ${describeError(execution.error)}`] };
    }
    const { output, state } = execution;
    const expectation =
      typeof testCase.expect === "string" ? { outcome: testCase.expect } : testCase.expect;
    return {
      lines: checkCase(expectation, output, state),
      result: { outcome: outcomeOf(output), output, state },
    };
  } catch (error) {
    if (isDeciderSpecError(error)) return { lines: error.message.split("\n") };
    throw error;
  }
}

function checkCase<TState, TEvent extends AnyEvent>(
  expectation: DeciderCaseExpectation<TState, TEvent>,
  output: DeciderOutput<TEvent, unknown, unknown>,
  state: TState,
): string[] {
  const { outcome, events, eventTypes } = expectation;
  const checks = [outcome, events, eventTypes, expectation.state, expectation.stateMatches];
  if (checks.every((check) => check === undefined)) {
    return ["expect: nothing to check; give an outcome, events, eventTypes, state or stateMatches"];
  }
  const wanted =
    outcome ?? (events !== undefined || eventTypes !== undefined ? "success" : undefined);
  if (wanted !== undefined) {
    const parsed = parseOutcome(wanted);
    if (parsed === undefined) {
      return [
        `expect: ${JSON.stringify(wanted)} is not an outcome; use "success", "failed" or "rejected:<CODE>"`,
      ];
    }
    const actual = outcomeOf(output);
    if (parsed !== actual) {
      return [
        `outcome: expected ${JSON.stringify(parsed)}, received ${JSON.stringify(actual)} (${detail(output)})`,
      ];
    }
  }
  const emitted = emittedEvents(output);
  const lines: string[] = [];
  if (events !== undefined) lines.push(...eventLines(events, emitted));
  if (eventTypes !== undefined) {
    const types = emitted.map((event) => event.type);
    if (diff(eventTypes, types).length > 0) {
      lines.push(
        `event types: expected ${formatValue(eventTypes)}, received ${formatValue(types)}`,
      );
    }
  }
  if (expectation.state !== undefined) {
    lines.push(...diff(expectation.state, state, { path: "state" }));
  }
  if (expectation.stateMatches !== undefined) {
    lines.push(...diff(expectation.stateMatches, state, { path: "state", partial: true }));
  }
  return lines;
}

function detail(output: DeciderOutput<AnyEvent, unknown, unknown>): string {
  switch (output.status) {
    case "success":
      return output.events.map((event) => event.type).join(", ");
    case "rejected":
      return JSON.stringify(output.message);
    case "failed":
      return JSON.stringify(output.reason);
    default: {
      const unknown: never = output;
      return String(unknown);
    }
  }
}
