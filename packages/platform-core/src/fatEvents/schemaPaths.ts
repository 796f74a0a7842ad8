import type { ZodType } from "zod";

/**
 * A field path inside a payload: dot-separated keys, `[]` after a key for every element of an
 * array (`lines[].recipientEmail`). One syntax for PII marks and subject fields, so a mark reads
 * the same in the definition, in `piiFieldsOf` and in the README.
 */
export type FieldPath = string;

/** One step of a parsed path: a key, and whether the value under it is an array to spread. */
export interface PathSegment {
  readonly key: string;
  readonly each: boolean;
}

const SEGMENT = /^([A-Za-z_$][A-Za-z0-9_$]*)(\[\])?$/;

/** `"lines[].note"` -> segments; undefined when the text is not a path. */
export function parsePath(path: string): PathSegment[] | undefined {
  if (typeof path !== "string" || path.length === 0) return undefined;
  const segments: PathSegment[] = [];
  for (const part of path.split(".")) {
    const match = SEGMENT.exec(part);
    if (match === null) return undefined;
    segments.push({ key: match[1]!, each: match[2] !== undefined });
  }
  return segments;
}

/** What a path leads to in a schema. */
export interface ResolvedPath {
  /** zod's type name of the leaf once optional/nullable/default wrappers are removed. */
  readonly leafType: string;
  /** Some step on the way may be absent (optional, nullable or defaulted). */
  readonly mayBeAbsent: boolean;
  /** The path goes through an array (`[]`). */
  readonly inArray: boolean;
}

type ZodDef = {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  element?: ZodType;
};

function defOf(schema: ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "nonoptional",
  "catch",
]);
const ABSENT_WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch"]);

function unwrap(schema: ZodType): { schema: ZodType; mayBeAbsent: boolean } {
  let current = schema;
  let mayBeAbsent = false;
  for (let def = defOf(current); WRAPPERS.has(def.type); def = defOf(current)) {
    if (ABSENT_WRAPPERS.has(def.type)) mayBeAbsent = true;
    current = def.innerType!;
  }
  return { schema: current, mayBeAbsent };
}

/**
 * Follows `path` through object shapes and arrays of `schema`. Returns the leaf, or a sentence
 * saying where the path leaves the schema.
 */
export function resolvePath(schema: ZodType, path: string): ResolvedPath | string {
  const segments = parsePath(path);
  if (segments === undefined) {
    return `${JSON.stringify(path)} is not a field path: expected keys joined by dots, with [] after an array key (such as "email" or "lines[].note")`;
  }
  let current = schema;
  let mayBeAbsent = false;
  let inArray = false;
  let walked = "";
  for (const segment of segments) {
    const object = unwrap(current);
    const def = defOf(object.schema);
    if (def.type !== "object" || def.shape === undefined) {
      return `${walked || "the payload"} is a ${def.type}, not an object, so ${JSON.stringify(path)} cannot be followed`;
    }
    const next = def.shape[segment.key];
    walked = walked === "" ? segment.key : `${walked}.${segment.key}`;
    if (next === undefined) {
      return `${JSON.stringify(path)} names no field: ${walked} is not in the schema (fields there: ${Object.keys(def.shape).join(", ") || "none"})`;
    }
    mayBeAbsent ||= object.mayBeAbsent;
    current = next;
    if (segment.each) {
      const array = unwrap(current);
      const arrayDef = defOf(array.schema);
      if (arrayDef.type !== "array" || arrayDef.element === undefined) {
        return `${walked} is a ${arrayDef.type}, not an array, so ${JSON.stringify(path)} cannot use []`;
      }
      mayBeAbsent ||= array.mayBeAbsent;
      inArray = true;
      current = arrayDef.element;
      walked = `${walked}[]`;
    }
  }
  const leaf = unwrap(current);
  return {
    leafType: defOf(leaf.schema).type,
    mayBeAbsent: mayBeAbsent || leaf.mayBeAbsent,
    inArray,
  };
}

/** A value found at a path, with the concrete path (`lines.1.note`) it was found at. */
export interface FoundValue {
  readonly path: string;
  readonly value: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every value present at `segments` in `value`; absent keys and null steps are skipped. */
export function valuesAt(value: unknown, segments: readonly PathSegment[]): FoundValue[] {
  const found: FoundValue[] = [];
  const walk = (current: unknown, index: number, at: string): void => {
    if (index === segments.length) {
      if (current !== undefined && current !== null) found.push({ path: at, value: current });
      return;
    }
    if (!isRecord(current)) return;
    const segment = segments[index]!;
    const next = current[segment.key];
    const here = at === "" ? segment.key : `${at}.${segment.key}`;
    if (!segment.each) return walk(next, index + 1, here);
    if (Array.isArray(next)) next.forEach((item, i) => walk(item, index + 1, `${here}.${i}`));
  };
  walk(value, 0, "");
  return found;
}

/** A copy of `value` with the value at a concrete path (`lines.1.note`) replaced. */
export function replaceAt(value: unknown, concretePath: string, replacement: unknown): unknown {
  const [head, ...rest] = concretePath.split(".");
  if (head === undefined) return value;
  if (Array.isArray(value)) {
    const copy = [...value];
    const index = Number(head);
    copy[index] =
      rest.length === 0 ? replacement : replaceAt(copy[index], rest.join("."), replacement);
    return copy;
  }
  if (!isRecord(value)) return value;
  return {
    ...value,
    [head]: rest.length === 0 ? replacement : replaceAt(value[head], rest.join("."), replacement),
  };
}
