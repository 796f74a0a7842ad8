/** Renders a value for a message: strings quoted, numbers as is, anything else by its kind. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `${typeof value} ${String(value)}`;
  }
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  return "an object";
}

/** `"a", "b"`, or `(none)` for an empty list. */
export function quoteList(values: readonly unknown[]): string {
  return values.length === 0 ? "(none)" : values.map((v) => JSON.stringify(v)).join(", ");
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** `1 problem`, `2 problems`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;

/** `ORDER_NOT_FOUND`: upper-case letters and digits separated by single underscores. */
export function isScreamingSnake(value: string): boolean {
  return SCREAMING_SNAKE.test(value);
}

/** `orderHasItems`: a lower-case letter, then letters and digits. */
export function isCamelCase(value: string): boolean {
  return CAMEL_CASE.test(value);
}

/** `"orderNotFound"` -> `"ORDER_NOT_FOUND"`: the suggestion shown next to a malformed code. */
export function toScreamingSnake(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** Any non-null object, class instances included. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
