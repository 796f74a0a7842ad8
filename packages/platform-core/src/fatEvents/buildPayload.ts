import { describeValue, isPlainObject } from "../internal/describe.js";
import type { FatEventDefinition, FatEventInput } from "./defineFatEvent.js";
import type { AnyZodObject } from "./defineSnapshot.js";
import type { SnapshotMap } from "./envelope.js";
import { Problems } from "./problems.js";

/** `customer.email: Invalid email address` lines of a failed zod parse. */
export function issueLines(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues.map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`);
}

/**
 * The payload of a fat event: the own data parsed by its schema, and each snapshot parsed by
 * its own and wrapped in `{ schemaVersion, capturedAt, data }`. Every problem is reported at
 * once: `INVALID_FAT_EVENT_PAYLOAD` for the own data and `capturedAt`, `INVALID_SNAPSHOT_DATA`
 * for a snapshot that is missing, unexpected or does not match its schema.
 */
export function buildPayload<TPayload extends AnyZodObject, TSnapshots extends SnapshotMap>(
  definition: FatEventDefinition<string, TPayload, TSnapshots>,
  input: FatEventInput<TPayload, TSnapshots>,
): Record<string, unknown> {
  const problems = new Problems();
  const label = `fat event ${definition.eventType}`;
  if (!isPlainObject(input)) {
    problems.add(
      "INVALID_FAT_EVENT_PAYLOAD",
      `${label}.build takes { data, snapshots, capturedAt } (got ${describeValue(input)})`,
    );
    problems.throwIfAny(label);
  }
  const own = definition.ownPayload.safeParse(input.data);
  if (!own.success) {
    for (const line of issueLines(own.error.issues)) {
      problems.add("INVALID_FAT_EVENT_PAYLOAD", `${label} data ${line}`);
    }
  }
  if (typeof input.capturedAt !== "number" || !Number.isFinite(input.capturedAt)) {
    problems.add(
      "INVALID_FAT_EVENT_PAYLOAD",
      `${label}.build needs capturedAt, the time the snapshots were read in milliseconds (got ${describeValue(input.capturedAt)})`,
    );
  }
  const given: Record<string, unknown> = isPlainObject(input.snapshots) ? input.snapshots : {};
  const envelopes: Record<string, unknown> = {};
  for (const [key, snapshot] of Object.entries(definition.snapshots)) {
    const data = given[key];
    if (data === undefined) {
      problems.add(
        "INVALID_SNAPSHOT_DATA",
        `${label} needs the ${key} snapshot (data of ${snapshot.source} at schemaVersion ${snapshot.schemaVersion})`,
      );
      continue;
    }
    const parsed = snapshot.schema.safeParse(data);
    if (!parsed.success) {
      for (const line of issueLines(parsed.error.issues)) {
        problems.add(
          "INVALID_SNAPSHOT_DATA",
          `${label} snapshot ${key} (${snapshot.source} v${snapshot.schemaVersion}) ${line}`,
        );
      }
      continue;
    }
    envelopes[key] = {
      schemaVersion: snapshot.schemaVersion,
      capturedAt: input.capturedAt,
      data: parsed.data,
    };
  }
  for (const key of Object.keys(given)) {
    if (!(key in definition.snapshots)) {
      problems.add(
        "INVALID_SNAPSHOT_DATA",
        `${label} has no snapshot ${JSON.stringify(key)}: expected ${Object.keys(definition.snapshots).join(", ")}`,
      );
    }
  }
  problems.throwIfAny(label);
  return Object.freeze({ ...(own.data as Record<string, unknown>), ...envelopes });
}
