import { fileURLToPath } from "node:url";

/** Absolute path of a feature file, resolved from the steps file that loads it. */
export function featurePath(name: string): string {
  return fileURLToPath(new URL(`../features/${name}`, import.meta.url));
}

/** One row of a Gherkin transition table: `| state | targets |`, targets comma-separated. */
export interface TransitionTableRow {
  readonly state: string;
  readonly targets: string;
}

export function transitionsFromTable(
  rows: readonly TransitionTableRow[],
): Record<string, string[]> {
  return Object.fromEntries(rows.map((row) => [row.state, listFrom(row.targets)]));
}

/** "a, b" -> ["a", "b"]; "" -> []. */
export function listFrom(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Runs `fn` and returns what it threw, or undefined when it returned normally. */
export function captureError(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

/** Doc strings lose their indentation when parsed, so compare messages line by line, trimmed. */
export function trimLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .join("\n");
}

export function expectedError(value: unknown): Error {
  if (!(value instanceof Error)) {
    throw new Error(`expected an Error to have been thrown, got ${String(value)}`);
  }
  return value;
}
