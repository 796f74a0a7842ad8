import type { ZodType } from "zod";
import { describeValue } from "../internal/describe.js";
import type { Problems } from "./problems.js";
import { resolvePath } from "./schemaPaths.js";

/** The PII marks of one schema, checked: the subject's path and the personal fields' paths. */
export interface CheckedMarks {
  readonly subject: string | undefined;
  readonly pii: readonly string[];
}

/**
 * Checks `subject` and `pii` against `schema`. Every PII path must name a field of the schema;
 * the subject (whose key encrypts those fields) must be a required string outside any array,
 * since each value needs exactly one subject. PII without a subject is refused: nothing would
 * say whose data it is, so it could never be shredded.
 */
export function checkMarks(
  problems: Problems,
  label: string,
  schema: ZodType | undefined,
  input: { subject?: unknown; pii?: unknown },
): CheckedMarks {
  const subject = checkSubject(problems, label, schema, input.subject);
  const pii = input.pii ?? [];
  if (!Array.isArray(pii) || pii.some((path) => typeof path !== "string")) {
    problems.add(
      "INVALID_PII_MARK",
      `${label}.pii must be a list of field paths such as ["email", "address.street"] (got ${describeValue(pii)})`,
    );
    return { subject, pii: [] };
  }
  const paths = pii as string[];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) {
      problems.add("INVALID_PII_MARK", `${label}.pii lists ${JSON.stringify(path)} twice`);
    }
    seen.add(path);
    if (schema === undefined) continue;
    const resolved = resolvePath(schema, path);
    if (typeof resolved === "string") {
      problems.add("INVALID_PII_MARK", `${label}.pii: ${resolved}`);
    } else if (path === subject) {
      problems.add(
        "INVALID_PII_MARK",
        `${label}.pii marks the subject ${JSON.stringify(path)}: the subject id is the key reference that stays readable after shredding; mark the personal fields instead`,
      );
    }
  }
  if (paths.length > 0 && input.subject === undefined) {
    problems.add(
      "PII_SUBJECT_REQUIRED",
      `${label} marks PII (${paths.join(", ")}) but names no subject: expected subject: "<path of the person's id>", whose key shreds these fields`,
    );
  }
  return { subject, pii: Object.freeze([...paths]) };
}

function checkSubject(
  problems: Problems,
  label: string,
  schema: ZodType | undefined,
  subject: unknown,
): string | undefined {
  if (subject === undefined) return undefined;
  if (typeof subject !== "string") {
    problems.add(
      "INVALID_PII_SUBJECT",
      `${label}.subject must be the path of a string field holding the person's id (got ${describeValue(subject)})`,
    );
    return undefined;
  }
  if (schema === undefined) return subject;
  const resolved = resolvePath(schema, subject);
  if (typeof resolved === "string") {
    problems.add("INVALID_PII_SUBJECT", `${label}.subject: ${resolved}`);
  } else if (resolved.leafType !== "string" || resolved.mayBeAbsent || resolved.inArray) {
    problems.add(
      "INVALID_PII_SUBJECT",
      `${label}.subject ${JSON.stringify(subject)} must be a required string outside any array (it is ${resolved.inArray ? "inside an array" : resolved.mayBeAbsent ? "optional" : `a ${resolved.leafType}`})`,
    );
  }
  return subject;
}
