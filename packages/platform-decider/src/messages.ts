/**
 * A request to change state. Commands are unions of these, discriminated on `type`.
 *
 * @example
 * type AddItem = Command<"AddItem", { productId: string; quantity: number }>;
 */
export type Command<Type extends string, Data, Metadata = Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: Metadata;
};

/**
 * A fact that happened. Events are unions of these, discriminated on `type`; evolve reads
 * their payload as the source of truth.
 *
 * @example
 * type ItemAdded = Event<"ItemAdded", { productId: string; quantity: number; lineTotal: number }>;
 */
export type Event<Type extends string, Data, Metadata = Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: Metadata;
};

/** Any command: the constraint deciders and specs put on their command type. */
export type AnyCommand = Command<string, unknown, unknown>;

/** Any event: the constraint deciders and specs put on their event type. */
export type AnyEvent = Event<string, unknown, unknown>;
