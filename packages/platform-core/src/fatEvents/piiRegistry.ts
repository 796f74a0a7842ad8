import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import type { FatEventDefinition } from "./defineFatEvent.js";
import type { PiiField } from "./piiFields.js";
import { shredPii } from "./pii.js";
import type { ShreddedPayload } from "./pii.js";

/** One personal field of one event type. */
export interface PiiRegistryEntry extends PiiField {
  readonly eventType: string;
}

/**
 * Every PII mark of an app's fat events, by event type: what a "forget me" request must reach
 * and what a GDPR inventory lists.
 */
export interface PiiRegistry {
  /** Event types that carry personal data, sorted. */
  readonly eventTypes: readonly string[];
  /** Every personal field, event type by event type. */
  readonly entries: readonly PiiRegistryEntry[];
  /** The personal fields of one event type; empty for a type without PII or unknown. */
  fieldsOf(eventType: string): readonly PiiField[];
  /** `shredPii` by event type; a type without PII comes back unchanged. */
  shred(
    eventType: string,
    payload: unknown,
    isForgotten: (subjectId: string) => boolean,
  ): ShreddedPayload;
}

type RegistryDefinition = Pick<FatEventDefinition, "eventType" | "piiFields">;

/**
 * Collects the PII marks of fat event definitions. `DUPLICATE_FAT_EVENT` when two definitions
 * share an event type (one type must have one set of marks).
 *
 * @example
 * export const pii = definePiiRegistry([orderSubmitted, customerRegistered]);
 * pii.fieldsOf("OrderSubmitted"); // [{ path: "customer.data.email", subject: "customer.data.customerId", ... }]
 */
export function definePiiRegistry(definitions: readonly RegistryDefinition[]): PiiRegistry {
  const byType = new Map<string, RegistryDefinition>();
  const problems: CoreProblem[] = [];
  for (const definition of definitions) {
    if (byType.has(definition.eventType)) {
      problems.push({
        code: "DUPLICATE_FAT_EVENT",
        message: `event type ${definition.eventType} is registered twice: expected one definition per event type`,
      });
    }
    byType.set(definition.eventType, definition);
  }
  const [first, ...rest] = problems;
  if (first !== undefined) throw new CoreError([first, ...rest], "PII registry");
  const withPii = [...byType.values()].filter((d) => d.piiFields.length > 0);
  const eventTypes = Object.freeze(withPii.map((d) => d.eventType).sort());
  const entries = Object.freeze(
    eventTypes.flatMap((eventType) =>
      byType.get(eventType)!.piiFields.map((field) => Object.freeze({ eventType, ...field })),
    ),
  );
  return Object.freeze({
    eventTypes,
    entries,
    fieldsOf: (eventType: string) => byType.get(eventType)?.piiFields ?? [],
    shred: (eventType: string, payload: unknown, isForgotten: (subjectId: string) => boolean) => {
      const definition = byType.get(eventType);
      if (definition === undefined) {
        return { payload: payload as Record<string, unknown>, shredded: [] };
      }
      return shredPii(definition, payload, isForgotten);
    },
  });
}
