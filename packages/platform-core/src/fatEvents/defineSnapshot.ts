import type { UpcasterChain } from "@convex-es/platform-bc";
import type { output as ZodOutput, ZodObject } from "zod";
import type { CoreErrorCode } from "../errors/coreError.js";
import { describeValue, isCamelCase, isPlainObject } from "../internal/describe.js";
import { checkMarks } from "./marks.js";
import { Problems } from "./problems.js";
import { checkUpcasters } from "./upcasters.js";

/** Any zod object schema: snapshots and fat event payloads are objects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyZodObject = ZodObject<any>;

/**
 * The data of another entity (usually of another bounded context) as a fat event embeds it.
 * Versioned on its own: the source's shape evolves apart from the events that carry it, and a
 * consumer reading an old event upcasts the snapshot with `upcasters`.
 */
export interface SnapshotDefinition<TSchema extends AnyZodObject = AnyZodObject> {
  readonly kind: "snapshot";
  /** The bounded context that owns the data, such as "customers". */
  readonly source: string;
  readonly schemaVersion: number;
  readonly schema: TSchema;
  /** Path of the person's id whose key shreds the `pii` fields; undefined when there is no PII. */
  readonly subject: string | undefined;
  /** Paths of personal data inside the snapshot, shredded when the subject is forgotten. */
  readonly pii: readonly string[];
  readonly upcasters: UpcasterChain;
}

/** What `defineSnapshot` takes. */
export interface SnapshotDefinitionInput<TSchema extends AnyZodObject> {
  readonly source: string;
  readonly schemaVersion: number;
  readonly schema: TSchema;
  readonly subject?: string;
  readonly pii?: readonly string[];
  /** `{ 1: (v1Data) => v2Data }`: one function for every version below `schemaVersion`. */
  readonly upcasters?: UpcasterChain;
}

/** The data a snapshot holds: `SnapshotData<typeof customerSnapshot>`. */
export type SnapshotData<D> =
  D extends SnapshotDefinition<infer TSchema> ? ZodOutput<TSchema> : never;

const FIELDS = new Set(["source", "schemaVersion", "schema", "subject", "pii", "upcasters"]);

export function isZodObject(value: unknown): value is AnyZodObject {
  const def = (value as { _zod?: { def?: { type?: unknown } } } | null)?._zod?.def;
  return typeof def === "object" && def !== null && def.type === "object";
}

/**
 * Defines a snapshot. Refused with a `CoreError` listing every problem: `INVALID_SNAPSHOT`
 * (unknown field, source not camelCase, schemaVersion not a positive integer, schema not a zod
 * object), `INVALID_PII_MARK`, `INVALID_PII_SUBJECT`, `PII_SUBJECT_REQUIRED`,
 * `INVALID_UPCASTER`.
 *
 * @example
 * export const customerSnapshot = defineSnapshot({
 *   source: "customers",
 *   schemaVersion: 2,
 *   schema: z.object({ customerId: z.string(), name: z.string(), email: z.string() }),
 *   subject: "customerId",
 *   pii: ["name", "email"],
 *   upcasters: { 1: (v1) => ({ ...v1, email: v1.mail }) },
 * });
 */
export function defineSnapshot<TSchema extends AnyZodObject>(
  input: SnapshotDefinitionInput<TSchema>,
): SnapshotDefinition<TSchema> {
  const problems = new Problems();
  const label = "snapshot";
  if (!isPlainObject(input)) {
    problems.add(
      "INVALID_SNAPSHOT",
      `a snapshot definition must be an object (got ${describeValue(input)})`,
    );
    problems.throwIfAny(label);
  }
  for (const key of Object.keys(input)) {
    if (!FIELDS.has(key)) {
      problems.add(
        "INVALID_SNAPSHOT",
        `${label} has an unknown field ${JSON.stringify(key)}: expected ${[...FIELDS].join(", ")}`,
      );
    }
  }
  if (typeof input.source !== "string" || !isCamelCase(input.source)) {
    problems.add(
      "INVALID_SNAPSHOT",
      `${label}.source must name the owning bounded context in camelCase, such as "customers" (got ${describeValue(input.source)})`,
    );
  }
  const version = checkVersion(problems, "INVALID_SNAPSHOT", label, input.schemaVersion);
  const schema = isZodObject(input.schema) ? input.schema : undefined;
  if (schema === undefined) {
    problems.add(
      "INVALID_SNAPSHOT",
      `${label}.schema must be a zod object such as z.object({ customerId: z.string() }) (got ${describeValue(input.schema)})`,
    );
  }
  const marks = checkMarks(problems, label, schema, input);
  const upcasters = checkUpcasters(problems, label, input.upcasters, version ?? 1);
  problems.throwIfAny(`snapshot of ${JSON.stringify(input.source)}`);
  return Object.freeze({
    kind: "snapshot",
    source: input.source,
    schemaVersion: input.schemaVersion,
    schema: input.schema,
    subject: marks.subject,
    pii: marks.pii,
    upcasters,
  });
}

/** A positive integer version, or undefined after recording the problem. */
export function checkVersion(
  problems: Problems,
  code: CoreErrorCode,
  label: string,
  value: unknown,
): number | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
  problems.add(
    code,
    `${label}.schemaVersion must be a positive integer (got ${describeValue(value)})`,
  );
  return undefined;
}

export function isSnapshotDefinition(value: unknown): value is SnapshotDefinition {
  return isPlainObject(value) && value.kind === "snapshot";
}
