import { plural } from "../internal/describe.js";

/** Every code a definition can be refused with. */
export const DEFINITION_ERROR_CODES = [
  "INVALID_DEFINITION",
  "UNKNOWN_FIELD",
  "MISSING_FIELD",
  "INVALID_FIELD",
  "INVALID_NAME",
  "INVALID_DESCRIPTION",
  "INVALID_VERSION",
  "UNKNOWN_EXECUTION_MODE",
  "INVALID_LIST",
  "EMPTY_LIST",
  "DUPLICATE_ENTRY",
  "INVALID_ERROR_CODE",
  "AMBIGUOUS_MESSAGE_TYPE",
  "INVALID_SCHEMA",
  "INVALID_EVENT_CATEGORY",
  "INVALID_RESULT_MODE",
  "CATEGORY_REQUIRED",
  "INVALID_CATEGORY",
  "DUPLICATE_PROJECTION_NAME",
  "INVALID_UPCASTER",
  "CMS_UPCASTER_CHAIN_GAP",
  "EVENT_UPCASTER_CHAIN_GAP",
] as const;

/** Stable code of one problem found in a definition. */
export type DefinitionErrorCode = (typeof DEFINITION_ERROR_CODES)[number];

/** One thing wrong with a definition: what was wrong and what was expected. */
export interface DefinitionProblem {
  readonly code: DefinitionErrorCode;
  readonly message: string;
}

/**
 * Thrown by every `define*` function of this package with all the problems found in the
 * definition, not just the first. `code` is the first problem's code and `codes` lists the
 * distinct codes of all problems, in order.
 *
 * @example
 * try {
 *   defineProjection({ projectionName: "orderSummary", ... }); // no category
 * } catch (e) {
 *   if (isBoundedContextDefinitionError(e, "CATEGORY_REQUIRED")) { ... }
 * }
 */
export class BoundedContextDefinitionError extends Error {
  override readonly name = "BoundedContextDefinitionError";
  readonly code: DefinitionErrorCode;
  readonly codes: readonly DefinitionErrorCode[];
  /** What was being defined, e.g. `projection "orderSummary"`. */
  readonly definition: string;
  readonly problems: readonly DefinitionProblem[];

  constructor(definition: string, problems: readonly [DefinitionProblem, ...DefinitionProblem[]]) {
    super(
      `${definition} is invalid (${plural(problems.length, "problem")}):\n` +
        problems.map((p) => `  - ${p.code}: ${p.message}`).join("\n"),
    );
    this.definition = definition;
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
    this.code = problems[0].code;
    this.codes = Object.freeze([...new Set(problems.map((p) => p.code))]);
  }
}

/**
 * True for a `BoundedContextDefinitionError`; with a code, only when one of its problems has
 * that code. Checks the shape rather than the class, so errors from another copy of this
 * package are recognised too.
 */
export function isBoundedContextDefinitionError(
  error: unknown,
  code?: DefinitionErrorCode,
): error is BoundedContextDefinitionError {
  if (!(error instanceof Error) || error.name !== "BoundedContextDefinitionError") return false;
  const codes = (error as { codes?: unknown }).codes;
  if (!Array.isArray(codes)) return false;
  return code === undefined || codes.includes(code);
}
