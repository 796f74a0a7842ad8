/** Renders a state for a message: strings are quoted, anything else names its type. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

export function quoteList(values: readonly unknown[]): string {
  return values.length === 0 ? "(none)" : values.map(describeValue).join(", ");
}
