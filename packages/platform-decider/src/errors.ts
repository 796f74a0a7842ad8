/** Stable codes for misuse of the decider API. */
export type DeciderErrorCode = "EMPTY_SUCCESS" | "INVALID_REJECTION_CODE" | "UNKNOWN_OUTPUT_STATUS";

/**
 * Thrown when the decider API is used with input it cannot represent, such as a success
 * without events. Business outcomes are never thrown: they are `rejected` or `failed` values.
 */
export class DeciderError extends Error {
  override readonly name = "DeciderError";
  readonly code: DeciderErrorCode;
  readonly context: Readonly<Record<string, unknown>> | undefined;

  constructor(code: DeciderErrorCode, message: string, context?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.context = context;
  }
}

/**
 * True for a `DeciderError`, optionally with a given code. Checks the shape rather than the
 * class, so it also recognises errors from another copy of this package.
 *
 * @example
 * if (isDeciderError(e, "EMPTY_SUCCESS")) { ... }
 */
export function isDeciderError(error: unknown, code?: DeciderErrorCode): error is DeciderError {
  if (!(error instanceof Error) || error.name !== "DeciderError") return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === "string" && (code === undefined || actual === code);
}
