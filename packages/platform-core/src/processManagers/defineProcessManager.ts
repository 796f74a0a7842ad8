import type { CoreProblem } from "../errors/coreError.js";
import { CoreError } from "../errors/coreError.js";
import type { PublishedEvent } from "../eventBus/validators.js";
import { describeValue, isNonEmptyString, isPlainObject } from "../internal/describe.js";

/** A command a reaction asks for: its type (a key of the runtime's `commands`) and payload. */
export interface ProcessManagerCommand {
  readonly commandType: string;
  readonly payload: unknown;
}

/** What a process manager decides for one event: its next state and the commands to send. */
export interface ProcessManagerReaction<TState> {
  readonly state: TState;
  readonly commands?: readonly ProcessManagerCommand[];
  /** The process is over: the instance completes and accepts no later event. */
  readonly complete?: boolean;
}

/** What the pure definition sees besides the state and the event. */
export interface ReactionContext {
  readonly instanceId: string;
}

export interface ProcessManagerDefinition<TState> {
  /** Unique in the app; names its subscription and its rows. Letters, digits, `_`, `.`, `-`. */
  readonly name: string;
  /** The bounded context the process manager belongs to: its subscription's target context. */
  readonly boundedContext: string;
  /** The event types it reacts to. */
  readonly eventTypes: readonly string[];
  /** Only events of these bounded contexts; every context when absent. */
  readonly sourceContexts?: readonly string[];
  /** The state of a new instance: a Convex value (stored as is). */
  readonly initialState: TState;
  /** Which instance an event belongs to (an order id, a correlation id, ...). Pure. */
  instanceIdOf(event: PublishedEvent): string;
  /** The reaction to one event. Pure: no clock, no I/O; time comes from the event. */
  react(
    state: TState,
    event: PublishedEvent,
    context: ReactionContext,
  ): ProcessManagerReaction<TState>;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * Checks a process manager definition (`INVALID_PROCESS_MANAGER`, every problem at once) and
 * freezes it. The definition is pure, so it can be specified without Convex:
 * `pm.react(state, event, { instanceId })`.
 *
 * @example
 * export const orderTally = defineProcessManager({
 *   name: "orderTally",
 *   boundedContext: "tally",
 *   eventTypes: ["OrderPlaced", "OrderClosed"],
 *   initialState: { placed: 0 },
 *   instanceIdOf: (event) => event.payload.orderId,
 *   react: (state, event) =>
 *     event.eventType === "OrderClosed"
 *       ? { state, complete: true }
 *       : { state: { placed: state.placed + 1 }, commands: [{ commandType: "IncrementCounter", payload: { ... } }] },
 * });
 */
export function defineProcessManager<TState>(
  definition: ProcessManagerDefinition<TState>,
): ProcessManagerDefinition<TState> {
  const raw: unknown = definition;
  if (!isPlainObject(raw)) {
    throw new CoreError([
      {
        code: "INVALID_PROCESS_MANAGER",
        message: `a process manager definition is an object (got ${describeValue(raw)})`,
      },
    ]);
  }
  const label = isNonEmptyString(raw.name) ? `process manager "${raw.name}"` : "a process manager";
  const eventTypes = raw.eventTypes;
  const messages = [
    ...(typeof raw.name === "string" && NAME.test(raw.name)
      ? []
      : [
          `name is letters, digits, "_", "." or "-", starting with a letter (got ${describeValue(raw.name)})`,
        ]),
    ...(isNonEmptyString(raw.boundedContext)
      ? []
      : [`boundedContext is the context it belongs to (got ${describeValue(raw.boundedContext)})`]),
    ...(Array.isArray(eventTypes) && eventTypes.length > 0 && eventTypes.every(isNonEmptyString)
      ? []
      : [`eventTypes is a non-empty list of event types (got ${describeValue(eventTypes)})`]),
    ...(raw.initialState === undefined ? ["initialState is required (a Convex value)"] : []),
    ...(typeof raw.instanceIdOf === "function"
      ? []
      : ["instanceIdOf(event) => instanceId is required"]),
    ...(typeof raw.react === "function"
      ? []
      : ["react(state, event, context) => reaction is required"]),
  ];
  const [first, ...rest] = messages.map((message): CoreProblem => ({
    code: "INVALID_PROCESS_MANAGER",
    message: `${label}: ${message}`,
  }));
  if (first !== undefined) throw new CoreError([first, ...rest], label);
  return Object.freeze({ ...definition, eventTypes: Object.freeze([...definition.eventTypes]) });
}

/**
 * The commandId of the `index`-th command a process manager instance sends for an event. It is
 * derived, not random, so handling the same event again sends the same ids, which the command
 * bus answers as duplicates.
 *
 * @example
 * processManagerCommandId("orderTally", "ord-1", "evt-7", 0); // "orderTally:ord-1:evt-7:0"
 */
export function processManagerCommandId(
  processManager: string,
  instanceId: string,
  eventId: string,
  index: number,
): string {
  return `${processManager}:${instanceId}:${eventId}:${index}`;
}
