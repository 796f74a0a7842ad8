/**
 * Where a command sits in the chain of one user action. Events the command produces carry it in
 * their metadata (`eventMetadataFor`), so a trace can be rebuilt from any message:
 *
 * - `correlationId` names the user action; every command, event and projection job it leads to
 *   shares it.
 * - `causationId` is the id of the message that caused this command: the event a process
 *   manager reacted to, or the command that issued it. A root command is its own cause
 *   (`causationId === commandId`).
 */
export interface CorrelationChain {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** The user on whose behalf the command runs, when there is one. */
  readonly userId?: string;
}

/** Which id an `IdGenerator` is asked for. */
export type IdKind = "command" | "correlation";

/**
 * Makes new ids. Injected, so pure code holds no hidden randomness: tests pass a sequence,
 * Convex functions pass `uuidIdGenerator` (Convex seeds randomness per transaction).
 */
export type IdGenerator = (kind: IdKind) => string;

/** Event metadata as the event store takes it (`correlationId`, `causationId`, ...). */
export interface EventMetadata {
  readonly correlationId: string;
  /** The command that produced the event. */
  readonly causationId: string;
  readonly commandId: string;
  readonly userId?: string;
  /** Milliseconds since the epoch; the store fills in its own clock when absent. */
  readonly timestamp?: number;
}
