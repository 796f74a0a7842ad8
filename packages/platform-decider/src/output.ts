/** The command was accepted: one or more events, optional data for the caller. */
export type DeciderSuccess<TEvent, TData = unknown, TStateUpdate = unknown> = {
  readonly status: "success";
  readonly events: readonly [TEvent, ...TEvent[]];
  /** Returned to the caller of the command (an id, a computed total). */
  readonly data?: TData;
  /** Applied by the infrastructure to the command-model snapshot. */
  readonly stateUpdate?: TStateUpdate;
};

/** A business rule said no: a stable SCREAMING_SNAKE code, a message, and no event. */
export type DeciderRejected = {
  readonly status: "rejected";
  readonly code: string;
  readonly message: string;
  readonly context?: Readonly<Record<string, unknown>>;
};

/** Something unexpected went wrong: a reason, preserved context and an optional audit event. */
export type DeciderFailed<TEvent> = {
  readonly status: "failed";
  readonly reason: string;
  readonly event?: TEvent;
  readonly context?: Readonly<Record<string, unknown>>;
};

/** What a decider answers to a command: exactly one of three outcomes, told apart by `status`. */
export type DeciderOutput<TEvent, TData = unknown, TStateUpdate = unknown> =
  DeciderSuccess<TEvent, TData, TStateUpdate> | DeciderRejected | DeciderFailed<TEvent>;
