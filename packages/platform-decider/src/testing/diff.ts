import { formatKey, formatValue, MISSING } from "./format.js";

export type DiffOptions = {
  /** Prefix for every path, e.g. `"state"` gives `state.items[0].quantity`. */
  readonly path?: string;
  /** Only check what `expected` names: extra keys in `actual` are fine, at any depth. */
  readonly partial?: boolean;
};

/**
 * Deep comparison for specs: one line per difference, `path: expected X, received Y`, empty
 * when equal. Strict about shape: `{ a: undefined }` differs from `{}` (shown as `<missing>`),
 * Dates compare by time, NaN equals NaN, and an array length mismatch gets its own line.
 *
 * @example
 * diff({ items: [{ qty: 3 }] }, { items: [{ qty: 2 }] });
 * // ["items[0].qty: expected 3, received 2"]
 */
export function diff(expected: unknown, actual: unknown, options: DiffOptions = {}): string[] {
  return diffAt(expected, actual, options.path ?? "", options.partial ?? false);
}

/** Like `diff`, but either side may be `MISSING`. */
export function diffAt(
  expected: unknown,
  actual: unknown,
  path: string,
  partial: boolean,
): string[] {
  const lines: string[] = [];
  walk({ lines, partial, visiting: new Map() }, expected, actual, path);
  return lines;
}

type Walk = {
  readonly lines: string[];
  readonly partial: boolean;
  readonly visiting: Map<object, Set<object>>;
};

function walk(w: Walk, expected: unknown, actual: unknown, path: string): void {
  if (Object.is(expected, actual)) return;
  if (!isObject(expected) || !isObject(actual)) return report(w, expected, actual, path);
  const kind = kindOf(expected);
  if (kind !== kindOf(actual)) return report(w, expected, actual, path);
  const seen = w.visiting.get(expected) ?? new Set<object>();
  if (seen.has(actual)) return;
  w.visiting.set(expected, seen.add(actual));
  switch (kind) {
    case "date":
      if (!Object.is((expected as Date).getTime(), (actual as Date).getTime())) {
        report(w, expected, actual, path);
      }
      return;
    case "regexp":
      if (String(expected) !== String(actual)) report(w, expected, actual, path);
      return;
    case "array":
      return walkArray(w, expected as unknown[], actual as unknown[], path);
    case "map":
      return walkMap(w, expected as Map<unknown, unknown>, actual as Map<unknown, unknown>, path);
    case "set":
      if (!setsEqual(expected as Set<unknown>, actual as Set<unknown>)) {
        report(w, expected, actual, path);
      }
      return;
    default:
      return walkObject(w, expected, actual, path);
  }
}

function walkArray(w: Walk, expected: unknown[], actual: unknown[], path: string): void {
  if (expected.length !== actual.length) {
    w.lines.push(`${prefix(path)}expected ${expected.length} item(s), received ${actual.length}`);
  }
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    walk(w, slot(expected, index), slot(actual, index), `${path}[${index}]`);
  }
}

function walkMap(
  w: Walk,
  expected: Map<unknown, unknown>,
  actual: Map<unknown, unknown>,
  path: string,
): void {
  const keys = new Set([...expected.keys(), ...(w.partial ? [] : actual.keys())]);
  for (const key of keys) {
    walk(
      w,
      expected.has(key) ? expected.get(key) : MISSING,
      actual.has(key) ? actual.get(key) : MISSING,
      `${path}.get(${formatValue(key)})`,
    );
  }
}

function walkObject(w: Walk, expected: object, actual: object, path: string): void {
  const keys = new Set([...Object.keys(expected), ...(w.partial ? [] : Object.keys(actual))]);
  for (const key of keys) {
    walk(w, field(expected, key), field(actual, key), join(path, key));
  }
}

function setsEqual(expected: Set<unknown>, actual: Set<unknown>): boolean {
  if (expected.size !== actual.size) return false;
  const pool = [...actual];
  return [...expected].every((item) => {
    if (actual.has(item)) return true;
    return pool.some((candidate) => diffAt(item, candidate, "", false).length === 0);
  });
}

function report(w: Walk, expected: unknown, actual: unknown, path: string): void {
  w.lines.push(`${prefix(path)}expected ${formatValue(expected)}, received ${formatValue(actual)}`);
}

function prefix(path: string): string {
  return path === "" ? "" : `${path}: `;
}

function join(path: string, key: string): string {
  const formatted = formatKey(key);
  if (formatted !== key) return `${path}[${formatted}]`;
  return path === "" ? key : `${path}.${key}`;
}

function slot(array: unknown[], index: number): unknown {
  return index < array.length ? array[index] : MISSING;
}

function field(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : MISSING;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function kindOf(value: object): string {
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof RegExp) return "regexp";
  if (value instanceof Map) return "map";
  if (value instanceof Set) return "set";
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return "object";
  return `instance:${(proto as { constructor?: { name?: string } }).constructor?.name ?? "?"}`;
}
