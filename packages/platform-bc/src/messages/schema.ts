import type { ZodType } from "zod";
import { MessageValidationError } from "../errors/messageValidationError.js";
import type {
  MessageValidationErrorCode,
  ValidationIssue,
} from "../errors/messageValidationError.js";
import type { DefinitionChecker } from "../internal/checker.js";
import { describeValue } from "../internal/describe.js";

/** Any zod schema: what payloads and query args are declared with. */
export type AnySchema = ZodType;

/** Result of `safeParse`: the parsed value, or the error `parse` would have thrown. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: MessageValidationError };

/** The `parse` / `safeParse` pair every message definition carries. */
export interface SchemaParsers<T> {
  /** Returns the input parsed by the schema, or throws a `MessageValidationError`. */
  parse(input: unknown): T;
  /** Like `parse`, but returns the error instead of throwing it. */
  safeParse(input: unknown): SafeParseResult<T>;
}

function isZodSchema(value: unknown): value is ZodType {
  return (
    typeof value === "object" &&
    value !== null &&
    "_zod" in value &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

/** Checks that `field` holds a zod schema; returns it when it does. */
export function checkSchema(checker: DefinitionChecker, field: string): ZodType | undefined {
  const value = checker.record[field];
  const expected =
    'a zod schema such as z.object({ orderId: z.string() }) (import { z } from "zod")';
  if (value === undefined) {
    checker.add("MISSING_FIELD", `${checker.path(field)} is required: ${expected}`);
    return undefined;
  }
  if (isZodSchema(value)) return value;
  checker.add(
    "INVALID_SCHEMA",
    `${checker.path(field)} must be ${expected} (got ${describeValue(value)})`,
  );
  return undefined;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `items[0].quantity`; `(root)` for the value itself. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (typeof segment === "string" && IDENTIFIER.test(segment)) {
        return index === 0 ? segment : `.${segment}`;
      }
      return `[${typeof segment === "symbol" ? segment.toString() : JSON.stringify(segment)}]`;
    })
    .join("");
}

interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

function issuesOf(issues: readonly ZodIssueLike[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** Builds `parse` / `safeParse` over a schema, with errors naming the message. */
export function schemaParsers<T>(
  schema: ZodType,
  code: MessageValidationErrorCode,
  subject: string,
  messageType: string,
): SchemaParsers<T> {
  const safeParse = (input: unknown): SafeParseResult<T> => {
    const result = schema.safeParse(input);
    if (result.success) return { success: true, data: result.data as T };
    return {
      success: false,
      error: new MessageValidationError(code, subject, messageType, issuesOf(result.error.issues)),
    };
  };
  const parse = (input: unknown): T => {
    const result = safeParse(input);
    if (result.success) return result.data;
    throw result.error;
  };
  return { parse, safeParse };
}
