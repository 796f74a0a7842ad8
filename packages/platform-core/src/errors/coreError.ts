import { plural } from "../internal/describe.js";

/** Every code a `CoreError` can carry. */
export const CORE_ERROR_CODES = [
  "INVALID_INVARIANT",
  "DUPLICATE_INVARIANT",
  "INVALID_INVARIANT_RESULT",
  "NO_VIOLATIONS",
  "INVALID_LOGGER_CONFIG",
  "INVALID_CORRELATION",
  "ID_GENERATOR_REQUIRED",
  "ID_GENERATOR_UNAVAILABLE",
  "INVALID_MIDDLEWARE",
  "DUPLICATE_MIDDLEWARE",
  "INVALID_MIDDLEWARE_CONTEXT",
  "COMMAND_CONFIG_MISMATCH",
  "INVALID_MIDDLEWARE_RESULT",
  "INVALID_QPS",
  "INVALID_PARTITION_KEY",
  "PARTITION_KEY_REQUIRED",
  "DUPLICATE_PROJECTION_TRIGGER",
  "INVALID_PROJECTION_TRIGGER",
  "INVALID_PARTITION_CONFIG",
  "PARTITION_VALUE_MISSING",
  "INVALID_PROJECTION_PROFILE",
  "INVALID_PROJECTION_HANDLERS",
  "PROJECTION_HANDLER_REQUIRED",
  "UNSUBSCRIBED_EVENT_HANDLER",
  "INVALID_PROJECTION_RUNTIME",
  "DUPLICATE_PROJECTION",
  "INVALID_PROJECTION_QUERY",
  "CALLER_REQUIRED",
  "INVALID_SAGA",
  "DUPLICATE_SAGA_STEP",
  "INVALID_SNAPSHOT",
  "INVALID_FAT_EVENT",
  "INVALID_PII_MARK",
  "INVALID_PII_SUBJECT",
  "PII_SUBJECT_REQUIRED",
  "INVALID_UPCASTER",
  "INVALID_FAT_EVENT_PAYLOAD",
  "INVALID_SNAPSHOT_DATA",
  "INVALID_STORED_VERSION",
  "UPCAST_FAILED",
  "PII_SUBJECT_MISSING",
  "DUPLICATE_FAT_EVENT",
  "INVALID_EVENT_STYLE_INPUT",
  "INVALID_RESERVATIONS_CONFIG",
  "INVALID_SUBSCRIPTION",
  "DUPLICATE_SUBSCRIPTION",
  "EVENT_BUS_POOL_MISSING",
  "INVALID_EVENT_BUS_CONFIG",
  "INVALID_PROCESS_MANAGER",
  "INVALID_REACTIVE_PROJECTION",
  "INVALID_REACTIVE_QUERY",
  "INVALID_STALE_THRESHOLD",
  "INVALID_DURABILITY_CONFIG",
  "INVALID_RATE_LIMIT_CONFIG",
] as const;

/** Stable code of one problem. */
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

/** One thing that was wrong: a stable code, and a message saying what was expected. */
export interface CoreProblem {
  readonly code: CoreErrorCode;
  readonly message: string;
}

/**
 * A definition or an argument this package cannot use: an invariant, a logger, a middleware, a
 * partition key or a command config. Thrown where the mistake is made (mostly when a module
 * loads), with every problem found. `code` is the first problem's code. It is a plain `Error`
 * because most of this package runs outside Convex functions; Convex code that lets one escape
 * should turn it into a `ConvexError({ code, message })`.
 *
 * @example
 * try {
 *   assertCommandConfigPartitionKeys(config);
 * } catch (e) {
 *   if (isCoreError(e, "PARTITION_KEY_REQUIRED")) console.error(e.message);
 * }
 */
export class CoreError extends Error {
  override readonly name = "CoreError";
  readonly code: CoreErrorCode;
  readonly codes: readonly CoreErrorCode[];
  readonly problems: readonly CoreProblem[];

  /**
   * One problem: its message is the error's message. Several: the message starts with
   * `<subject> is invalid (N problems):` and lists them.
   */
  constructor(problems: readonly [CoreProblem, ...CoreProblem[]], subject?: string) {
    super(
      problems.length === 1 || subject === undefined
        ? problems.map((p) => p.message).join("\n")
        : `${subject} is invalid (${plural(problems.length, "problem")}):\n` +
            problems.map((p) => `  - ${p.code}: ${p.message}`).join("\n"),
    );
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
    this.code = problems[0].code;
    this.codes = Object.freeze([...new Set(problems.map((p) => p.code))]);
  }
}

/** Throws a `CoreError` with one problem. */
export function fail(code: CoreErrorCode, message: string): never {
  throw new CoreError([{ code, message }]);
}

/**
 * True for a `CoreError`; with a code, only when one of its problems has that code. Checks the
 * shape rather than the class, so errors from another copy of this package are recognised too.
 */
export function isCoreError(error: unknown, code?: CoreErrorCode): error is CoreError {
  if (!(error instanceof Error) || error.name !== "CoreError") return false;
  const codes = (error as { codes?: unknown }).codes;
  if (!Array.isArray(codes)) return false;
  return code === undefined || codes.includes(code);
}
