import { CoreError } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import type { FatEventDefinition } from "./defineFatEvent.js";
import type { PiiField } from "./piiFields.js";
import { parsePath, replaceAt, valuesAt } from "./schemaPaths.js";

/** The personal fields a fat event definition marks, with the subject of each. */
export function piiFieldsOf(
  definition: Pick<FatEventDefinition, "piiFields">,
): readonly PiiField[] {
  return definition.piiFields;
}

/** A personal value found in one payload: where it is, whose it is, and the value. */
export interface PiiValue {
  /** Concrete path, array elements by index: `lines.0.recipientEmail`. */
  readonly path: string;
  /** The field it belongs to, as marked: `lines[].recipientEmail`. */
  readonly field: string;
  readonly subjectId: string;
  readonly value: unknown;
}

/** What a shredded value becomes: the key reference stays, the personal data is gone. */
export interface ShreddedValue {
  readonly shredded: true;
  readonly subjectId: string;
}

function subjectOf(definitionName: string, payload: unknown, field: PiiField): string | undefined {
  const [found] = valuesAt(payload, parsePath(field.subject)!);
  if (found === undefined) return undefined;
  if (typeof found.value !== "string" || found.value.length === 0) {
    throw new CoreError([
      {
        code: "PII_SUBJECT_MISSING",
        message: `${definitionName}: the subject ${field.subject} of ${field.path} is ${describeValue(found.value)}; expected the person's id as a non-empty string`,
      },
    ]);
  }
  return found.value;
}

/**
 * Every personal value present in a payload of this definition, with its subject id: what an
 * app encrypts with the subject's key before storing, or erases. Absent optional fields are
 * skipped. `PII_SUBJECT_MISSING` when a value is present but its subject id is not.
 */
export function findPii(
  definition: Pick<FatEventDefinition, "eventType" | "piiFields">,
  payload: unknown,
): PiiValue[] {
  const name = `fat event ${definition.eventType}`;
  const values: PiiValue[] = [];
  for (const field of definition.piiFields) {
    const found = valuesAt(payload, parsePath(field.path)!);
    if (found.length === 0) continue;
    const subjectId = subjectOf(name, payload, field);
    if (subjectId === undefined) {
      throw new CoreError([
        {
          code: "PII_SUBJECT_MISSING",
          message: `${name}: ${field.path} holds personal data but its subject ${field.subject} is absent; expected the person's id there`,
        },
      ]);
    }
    for (const { path, value } of found) values.push({ path, field: field.path, subjectId, value });
  }
  return values;
}

/** What `shredPii` returns: the payload with the forgotten subjects' values replaced. */
export interface ShreddedPayload {
  readonly payload: Record<string, unknown>;
  /** Concrete paths replaced by a `ShreddedValue`. */
  readonly shredded: readonly string[];
}

/**
 * Crypto-shredding as a reader sees it once a subject's key is deleted: every personal value of
 * a forgotten subject is replaced by `{ shredded: true, subjectId }` (the key reference), other
 * subjects' values and every non-personal field stay as they are. Events are immutable, so this
 * is how projections, replays and exports read them after "forget me".
 *
 * @example
 * const { payload } = shredPii(orderSubmitted, event.payload, (id) => forgotten.has(id));
 */
export function shredPii(
  definition: Pick<FatEventDefinition, "eventType" | "piiFields">,
  payload: unknown,
  isForgotten: (subjectId: string) => boolean,
): ShreddedPayload {
  let result: unknown = payload;
  const shredded: string[] = [];
  for (const value of findPii(definition, payload)) {
    if (!isForgotten(value.subjectId)) continue;
    const replacement: ShreddedValue = { shredded: true, subjectId: value.subjectId };
    result = replaceAt(result, value.path, replacement);
    shredded.push(value.path);
  }
  return { payload: result as Record<string, unknown>, shredded: Object.freeze(shredded) };
}
