import { plural } from "../internal/describe.js";

export type MessageValidationErrorCode =
  "INVALID_COMMAND_PAYLOAD" | "INVALID_EVENT_PAYLOAD" | "INVALID_QUERY_ARGS";

/** One schema issue: where in the input (`items[0].quantity`, `(root)`) and what was expected. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by `parse` (and returned by `safeParse`) of a command, event or query definition when
 * the input does not match its schema. Lists every issue with its path.
 */
export class MessageValidationError extends Error {
  override readonly name = "MessageValidationError";
  readonly code: MessageValidationErrorCode;
  /** The command type, event type or query name whose schema refused the input. */
  readonly messageType: string;
  readonly issues: readonly ValidationIssue[];

  constructor(
    code: MessageValidationErrorCode,
    subject: string,
    messageType: string,
    issues: readonly ValidationIssue[],
  ) {
    const what = code === "INVALID_QUERY_ARGS" ? "args are" : "payload is";
    super(
      `${subject} ${JSON.stringify(messageType)}: ${what} invalid (${plural(issues.length, "issue")}):\n` +
        issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join("\n"),
    );
    this.code = code;
    this.messageType = messageType;
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

/** True for a `MessageValidationError`, optionally with a given code; checked by shape. */
export function isMessageValidationError(
  error: unknown,
  code?: MessageValidationErrorCode,
): error is MessageValidationError {
  if (!(error instanceof Error) || error.name !== "MessageValidationError") return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === "string" && (code === undefined || actual === code);
}
