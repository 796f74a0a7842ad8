import { describe, expect, test } from "vitest";
import {
  createScopeKey,
  isEventStoreError,
  parseScopeKey,
  SCOPE_KEY_FORMAT,
  validateScopeKey,
} from "../src/client/index.js";

function codeOf(fn: () => unknown): { code: string; message: string; part?: string } {
  try {
    fn();
  } catch (error) {
    expect(isEventStoreError(error, "INVALID_SCOPE_KEY")).toBe(true);
    return (error as { data: { code: string; message: string; part?: string } }).data;
  }
  throw new Error("expected INVALID_SCOPE_KEY");
}

describe("scope keys", () => {
  test("create and parse are inverse", () => {
    const key = createScopeKey("t1", "inventory", "wh-1");
    expect(key).toBe("tenant:t1:inventory:wh-1");
    expect(parseScopeKey(key)).toEqual({
      scopeKey: key,
      tenantId: "t1",
      scopeType: "inventory",
      scopeId: "wh-1",
    });
    expect(validateScopeKey(key)).toEqual({ valid: true, scope: parseScopeKey(key) });
  });

  test.each([
    ["t1:inventory:wh-1", "prefix", 'it does not start with "tenant:"'],
    ["tenant::inventory:wh-1", "tenantId", "the tenantId part is empty"],
    ["tenant:t1::wh-1", "scopeType", "the scopeType part is empty"],
    ["tenant:t1:inventory", "scopeId", "the scopeId part is empty"],
    ["tenant:t1:inventory:", "scopeId", "the scopeId part is empty"],
    ["tenant:t1:inventory:wh:1", "scopeId", "it has 5 parts instead of 4"],
    ["tenant: t1:inventory:wh-1", "tenantId", "has surrounding spaces"],
  ])("%s is invalid in its %s", (key, part, problem) => {
    const result = validateScopeKey(key);
    expect(result).toMatchObject({ valid: false, code: "INVALID_SCOPE_KEY", part });
    if (result.valid) return;
    expect(result.message).toContain(problem);
    expect(result.message).toContain(`expected the format ${SCOPE_KEY_FORMAT}`);
    const thrown = codeOf(() => parseScopeKey(key));
    expect(thrown).toMatchObject({ code: "INVALID_SCOPE_KEY", part, message: result.message });
  });

  test("a part with a colon or an empty part cannot build a key", () => {
    expect(codeOf(() => createScopeKey("t1", "inv:entory", "wh-1")).message).toContain(
      'the scopeType part "inv:entory" contains ":"',
    );
    expect(codeOf(() => createScopeKey("", "inventory", "wh-1")).part).toBe("tenantId");
  });
});
