/** A broken invariant: which one, its stable code, a message for humans and optional context. */
export interface InvariantViolation<TCode extends string = string> {
  /** The invariant's name, e.g. `orderHasItems`. */
  readonly invariant: string;
  readonly code: TCode;
  readonly message: string;
  readonly context?: Readonly<Record<string, unknown>>;
}

/**
 * The context argument of an invariant's functions: optional when the invariant's context type
 * admits `undefined` (the default), required otherwise.
 */
export type InvariantContextArgs<TContext> = undefined extends TContext
  ? [context?: TContext]
  : [context: TContext];

/** What `defineInvariant` takes. */
export interface InvariantInput<TState, TContext, TCode extends string> {
  /** camelCase, unique within a set: `orderHasItems`. */
  readonly name: string;
  /** SCREAMING_SNAKE_CASE rejection code: `ORDER_EMPTY`. */
  readonly code: TCode;
  readonly description?: string;
  /** True when the rule holds. Pure: no clock, no I/O; time comes in through the context. */
  readonly check: (state: TState, context: TContext) => boolean;
  /** Why the rule does not hold, for humans. Called only on a violation. */
  readonly message: (state: TState, context: TContext) => string;
  /** Values that explain the violation (`{ status: "submitted" }`). Called only on a violation. */
  readonly context?: (state: TState, context: TContext) => Record<string, unknown>;
}

/** A business rule over a state, with a typed error code. Made by `defineInvariant`. */
export interface Invariant<TState, TContext = undefined, TCode extends string = string> {
  readonly kind: "invariant";
  readonly name: string;
  readonly code: TCode;
  readonly description: string | undefined;
  /** True when the rule holds. */
  check(state: TState, ...context: InvariantContextArgs<TContext>): boolean;
  /** The violation, or `undefined` when the rule holds. */
  violation(
    state: TState,
    ...context: InvariantContextArgs<TContext>
  ): InvariantViolation<TCode> | undefined;
  /** Throws an `InvariantViolationError` when the rule does not hold. */
  assert(state: TState, ...context: InvariantContextArgs<TContext>): void;
}

/** Any invariant, whatever its state, context and code. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyInvariant = Invariant<any, any, string>;

/** Several invariants over one state, checked in order. Made by `defineInvariantSet`. */
export interface InvariantSet<TState, TContext = undefined, TCode extends string = string> {
  readonly kind: "invariantSet";
  readonly invariants: readonly Invariant<TState, TContext, TCode>[];
  /** The invariants' names, in order. */
  readonly names: readonly string[];
  /** The distinct codes the set can report, in order. */
  readonly codes: readonly TCode[];
  /** Every violation, in the set's order; empty when all rules hold. */
  checkAll(
    state: TState,
    ...context: InvariantContextArgs<TContext>
  ): readonly InvariantViolation<TCode>[];
  /** The first violation in the set's order; later invariants are not evaluated. */
  firstViolation(
    state: TState,
    ...context: InvariantContextArgs<TContext>
  ): InvariantViolation<TCode> | undefined;
  /** Throws an `InvariantViolationError` listing every violation, if there is any. */
  assertAll(state: TState, ...context: InvariantContextArgs<TContext>): void;
}

/** The state type of an invariant or a set. */
export type InvariantStateOf<T> =
  T extends Invariant<infer S, infer _C, infer _K>
    ? S
    : T extends InvariantSet<infer S, infer _C, infer _K>
      ? S
      : never;

/** The union of codes an invariant or a set can report: `InvariantCodeOf<typeof orderRules>`. */
export type InvariantCodeOf<T> =
  T extends Invariant<infer _S, infer _C, infer K>
    ? K
    : T extends InvariantSet<infer _S, infer _C, infer K>
      ? K
      : never;
