import { describeValue, isPlainObject } from "../internal/describe.js";
import { fail } from "../errors/coreError.js";
import { checkId, idOrNew } from "./ids.js";
import type { CorrelationChain, IdGenerator } from "./types.js";

/** What a command brings in: the ids its caller chose, all optional but `generateId` fills them. */
export interface CorrelationInput {
  readonly commandId?: string;
  readonly correlationId?: string;
  /** The message that caused the command; absent for a root command. */
  readonly causationId?: string;
  readonly userId?: string;
}

export interface CorrelationOptions {
  /** Fills a missing commandId or correlationId. Without it, both must be given. */
  readonly generateId?: IdGenerator;
}

/** Something a follow-up command can be derived from: a command's chain or a stored event. */
export type CausationParent =
  | CorrelationChain
  | {
      readonly eventId: string;
      readonly metadata: { readonly correlationId: string; readonly userId?: string };
    };

export interface DeriveOptions extends CorrelationOptions {
  /** The new command's id; generated when absent. */
  readonly commandId?: string;
  /** Acts for another user (e.g. a system user); default: the parent's user. */
  readonly userId?: string;
}

function freezeChain(
  commandId: string,
  correlationId: string,
  causationId: string,
  userId: string | undefined,
): CorrelationChain {
  return Object.freeze({
    commandId,
    correlationId,
    causationId,
    ...(userId !== undefined && { userId: checkId("userId", userId) }),
  });
}

/**
 * The chain of a command as it enters the system. A command without a `correlationId` starts a
 * new user action; a command without a `causationId` is a root command, its own cause.
 *
 * @example
 * const chain = createCorrelationChain(
 *   { commandId: args.commandId, correlationId: args.correlationId, userId },
 *   { generateId: uuidIdGenerator },
 * );
 */
export function createCorrelationChain(
  input: CorrelationInput,
  options: CorrelationOptions = {},
): CorrelationChain {
  const raw: unknown = input;
  if (!isPlainObject(raw)) {
    return fail(
      "INVALID_CORRELATION",
      `a correlation input is an object { commandId?, correlationId?, causationId?, userId? } (got ${describeValue(input)})`,
    );
  }
  const commandId = idOrNew("commandId", input.commandId, "command", options.generateId);
  const correlationId = idOrNew(
    "correlationId",
    input.correlationId,
    "correlation",
    options.generateId,
  );
  const causationId =
    input.causationId === undefined ? commandId : checkId("causationId", input.causationId);
  return freezeChain(commandId, correlationId, causationId, input.userId);
}

/**
 * The chain of a command caused by `parent`: same correlation, caused by the parent event
 * (`eventId`) or command (`commandId`), for the same user unless `userId` says otherwise.
 *
 * @example
 * // In a process manager reacting to a stored event:
 * const chain = deriveCausation(event, { generateId: uuidIdGenerator });
 * // { commandId: <new>, correlationId: event.metadata.correlationId, causationId: event.eventId }
 */
export function deriveCausation(
  parent: CausationParent,
  options: DeriveOptions = {},
): CorrelationChain {
  const fromEvent = isPlainObject(parent) && "eventId" in parent;
  const source = fromEvent
    ? {
        causationId: parent.eventId,
        correlationId: parent.metadata?.correlationId,
        userId: parent.metadata?.userId,
      }
    : {
        causationId: (parent as CorrelationChain | undefined)?.commandId,
        correlationId: (parent as CorrelationChain | undefined)?.correlationId,
        userId: (parent as CorrelationChain | undefined)?.userId,
      };
  const label = fromEvent ? "parent event" : "parent command";
  const causationId = checkId(
    `${label} ${fromEvent ? "eventId" : "commandId"}`,
    source.causationId,
  );
  const correlationId = checkId(`${label} correlationId`, source.correlationId);
  const commandId = idOrNew("commandId", options.commandId, "command", options.generateId);
  return freezeChain(commandId, correlationId, causationId, options.userId ?? source.userId);
}

/** True for a root command: nothing but the command itself caused it. */
export function isRootCommand(chain: CorrelationChain): boolean {
  return chain.causationId === chain.commandId;
}
