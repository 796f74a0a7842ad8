import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { CORE_ERROR_CODES, isCoreError } from "../../src/index.js";
import type { CoreError } from "../../src/index.js";

/** Absolute path of a feature file. */
export function featurePath(name: string): string {
  return fileURLToPath(new URL(`../features/${name}`, import.meta.url));
}

/** Runs `fn` and returns what it threw, or undefined when it returned normally. */
export function captureError(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Awaits `fn` and returns what it rejected with, or undefined. */
export async function captureAsyncError(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** "a, b" -> ["a", "b"]; "" -> []. */
export function listFrom(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** The value is a CoreError; returns it typed. */
export function coreError(value: unknown): CoreError {
  expect(isCoreError(value), `expected a CoreError, got ${String(value)}`).toBe(true);
  const error = value as CoreError;
  // Every code a refusal carries is a documented one.
  for (const code of error.codes) expect(CORE_ERROR_CODES).toContain(code);
  expect(isCoreError(value, error.code)).toBe(true);
  return error;
}

/** The problems of a CoreError as "CODE: message" lines. */
export function problemLines(value: unknown): string[] {
  return coreError(value).problems.map((p) => `${p.code}: ${p.message}`);
}

/** The single problem of a CoreError as "CODE: message". */
export function onlyProblem(value: unknown): string {
  const lines = problemLines(value);
  expect(lines, lines.join("\n")).toHaveLength(1);
  return lines[0]!;
}

/** Holds one value per scenario; `reset` before each. */
export function world<T>(initial: () => T): { value: T; reset(): void } {
  const holder = {
    value: initial(),
    reset() {
      holder.value = initial();
    },
  };
  return holder;
}

/**
 * The validators a registered Convex function declares, as the Convex CLI reads them when it
 * deploys (`exportArgs` / `exportReturns`, which the public types do not list).
 */
export function declaredValidators(fn: unknown): { args: unknown; returns: unknown } {
  const exported = fn as { exportArgs(): string; exportReturns(): string };
  return { args: JSON.parse(exported.exportArgs()), returns: JSON.parse(exported.exportReturns()) };
}

/** A validator's JSON form, as `declaredValidators` shows it. */
export function validatorJson(validator: unknown): unknown {
  return (validator as { json: unknown }).json;
}
