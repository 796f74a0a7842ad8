// Scope keys name a Dynamic Consistency Boundary: `tenant:${tenantId}:${scopeType}:${scopeId}`.
import { eventStoreError } from "./errors.js";

export const SCOPE_KEY_FORMAT = "tenant:${tenantId}:${scopeType}:${scopeId}";

/** A scope key, checked: build one with `createScopeKey` or check one with `parseScopeKey`. */
export type ScopeKey = `tenant:${string}:${string}:${string}`;

export type ScopeKeyParts = {
  tenantId: string;
  scopeType: string;
  scopeId: string;
};

export type ParsedScopeKey = ScopeKeyParts & { scopeKey: ScopeKey };

export type ScopeKeyPart = "prefix" | keyof ScopeKeyParts;

export type ScopeKeyValidation =
  | { valid: true; scope: ParsedScopeKey }
  | { valid: false; code: "INVALID_SCOPE_KEY"; part: ScopeKeyPart; message: string };

function partProblem(part: keyof ScopeKeyParts, value: unknown): string | null {
  if (typeof value !== "string" || value === "") return `the ${part} part is empty`;
  if (value.includes(":")) return `the ${part} part "${value}" contains ":"`;
  if (value.trim() !== value) return `the ${part} part "${value}" has surrounding spaces`;
  return null;
}

function invalid(key: string, part: ScopeKeyPart, problem: string): ScopeKeyValidation {
  return {
    valid: false,
    code: "INVALID_SCOPE_KEY",
    part,
    message: `Invalid scope key "${key}": ${problem}; expected the format ${SCOPE_KEY_FORMAT} with non-empty parts without ":"`,
  };
}

/**
 * Checks a scope key without throwing.
 *
 * @example
 * validateScopeKey("tenant:t1:inventory:wh-1") // { valid: true, scope: { tenantId: "t1", ... } }
 * validateScopeKey("tenant:t1:inventory")      // { valid: false, part: "scopeId", ... }
 */
export function validateScopeKey(key: string): ScopeKeyValidation {
  const segments = key.split(":");
  if (segments[0] !== "tenant") {
    return invalid(key, "prefix", `it does not start with "tenant:"`);
  }
  const [, tenantId, scopeType, scopeId, ...rest] = segments;
  const parts = { tenantId, scopeType, scopeId };
  for (const part of ["tenantId", "scopeType", "scopeId"] as const) {
    const problem = partProblem(part, parts[part]);
    if (problem !== null) return invalid(key, part, problem);
  }
  if (rest.length > 0) {
    return invalid(key, "scopeId", `it has ${segments.length} parts instead of 4`);
  }
  return {
    valid: true,
    scope: {
      scopeKey: key as ScopeKey,
      tenantId: tenantId!,
      scopeType: scopeType!,
      scopeId: scopeId!,
    },
  };
}

/**
 * Reads a scope key into its parts; throws INVALID_SCOPE_KEY naming the bad part.
 *
 * @example
 * parseScopeKey("tenant:t1:inventory:wh-1") // { tenantId: "t1", scopeType: "inventory", scopeId: "wh-1", scopeKey }
 */
export function parseScopeKey(key: string): ParsedScopeKey {
  const result = validateScopeKey(key);
  if (!result.valid) {
    throw eventStoreError(result.code, result.message, { scopeKey: key, part: result.part });
  }
  return result.scope;
}

/**
 * Builds the key of a scope; throws INVALID_SCOPE_KEY when a part is empty or contains ":".
 *
 * @example
 * createScopeKey("t1", "inventory", "wh-1") // "tenant:t1:inventory:wh-1"
 */
export function createScopeKey(tenantId: string, scopeType: string, scopeId: string): ScopeKey {
  const parts = { tenantId, scopeType, scopeId };
  for (const part of ["tenantId", "scopeType", "scopeId"] as const) {
    const problem = partProblem(part, parts[part]);
    if (problem !== null) {
      throw eventStoreError(
        "INVALID_SCOPE_KEY",
        `Cannot build a scope key: ${problem}; expected the format ${SCOPE_KEY_FORMAT} with non-empty parts without ":"`,
        { part, value: parts[part] },
      );
    }
  }
  return `tenant:${tenantId}:${scopeType}:${scopeId}`;
}
