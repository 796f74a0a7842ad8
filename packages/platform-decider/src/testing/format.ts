/** Stands for a key or array slot that does not exist, as opposed to one holding `undefined`. */
export const MISSING: unique symbol = Symbol("missing");

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A compact, unambiguous rendering of a value for failure messages. */
export function formatValue(value: unknown, seen: Set<object> = new Set()): string {
  if (value === MISSING) return "<missing>";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function":
      return `[Function ${value.name || "anonymous"}]`;
  }
  if (value === null) return "null";
  const object = value as object;
  if (object instanceof Date) {
    return `Date(${Number.isNaN(object.getTime()) ? "Invalid" : object.toISOString()})`;
  }
  if (object instanceof RegExp) return String(object);
  if (seen.has(object)) return "[Circular]";
  seen.add(object);
  try {
    return formatContainer(object, seen);
  } finally {
    seen.delete(object);
  }
}

export function formatKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function formatContainer(object: object, seen: Set<object>): string {
  if (Array.isArray(object)) {
    return `[${object.map((item: unknown) => formatValue(item, seen)).join(", ")}]`;
  }
  if (object instanceof Map) {
    const entries = [...object].map(
      ([key, item]: [unknown, unknown]) =>
        `${formatValue(key, seen)} => ${formatValue(item, seen)}`,
    );
    return `Map(${object.size}) {${entries.length > 0 ? ` ${entries.join(", ")} ` : ""}}`;
  }
  if (object instanceof Set) {
    const items = [...object].map((item: unknown) => formatValue(item, seen));
    return `Set(${object.size}) {${items.length > 0 ? ` ${items.join(", ")} ` : ""}}`;
  }
  const record = object as Record<string, unknown>;
  const entries = Object.keys(record).map(
    (key) => `${formatKey(key)}: ${formatValue(record[key], seen)}`,
  );
  const body = entries.length > 0 ? `{ ${entries.join(", ")} }` : "{}";
  const name = constructorName(object);
  return name === undefined ? body : `${name} ${body}`;
}

function constructorName(object: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto === null || proto === Object.prototype) return undefined;
  const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : undefined;
}
