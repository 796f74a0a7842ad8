import { diffAt } from "./diff.js";
import { MISSING } from "./format.js";

/** Differences between two event lists: a count line, then one line per differing field. */
export function eventLines(expected: readonly unknown[], actual: readonly unknown[]): string[] {
  const lines: string[] = [];
  if (expected.length !== actual.length) {
    lines.push(`events: expected ${expected.length} event(s), received ${actual.length}`);
  }
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = index < expected.length ? expected[index] : MISSING;
    const got = index < actual.length ? actual[index] : MISSING;
    lines.push(...diffAt(want, got, `events[${index}]`, false));
  }
  return lines;
}

/** `name: expected "x", received "y"`, or `expected to match /x/`; nothing when it matches. */
export function textLines(name: string, expected: string | RegExp | undefined, actual: string) {
  if (expected === undefined) return [];
  if (typeof expected === "string") {
    return expected === actual
      ? []
      : [`${name}: expected ${JSON.stringify(expected)}, received ${JSON.stringify(actual)}`];
  }
  return actual.search(expected) !== -1
    ? []
    : [`${name}: expected to match ${String(expected)}, received ${JSON.stringify(actual)}`];
}
