import { describeValue, quoteList } from "./format.js";

export const UNKNOWN_STATE = "UNKNOWN_STATE";

/**
 * Thrown by the single-state queries (`validTransitions`, `isTerminal`, `reachableStates`) when
 * given a value that is not a state of the machine, typically a corrupt or outdated stored status.
 */
export class UnknownStateError extends Error {
  readonly code = UNKNOWN_STATE;
  override readonly name = "UnknownStateError";
  readonly fsm: string;
  /** The value as given (non-string values are rendered as text). */
  readonly state: string;
  readonly knownStates: readonly string[];

  constructor(args: { fsm: string; state: unknown; knownStates: readonly string[] }) {
    super(
      `${args.fsm}: ${describeValue(args.state)} is not a known state ` +
        `(known states: ${quoteList(args.knownStates)})`,
    );
    this.fsm = args.fsm;
    this.state = typeof args.state === "string" ? args.state : describeValue(args.state);
    this.knownStates = Object.freeze([...args.knownStates]);
  }
}

export function isUnknownStateError(e: unknown): e is UnknownStateError {
  return e instanceof Error && (e as { code?: unknown }).code === UNKNOWN_STATE;
}
