// Defaults and bounds of the commandBus, and the checks of arguments the validators cannot
// express. Each check throws an INVALID_ARGUMENT ConvexError saying what was wrong and what was
// expected; nothing is clamped or coerced.
import { invalidArgument } from "./errors.js";
import type { CommandOutcome, RecordCommandArgs } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a command record is kept when `ttlMs` is not given: 7 days. */
export const DEFAULT_TTL_MS = 7 * DAY_MS;
/** Commands deleted by one `cleanupExpired` call when `batchSize` is not given. */
export const DEFAULT_CLEANUP_BATCH_SIZE = 100;
/** The largest `batchSize` of `cleanupExpired`. */
export const MAX_CLEANUP_BATCH_SIZE = 1000;
/** Commands returned by a listing query when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest `limit` of a listing query. */
export const MAX_PAGE_SIZE = 100;
/** The most event ids one command may record (Convex arrays hold at most 8192 values). */
export const MAX_EVENT_IDS = 1000;

/** Checks the arguments of `recordCommand` and returns the TTL to apply. */
export function checkRecordCommandArgs(args: RecordCommandArgs): number {
  checkIdentity(args);
  requireText("correlationId", args.correlationId);
  if (args.causationId !== undefined) requireText("causationId", args.causationId);
  if (args.targetStreamId !== undefined) requireText("targetStreamId", args.targetStreamId);
  if (args.status !== undefined && args.outcome !== undefined) {
    throw invalidArgument(
      `recordCommand takes either status "pending" or an outcome, not both; got status "pending" and an outcome with status "${args.outcome.status}"`,
    );
  }
  if (args.outcome !== undefined) checkOutcome(args.outcome);
  const ttlMs = args.ttlMs ?? DEFAULT_TTL_MS;
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw invalidArgument(
      `ttlMs must be a positive whole number of milliseconds; got ${String(ttlMs)}`,
    );
  }
  return ttlMs;
}

/** Checks the parts every command request names: id, type, bounded context, payload hash. */
export function checkIdentity(args: {
  commandId: string;
  commandType: string;
  boundedContext: string;
  payloadHash?: string;
}): void {
  requireText("commandId", args.commandId);
  requireText("commandType", args.commandType);
  requireText("boundedContext", args.boundedContext);
  if (args.payloadHash !== undefined) requireText("payloadHash", args.payloadHash);
}

/** Checks an outcome: event ids are non-empty, unique, bounded, and absent for `rejected`. */
export function checkOutcome(outcome: CommandOutcome): void {
  const eventIds = outcome.eventIds ?? [];
  if (outcome.status === "rejected" && eventIds.length > 0) {
    throw invalidArgument(
      `a rejected command emits no event, so its outcome takes no eventIds; got ${eventIds.length} event id(s)`,
    );
  }
  if (eventIds.length > MAX_EVENT_IDS) {
    throw invalidArgument(
      `a command records at most ${MAX_EVENT_IDS} event ids; got ${eventIds.length}`,
    );
  }
  const seen = new Set<string>();
  for (const eventId of eventIds) {
    requireText("each event id", eventId);
    if (seen.has(eventId)) {
      throw invalidArgument(`eventIds must be unique; got "${eventId}" more than once`);
    }
    seen.add(eventId);
  }
}

/** The number of rows a listing query returns: `limit`, or the default. */
export function pageSize(limit: number | undefined): number {
  return checkCount("limit", limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

/** The number of commands one cleanup call may delete: `batchSize`, or the default. */
export function cleanupBatchSize(batchSize: number | undefined): number {
  return checkCount("batchSize", batchSize ?? DEFAULT_CLEANUP_BATCH_SIZE, MAX_CLEANUP_BATCH_SIZE);
}

/** Refuses an empty string; `what` names the argument in the message. */
export function requireText(what: string, value: string): void {
  if (value.length === 0) {
    throw invalidArgument(`${what} must be a non-empty string; got ""`);
  }
}

function checkCount(what: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalidArgument(`${what} must be a whole number from 1 to ${max}; got ${String(value)}`);
  }
  return value;
}
