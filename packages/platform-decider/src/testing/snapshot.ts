/**
 * A deep copy of plain data (objects, arrays, Dates, Maps, Sets) taken before a decision, so a
 * mutation of the inputs shows up as a diff. Other objects are kept by reference.
 */
export function snapshot<T>(value: T, copies = new Map<object, unknown>()): T {
  if (typeof value !== "object" || value === null) return value;
  const existing = copies.get(value);
  if (existing !== undefined) return existing as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value as unknown[]) copy.push(snapshot(item, copies));
    return copy as T;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    copies.set(value, copy);
    for (const [key, item] of value as Map<unknown, unknown>) copy.set(key, snapshot(item, copies));
    return copy as T;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    copies.set(value, copy);
    for (const item of value as Set<unknown>) copy.add(snapshot(item, copies));
    return copy as T;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return value;
  const copy: Record<string, unknown> = Object.create(proto as object | null) as Record<
    string,
    unknown
  >;
  copies.set(value, copy);
  for (const key of Object.keys(value)) {
    copy[key] = snapshot((value as Record<string, unknown>)[key], copies);
  }
  return copy as T;
}
