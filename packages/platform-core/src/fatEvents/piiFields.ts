import type { CheckedMarks } from "./marks.js";
import type { SnapshotMap } from "./envelope.js";

/**
 * One field of personal data in a fat event's payload, as `piiFieldsOf` lists it. Paths are
 * absolute in the payload: a snapshot's `email` is `customer.data.email`.
 */
export interface PiiField {
  readonly path: string;
  /** Path of the person's id whose key shreds this field, such as `customer.data.customerId`. */
  readonly subject: string;
  /** The snapshot the field belongs to; undefined for the event's own fields. */
  readonly snapshot: string | undefined;
}

/** The event's own marks first, then each snapshot's, in the order they were declared. */
export function collectPiiFields(own: CheckedMarks, snapshots: SnapshotMap): readonly PiiField[] {
  const fields: PiiField[] = [];
  if (own.subject !== undefined) {
    for (const path of own.pii) fields.push({ path, subject: own.subject, snapshot: undefined });
  }
  for (const [key, snapshot] of Object.entries(snapshots)) {
    if (snapshot.subject === undefined) continue;
    const subject = `${key}.data.${snapshot.subject}`;
    for (const path of snapshot.pii) {
      fields.push({ path: `${key}.data.${path}`, subject, snapshot: key });
    }
  }
  return Object.freeze(fields.map((field) => Object.freeze(field)));
}
