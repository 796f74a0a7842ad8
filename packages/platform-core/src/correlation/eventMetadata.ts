import type { RecordCommandArgs } from "@convex-es/platform-bus";
import { fail } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import type { CorrelationChain, EventMetadata } from "./types.js";

export interface EventMetadataOptions {
  /** Milliseconds since the epoch; omitted when absent so the store stamps its own clock. */
  readonly timestamp?: number;
}

/**
 * The metadata of the events a command produces: the command's correlation, the command as
 * their cause, and its user.
 *
 * @example
 * const metadata = eventMetadataFor(chain, { timestamp: decision.now });
 * // { correlationId, causationId: chain.commandId, commandId, userId?, timestamp }
 */
export function eventMetadataFor(
  chain: CorrelationChain,
  options: EventMetadataOptions = {},
): EventMetadata {
  const { timestamp } = options;
  if (timestamp !== undefined && !(Number.isFinite(timestamp) && timestamp >= 0)) {
    return fail(
      "INVALID_CORRELATION",
      `timestamp must be milliseconds since the epoch, a finite number >= 0 (got ${describeValue(timestamp)})`,
    );
  }
  return Object.freeze({
    correlationId: chain.correlationId,
    causationId: chain.commandId,
    commandId: chain.commandId,
    ...(chain.userId !== undefined && { userId: chain.userId }),
    ...(timestamp !== undefined && { timestamp }),
  });
}

/** The correlation fields of a command bus record (`recordCommand`). */
export type CommandRecordCorrelation = Pick<
  RecordCommandArgs,
  "commandId" | "correlationId" | "causationId"
>;

/**
 * The correlation fields the command bus records for a command. A root command has no
 * `causationId` there: the bus stores the cause only when another message caused it.
 */
export function commandRecordCorrelation(chain: CorrelationChain): CommandRecordCorrelation {
  return Object.freeze({
    commandId: chain.commandId,
    correlationId: chain.correlationId,
    ...(chain.causationId !== chain.commandId && { causationId: chain.causationId }),
  });
}
