import type { output as ZodOutput } from "zod";
import { UpcastError } from "../errors/upcastError.js";
import { describeValue } from "../internal/describe.js";
import { applyUpcasters, UpcastStepFailure } from "../internal/upcastChain.js";
import type { EventDefinition } from "./defineEvent.js";
import type { AnySchema } from "./schema.js";

/** A stored event payload and the schema version it was written at. */
export interface StoredEventPayload {
  readonly schemaVersion: number;
  readonly payload: unknown;
}

/** What `upcastEvent` returns: the payload at the current schema version, parsed. */
export interface EventUpcastResult<T> {
  readonly payload: T;
  readonly wasUpcast: boolean;
  readonly fromVersion: number;
}

/**
 * Reads a stored event payload as the current version: applies the upcasters from its
 * `schemaVersion` up to the definition's, then parses the result with the payload schema.
 * Events are immutable, so this happens at read time and nothing is written back.
 *
 * Throws an `UpcastError` (`INVALID_EVENT_SCHEMA_VERSION`, `EVENT_VERSION_FROM_FUTURE`,
 * `EVENT_UPCAST_FAILED`), or a `MessageValidationError` (`INVALID_EVENT_PAYLOAD`) when the
 * upcast payload does not match the current schema.
 *
 * @example
 * const { payload } = upcastEvent(orderSubmitted, { schemaVersion: 1, payload: stored.payload });
 */
export function upcastEvent<TSchema extends AnySchema>(
  definition: EventDefinition<string, TSchema, string>,
  stored: StoredEventPayload,
): EventUpcastResult<ZodOutput<TSchema>> {
  const { eventType, schemaVersion: currentVersion } = definition;
  const fromVersion: unknown = (stored as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof fromVersion !== "number" || !Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new UpcastError(
      "INVALID_EVENT_SCHEMA_VERSION",
      { typeName: eventType, currentVersion },
      `event ${JSON.stringify(eventType)}: the stored schemaVersion must be a positive integer from 1 to ${currentVersion} (got ${describeValue(fromVersion)})`,
    );
  }
  if (fromVersion > currentVersion) {
    throw new UpcastError(
      "EVENT_VERSION_FROM_FUTURE",
      { typeName: eventType, storedVersion: fromVersion, currentVersion },
      `event ${JSON.stringify(eventType)}: the stored payload is at schemaVersion ${fromVersion}, newer than this code's schemaVersion ${currentVersion}; it was written by a newer deployment`,
    );
  }
  let upcast: unknown;
  try {
    upcast = applyUpcasters(
      stored.payload,
      fromVersion,
      currentVersion,
      definition.upcasters,
      (value) => ({
        value,
      }),
    );
  } catch (error) {
    if (!(error instanceof UpcastStepFailure)) throw error;
    throw new UpcastError(
      "EVENT_UPCAST_FAILED",
      { typeName: eventType, storedVersion: fromVersion, currentVersion },
      `event ${JSON.stringify(eventType)}: upcasting from schemaVersion ${fromVersion} to ${currentVersion} failed at step ${error.version} → ${error.version + 1}: ${error.reason}`,
      error.cause === undefined ? undefined : { cause: error.cause },
    );
  }
  return {
    payload: definition.parse(upcast),
    wasUpcast: fromVersion < currentVersion,
    fromVersion,
  };
}
