import { convexToJson } from "convex/values";
import type { JSONValue, Value } from "convex/values";

/**
 * A string that is equal for equal Convex values, whatever the key order of their objects.
 * Idempotent retries compare payloads with it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(convexToJson(value as Value)));
}

function sortKeys(value: JSONValue): JSONValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key]!)]),
  );
}
