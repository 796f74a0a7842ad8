import { isPlainObject } from "../internal/describe.js";

/** Differences between two JSON-like values, one line per path; empty when equal. */
export function differences(actual: unknown, expected: unknown, path = "(root)"): string[] {
  if (Object.is(actual, expected)) return [];
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const lines: string[] = [];
    const length = Math.max(actual.length, expected.length);
    for (let i = 0; i < length; i++) {
      const at = `${path === "(root)" ? "" : path}[${i}]`;
      if (i >= actual.length) lines.push(`${at}: missing, expected ${render(expected[i])}`);
      else if (i >= expected.length) lines.push(`${at}: unexpected ${render(actual[i])}`);
      else lines.push(...differences(actual[i], expected[i], at));
    }
    return lines;
  }
  if (isPlainObject(actual) && isPlainObject(expected)) {
    const lines: string[] = [];
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const key of keys) {
      const at = path === "(root)" ? key : `${path}.${key}`;
      if (!Object.hasOwn(actual, key))
        lines.push(`${at}: missing, expected ${render(expected[key])}`);
      else if (!Object.hasOwn(expected, key))
        lines.push(`${at}: unexpected ${render(actual[key])}`);
      else lines.push(...differences(actual[key], expected[key], at));
    }
    return lines;
  }
  return [`${path}: expected ${render(expected)}, got ${render(actual)}`];
}

function render(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
