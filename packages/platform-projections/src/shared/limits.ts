import { invalidArgument } from "./errors.js";

/** Failures of one event's handler after which the event is quarantined. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** The most rows one page or one routing call may carry. */
export const MAX_PAGE_SIZE = 500;

/** A page size or a batch length between 1 and MAX_PAGE_SIZE. */
export function pageSize(what: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw invalidArgument(
      `${what} must be an integer from 1 to ${MAX_PAGE_SIZE} (got ${String(value)})`,
    );
  }
  return value;
}

/** A non-empty name such as a projection or a partition key. */
export function requireText(what: string, value: string): string {
  if (value.length === 0) throw invalidArgument(`${what} must be a non-empty string (got "")`);
  return value;
}

/** maxAttempts: an integer of at least 1, DEFAULT_MAX_ATTEMPTS when absent. */
export function maxAttemptsOf(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(value) || value < 1) {
    throw invalidArgument(`maxAttempts must be an integer of at least 1 (got ${String(value)})`);
  }
  return value;
}

/** A global position: a non-negative integer. */
export function position(what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(`${what} must be a non-negative integer position (got ${String(value)})`);
  }
  return value;
}

/** A number of events: a non-negative integer. */
export function count(what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(`${what} must be a non-negative integer (got ${String(value)})`);
  }
  return value;
}
