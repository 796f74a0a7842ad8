// Upcasting: events keep the schema they were written with; readers get the current one.
import { eventStoreError } from "./errors.js";
import type { EventEnvelope } from "./validators.js";

/** Turns a payload of schema version `n` into version `n + 1`. Must be pure. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are v.any() by nature
export type UpcastStep = (payload: any, event: Readonly<EventEnvelope>) => unknown;

export type UpcasterChain = {
  /** The schema version readers get. */
  currentVersion: number;
  /** `steps[n]` upgrades version n to n + 1, for every n from 1 to currentVersion - 1. */
  steps: Readonly<Record<number, UpcastStep>>;
};

export type UpcasterDefinitions = Readonly<Record<string, UpcasterChain>>;

/** A checked set of upcaster chains, one per event type. */
export type Upcasters = {
  readonly definitions: UpcasterDefinitions;
  /** The schema version new events of `eventType` are written with (1 when not registered). */
  currentVersion(eventType: string): number;
  /** The event with its payload upgraded to the current schema; the input is not changed. */
  upcast(event: EventEnvelope): EventEnvelope;
};

function checkChain(eventType: string, chain: UpcasterChain): void {
  const { currentVersion, steps } = chain;
  if (!Number.isInteger(currentVersion) || currentVersion < 1) {
    throw eventStoreError(
      "UPCASTER_INVALID_VERSION",
      `Upcasters of ${eventType}: currentVersion is ${currentVersion}; expected an integer of at least 1`,
      { eventType, currentVersion },
    );
  }
  for (const key of Object.keys(steps)) {
    const from = Number(key);
    if (!Number.isInteger(from) || from < 1 || from >= currentVersion) {
      throw eventStoreError(
        "UPCASTER_STEP_OUT_OF_RANGE",
        `Upcasters of ${eventType}: a step from version ${key} exists; expected steps from 1 to ${currentVersion - 1} (currentVersion ${currentVersion})`,
        { eventType, step: key, currentVersion },
      );
    }
  }
  for (let from = 1; from < currentVersion; from++) {
    if (typeof steps[from] !== "function") {
      throw eventStoreError(
        "UPCASTER_CHAIN_GAP",
        `Upcasters of ${eventType}: no step from version ${from} to ${from + 1}; expected a step for every version from 1 to ${currentVersion - 1}`,
        { eventType, missingVersion: from, currentVersion },
      );
    }
  }
}

/**
 * Registers upcaster chains and checks them at once: a missing step throws UPCASTER_CHAIN_GAP
 * naming the event type and the version.
 *
 * @example
 * const upcasters = defineUpcasters({
 *   OrderCreated: {
 *     currentVersion: 3,
 *     steps: {
 *       1: (p) => ({ ...p, currency: "EUR" }),
 *       2: (p) => ({ ...p, lines: p.items, items: undefined }),
 *     },
 *   },
 * });
 */
export function defineUpcasters(definitions: UpcasterDefinitions): Upcasters {
  for (const [eventType, chain] of Object.entries(definitions)) checkChain(eventType, chain);
  const frozen = Object.freeze({ ...definitions });
  return Object.freeze({
    definitions: frozen,
    currentVersion: (eventType: string) => frozen[eventType]?.currentVersion ?? 1,
    upcast: (event: EventEnvelope): EventEnvelope => {
      const chain = frozen[event.eventType];
      if (chain === undefined || event.schemaVersion === chain.currentVersion) return event;
      if (event.schemaVersion > chain.currentVersion) {
        throw eventStoreError(
          "UPCASTER_VERSION_AHEAD",
          `Event ${event.eventId} (${event.eventType}) has schema version ${event.schemaVersion}; this reader knows versions up to ${chain.currentVersion}`,
          {
            eventId: event.eventId,
            eventType: event.eventType,
            schemaVersion: event.schemaVersion,
            currentVersion: chain.currentVersion,
          },
        );
      }
      let payload: unknown = event.payload;
      for (let from = event.schemaVersion; from < chain.currentVersion; from++) {
        try {
          payload = chain.steps[from]!(payload, event);
        } catch (error) {
          throw eventStoreError(
            "UPCAST_FAILED",
            `Upcasting event ${event.eventId} (${event.eventType}) from version ${from} to ${from + 1} threw: ${String(error)}`,
            { eventId: event.eventId, eventType: event.eventType, fromVersion: from },
          );
        }
      }
      return { ...event, payload, schemaVersion: chain.currentVersion };
    },
  });
}
