import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { isBoundedContextDefinitionError } from "../../src/index.js";
import type { BoundedContextDefinitionError } from "../../src/index.js";

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

/** Runs `fn` and returns what it threw; fails when it returned normally. */
export function thrownBy(fn: () => unknown): unknown {
  const error = captureError(fn);
  if (error === undefined) throw new Error("expected the call to throw, but it returned normally");
  return error;
}

/** "a, b" -> ["a", "b"]; "" -> []. */
export function listFrom(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Doc strings lose their indentation when parsed, so compare messages line by line, trimmed. */
export function trimLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .join("\n");
}

/** The value is a definition error; returns it typed. */
export function definitionError(value: unknown): BoundedContextDefinitionError {
  expect(
    isBoundedContextDefinitionError(value),
    `expected a definition error, got ${String(value)}`,
  ).toBe(true);
  return value as BoundedContextDefinitionError;
}

/** The single problem of a definition error, as "CODE: message". */
export function onlyProblem(value: unknown): string {
  const error = definitionError(value);
  expect(error.problems, error.message).toHaveLength(1);
  const [problem] = error.problems;
  return `${problem?.code}: ${problem?.message}`;
}

/** Problems as "CODE: message" lines. */
export function problemLines(value: unknown): string[] {
  return definitionError(value).problems.map((p) => `${p.code}: ${p.message}`);
}
