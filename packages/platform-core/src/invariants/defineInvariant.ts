import { CoreError, fail } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import {
  describeValue,
  isCamelCase,
  isPlainObject,
  isScreamingSnake,
  quoteList,
  toScreamingSnake,
} from "../internal/describe.js";
import type {
  Invariant,
  InvariantContextArgs,
  InvariantInput,
  InvariantViolation,
} from "./types.js";
import { InvariantViolationError } from "./violationError.js";

const FIELDS = ["name", "code", "description", "check", "message", "context"] as const;

function problemsOf(input: unknown): CoreProblem[] {
  if (!isPlainObject(input)) {
    return [
      {
        code: "INVALID_INVARIANT",
        message: `an invariant is an object { name, code, check, message, context? } (got ${describeValue(input)})`,
      },
    ];
  }
  const problems: CoreProblem[] = [];
  const add = (message: string) => problems.push({ code: "INVALID_INVARIANT", message });
  for (const key of Object.keys(input)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      add(`${key} is not a known field (known fields: ${quoteList(FIELDS)})`);
    }
  }
  const { name, code, description } = input;
  if (typeof name !== "string" || !isCamelCase(name)) {
    add(`name must be a camelCase string such as "orderHasItems" (got ${describeValue(name)})`);
  }
  if (typeof code !== "string" || !isScreamingSnake(code)) {
    const suggestion = typeof code === "string" ? toScreamingSnake(code) : "";
    const hint = isScreamingSnake(suggestion) ? `; did you mean "${suggestion}"?` : "";
    add(
      `code must be SCREAMING_SNAKE_CASE such as "ORDER_EMPTY" (got ${describeValue(code)})${hint}`,
    );
  }
  if (description !== undefined && (typeof description !== "string" || description === "")) {
    add(`description, when given, must be a non-empty string (got ${describeValue(description)})`);
  }
  for (const fn of ["check", "message"] as const) {
    if (typeof input[fn] !== "function") {
      add(`${fn} must be a function of (state, context) (got ${describeValue(input[fn])})`);
    }
  }
  if (input.context !== undefined && typeof input.context !== "function") {
    add(
      `context, when given, must be a function of (state, context) (got ${describeValue(input.context)})`,
    );
  }
  return problems;
}

/**
 * Defines a business rule with a typed error code. The definition is checked once, when the
 * module loads: a camelCase `name`, a SCREAMING_SNAKE `code`, functions for `check` and
 * `message`. Refused with a `CoreError` (`INVALID_INVARIANT`) listing every problem.
 *
 * @example
 * export const orderHasItems = defineInvariant({
 *   name: "orderHasItems",
 *   code: "ORDER_EMPTY",
 *   check: (order: OrderState) => order.items.length > 0,
 *   message: (order) => `Order ${order.orderId} has no items`,
 *   context: (order) => ({ orderId: order.orderId }),
 * });
 * orderHasItems.violation(order); // { invariant, code: "ORDER_EMPTY", message, context } | undefined
 */
export function defineInvariant<TState, const TCode extends string, TContext = undefined>(
  input: InvariantInput<TState, TContext, TCode>,
): Invariant<TState, TContext, TCode> {
  const problems = problemsOf(input);
  const label = `invariant ${describeValue((input as { name?: unknown } | null)?.name)}`;
  if (problems.length > 0) {
    throw new CoreError(problems as [CoreProblem, ...CoreProblem[]], label);
  }
  const { name, code, check, message, context } = input;

  const holds = (state: TState, args: InvariantContextArgs<TContext>): boolean => {
    const result: unknown = check(state, args[0] as TContext);
    if (typeof result !== "boolean") {
      fail(
        "INVALID_INVARIANT_RESULT",
        `${label}: check must return a boolean (got ${describeValue(result)})`,
      );
    }
    return result;
  };

  const violationOf = (
    state: TState,
    args: InvariantContextArgs<TContext>,
  ): InvariantViolation<TCode> => {
    const text: unknown = message(state, args[0] as TContext);
    if (typeof text !== "string" || text === "") {
      fail(
        "INVALID_INVARIANT_RESULT",
        `${label}: message must return a non-empty string (got ${describeValue(text)})`,
      );
    }
    if (context === undefined) return Object.freeze({ invariant: name, code, message: text });
    const details: unknown = context(state, args[0] as TContext);
    if (!isPlainObject(details)) {
      fail(
        "INVALID_INVARIANT_RESULT",
        `${label}: context must return a plain object (got ${describeValue(details)})`,
      );
    }
    return Object.freeze({
      invariant: name,
      code,
      message: text,
      context: Object.freeze({ ...details }),
    });
  };

  return Object.freeze({
    kind: "invariant",
    name,
    code,
    description: input.description,
    check: (state: TState, ...args: InvariantContextArgs<TContext>) => holds(state, args),
    violation: (state: TState, ...args: InvariantContextArgs<TContext>) =>
      holds(state, args) ? undefined : violationOf(state, args),
    assert: (state: TState, ...args: InvariantContextArgs<TContext>) => {
      if (!holds(state, args)) throw new InvariantViolationError([violationOf(state, args)]);
    },
  });
}
