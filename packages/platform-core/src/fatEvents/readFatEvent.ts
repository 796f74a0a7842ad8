import type { output as ZodOutput } from "zod";
import { describeValue, isPlainObject } from "../internal/describe.js";
import { issueLines } from "./buildPayload.js";
import type { FatEventDefinition } from "./defineFatEvent.js";
import type { AnyZodObject } from "./defineSnapshot.js";
import type { FatPayloadSchema, SnapshotMap } from "./envelope.js";
import { Problems } from "./problems.js";
import { upcast, UpcastStepError } from "./upcasters.js";

/** A stored fat event: its payload and the event schema version it was written at. */
export interface StoredFatEvent {
  readonly schemaVersion: number;
  readonly payload: unknown;
}

/** What `readFatEvent` returns: the payload at the current versions, and where it came from. */
export interface FatEventRead<TPayload> {
  readonly payload: TPayload;
  readonly fromVersion: number;
  /** The schema version each snapshot was stored at. */
  readonly snapshotVersions: Readonly<Record<string, number>>;
  /** True when the event or any snapshot was upcast. */
  readonly wasUpcast: boolean;
}

function checkStoredVersion(
  problems: Problems,
  what: string,
  stored: unknown,
  current: number,
): number | undefined {
  if (typeof stored === "number" && Number.isInteger(stored) && stored >= 1 && stored <= current) {
    return stored;
  }
  problems.add(
    "INVALID_STORED_VERSION",
    typeof stored === "number" && Number.isInteger(stored) && stored > current
      ? `${what} was stored at schemaVersion ${stored}, newer than this code's ${current}: it was written by a newer deployment`
      : `${what} has schemaVersion ${describeValue(stored)}; expected an integer from 1 to ${current}`,
  );
  return undefined;
}

function upcastOrReport(problems: Problems, what: string, run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof UpcastStepError)) throw error;
    problems.add("UPCAST_FAILED", `${what}: ${error.message}`);
    return undefined;
  }
}

/**
 * Reads a stored fat event at the current versions: the event's upcasters bring its own shape
 * forward, then each snapshot's data is upcast from the version its envelope records, and the
 * result is parsed by the event's schema. Events are immutable: nothing is written back.
 * Refused with a `CoreError`: `INVALID_STORED_VERSION`, `UPCAST_FAILED`,
 * `INVALID_FAT_EVENT_PAYLOAD`.
 *
 * @example
 * const { payload } = readFatEvent(orderSubmitted, { schemaVersion: e.schemaVersion, payload: e.payload });
 * payload.customer.data.email; // the customer as of the order, at the current snapshot version
 */
export function readFatEvent<TPayload extends AnyZodObject, TSnapshots extends SnapshotMap>(
  definition: FatEventDefinition<string, TPayload, TSnapshots>,
  stored: StoredFatEvent,
): FatEventRead<ZodOutput<FatPayloadSchema<TPayload, TSnapshots>>> {
  const problems = new Problems();
  const label = `fat event ${definition.eventType}`;
  const fromVersion = checkStoredVersion(
    problems,
    label,
    stored?.schemaVersion,
    definition.schemaVersion,
  );
  problems.throwIfAny(label);
  const current = upcastOrReport(problems, label, () =>
    upcast(stored.payload, fromVersion!, definition.schemaVersion, definition.upcasters),
  );
  problems.throwIfAny(label);
  if (!isPlainObject(current)) {
    problems.add(
      "INVALID_FAT_EVENT_PAYLOAD",
      `${label} payload is ${describeValue(current)}; expected an object`,
    );
    problems.throwIfAny(label);
  }
  const payload: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  const snapshotVersions: Record<string, number> = {};
  let snapshotsUpcast = false;
  for (const [key, snapshot] of Object.entries(definition.snapshots)) {
    const what = `${label} snapshot ${key}`;
    const envelope = payload[key];
    if (!isPlainObject(envelope)) {
      problems.add(
        "INVALID_FAT_EVENT_PAYLOAD",
        `${what} is ${describeValue(envelope)}; expected { schemaVersion, capturedAt, data }`,
      );
      continue;
    }
    const version = checkStoredVersion(
      problems,
      what,
      envelope.schemaVersion,
      snapshot.schemaVersion,
    );
    if (version === undefined) continue;
    snapshotVersions[key] = version;
    snapshotsUpcast ||= version < snapshot.schemaVersion;
    const data = upcastOrReport(problems, what, () =>
      upcast(envelope.data, version, snapshot.schemaVersion, snapshot.upcasters),
    );
    payload[key] = { ...envelope, schemaVersion: snapshot.schemaVersion, data };
  }
  problems.throwIfAny(label);
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    for (const line of issueLines(parsed.error.issues)) {
      problems.add("INVALID_FAT_EVENT_PAYLOAD", `${label} ${line}`);
    }
    problems.throwIfAny(label);
  }
  return {
    payload: parsed.data as ZodOutput<FatPayloadSchema<TPayload, TSnapshots>>,
    fromVersion: fromVersion!,
    snapshotVersions: Object.freeze(snapshotVersions),
    wasUpcast: fromVersion! < definition.schemaVersion || snapshotsUpcast,
  };
}
