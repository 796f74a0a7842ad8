import { describeValue, quoteList } from "./format.js";

export const INVALID_TRANSITION = "INVALID_TRANSITION";

/** Why a transition was refused. */
export type InvalidTransitionReason = "not_allowed" | "terminal" | "unknown_from" | "unknown_to";

/**
 * Thrown when a transition is not in the machine's table, or names a state the machine does not
 * know. `from` and `to` hold the states as given (non-string values are rendered as text).
 */
export class InvalidTransitionError extends Error {
  readonly code = INVALID_TRANSITION;
  override readonly name = "InvalidTransitionError";
  readonly fsm: string;
  readonly from: string;
  readonly to: string;
  /** The targets allowed from `from`; empty when `from` is terminal or unknown. */
  readonly allowed: readonly string[];
  readonly reason: InvalidTransitionReason;

  constructor(args: {
    fsm: string;
    from: unknown;
    to: unknown;
    allowed: readonly string[];
    reason: InvalidTransitionReason;
    knownStates: readonly string[];
  }) {
    super(invalidTransitionMessage(args));
    this.fsm = args.fsm;
    this.from = asText(args.from);
    this.to = asText(args.to);
    this.allowed = Object.freeze([...args.allowed]);
    this.reason = args.reason;
  }
}

export function isInvalidTransitionError(e: unknown): e is InvalidTransitionError {
  return e instanceof Error && (e as { code?: unknown }).code === INVALID_TRANSITION;
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : describeValue(value);
}

function invalidTransitionMessage(args: {
  fsm: string;
  from: unknown;
  to: unknown;
  allowed: readonly string[];
  reason: InvalidTransitionReason;
  knownStates: readonly string[];
}): string {
  const from = describeValue(args.from);
  const head = `${args.fsm}: cannot transition from ${from} to ${describeValue(args.to)}`;
  const known = `known states: ${quoteList(args.knownStates)}`;
  switch (args.reason) {
    case "terminal":
      return `${head}; ${from} is terminal (no transitions allowed)`;
    case "not_allowed":
      return `${head}; allowed targets from ${from}: ${quoteList(args.allowed)}`;
    case "unknown_from":
      return `${head}; ${from} is not a known state (${known})`;
    case "unknown_to":
      return `${head}; ${describeValue(args.to)} is not a known state (${known})`;
    default: {
      const unhandled: never = args.reason;
      return `${head} (${String(unhandled)})`;
    }
  }
}
