import { defineEvent } from "@convex-es/platform-bc";
import type { EventDefinition, UpcasterChain } from "@convex-es/platform-bc";
import type { input as ZodInput, output as ZodOutput } from "zod";
import { describeValue, isPlainObject } from "../internal/describe.js";
import { checkVersion, isSnapshotDefinition, isZodObject } from "./defineSnapshot.js";
import type { AnyZodObject } from "./defineSnapshot.js";
import { envelopeSchema } from "./envelope.js";
import type { FatPayloadSchema, SnapshotInputs, SnapshotMap } from "./envelope.js";
import { buildPayload } from "./buildPayload.js";
import { checkMarks } from "./marks.js";
import { collectPiiFields } from "./piiFields.js";
import type { PiiField } from "./piiFields.js";
import { Problems } from "./problems.js";

/** A fat event as `build` returns it: the fields the event store's append takes, category "fat". */
export interface FatEventMessage<TType extends string = string, TPayload = unknown> {
  readonly eventType: TType;
  readonly category: "fat";
  readonly schemaVersion: number;
  readonly payload: TPayload;
}

/** What `build` takes: the event's own data, the source data of each snapshot, and when it was read. */
export interface FatEventInput<TPayload extends AnyZodObject, TSnapshots extends SnapshotMap> {
  readonly data: ZodInput<TPayload>;
  readonly snapshots: SnapshotInputs<TSnapshots>;
  /** When the snapshots were read: the command's time, never a clock call in the decider. */
  readonly capturedAt: number;
}

/**
 * A platform-bc event definition (category "fat") whose payload embeds snapshots of related
 * data, each with its own schema version, and whose personal fields are marked for
 * crypto-shredding. Everything that takes an `EventDefinition` takes it.
 */
export interface FatEventDefinition<
  TType extends string = string,
  TPayload extends AnyZodObject = AnyZodObject,
  TSnapshots extends SnapshotMap = SnapshotMap,
  TContext extends string = string,
> extends EventDefinition<TType, FatPayloadSchema<TPayload, TSnapshots>, TContext> {
  readonly category: "fat";
  /** The schema of the event's own fields, without the snapshots. */
  readonly ownPayload: TPayload;
  readonly snapshots: TSnapshots;
  /** Every personal field of the payload, absolute paths; also `piiFieldsOf(definition)`. */
  readonly piiFields: readonly PiiField[];
  /** Validates the data and snapshots, wraps each snapshot in its envelope; throws a CoreError. */
  build(
    input: FatEventInput<TPayload, TSnapshots>,
  ): FatEventMessage<TType, ZodOutput<FatPayloadSchema<TPayload, TSnapshots>>>;
}

/** What `defineFatEvent` takes. */
export interface FatEventDefinitionInput<
  TType extends string,
  TPayload extends AnyZodObject,
  TSnapshots extends SnapshotMap,
  TContext extends string,
> {
  readonly eventType: TType;
  readonly boundedContext: TContext;
  readonly schemaVersion: number;
  /** The event's own fields (a zod object); the snapshots are added next to them. */
  readonly payload: TPayload;
  /** The related data to embed, keyed by the payload field that holds each snapshot. */
  readonly snapshots: TSnapshots;
  /** Path of the person's id for the event's own PII fields. */
  readonly subject?: string;
  /** Paths of personal data among the event's own fields. */
  readonly pii?: readonly string[];
  readonly description?: string;
  /** Upgrade the whole payload from each older event version; snapshots upcast on their own. */
  readonly upcasters?: UpcasterChain;
}

const FIELDS = new Set([
  "eventType",
  "boundedContext",
  "schemaVersion",
  "payload",
  "snapshots",
  "subject",
  "pii",
  "description",
  "upcasters",
]);

/**
 * Defines a fat event (Event-Carried State Transfer). The fat parts are checked here and refused
 * with a `CoreError` listing every problem (`INVALID_FAT_EVENT`, `INVALID_PII_MARK`,
 * `INVALID_PII_SUBJECT`, `PII_SUBJECT_REQUIRED`); the event's name, context and upcasters are
 * then checked by platform-bc's `defineEvent`, which throws its `BoundedContextDefinitionError`.
 *
 * @example
 * export const orderSubmitted = defineFatEvent({
 *   eventType: "OrderSubmitted",
 *   boundedContext: "orders",
 *   schemaVersion: 1,
 *   payload: z.object({ orderId: z.string(), total: z.number() }),
 *   snapshots: { customer: customerSnapshot },
 * });
 * const event = orderSubmitted.build({
 *   data: { orderId: "o-1", total: 42 },
 *   snapshots: { customer: customerRow },
 *   capturedAt: command.timestamp,
 * });
 */
export function defineFatEvent<
  const TType extends string,
  TPayload extends AnyZodObject,
  const TSnapshots extends SnapshotMap,
  const TContext extends string,
>(
  input: FatEventDefinitionInput<TType, TPayload, TSnapshots, TContext>,
): FatEventDefinition<TType, TPayload, TSnapshots, TContext> {
  const problems = new Problems();
  const label = `fat event ${typeof input?.eventType === "string" ? input.eventType : "(no eventType)"}`;
  if (!isPlainObject(input)) {
    problems.add(
      "INVALID_FAT_EVENT",
      `a fat event definition must be an object (got ${describeValue(input)})`,
    );
    problems.throwIfAny(label);
  }
  for (const key of Object.keys(input)) {
    if (!FIELDS.has(key)) {
      problems.add(
        "INVALID_FAT_EVENT",
        `${label} has an unknown field ${JSON.stringify(key)}${key === "category" ? ' (a fat event\'s category is always "fat")' : ""}: expected ${[...FIELDS].join(", ")}`,
      );
    }
  }
  checkVersion(problems, "INVALID_FAT_EVENT", label, input.schemaVersion);
  const own = isZodObject(input.payload) ? input.payload : undefined;
  if (own === undefined) {
    problems.add(
      "INVALID_FAT_EVENT",
      `${label}.payload must be a zod object of the event's own fields, such as z.object({ orderId: z.string() }) (got ${describeValue(input.payload)})`,
    );
  }
  checkSnapshots(problems, label, input.snapshots, own);
  const marks = checkMarks(problems, label, own, input);
  problems.throwIfAny(label);

  const snapshots = input.snapshots;
  const envelopes = Object.fromEntries(
    Object.entries(snapshots).map(([key, snapshot]) => [key, envelopeSchema(snapshot)]),
  );
  const payload = input.payload.extend(envelopes) as FatPayloadSchema<TPayload, TSnapshots>;
  const event = defineEvent({
    eventType: input.eventType,
    boundedContext: input.boundedContext,
    schemaVersion: input.schemaVersion,
    category: "fat",
    payload,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.upcasters === undefined ? {} : { upcasters: input.upcasters }),
  });
  const definition: FatEventDefinition<TType, TPayload, TSnapshots, TContext> = Object.freeze({
    ...event,
    category: "fat" as const,
    ownPayload: input.payload,
    snapshots: Object.freeze({ ...snapshots }),
    piiFields: collectPiiFields(marks, snapshots),
    build: (buildInput: FatEventInput<TPayload, TSnapshots>) => ({
      eventType: input.eventType,
      category: "fat" as const,
      schemaVersion: input.schemaVersion,
      payload: buildPayload(definition, buildInput) as ZodOutput<
        FatPayloadSchema<TPayload, TSnapshots>
      >,
    }),
  });
  return definition;
}

function checkSnapshots(
  problems: Problems,
  label: string,
  snapshots: unknown,
  own: AnyZodObject | undefined,
): void {
  if (!isPlainObject(snapshots) || Object.keys(snapshots).length === 0) {
    problems.add(
      "INVALID_FAT_EVENT",
      `${label}.snapshots must map payload fields to defineSnapshot(...) definitions, at least one, such as { customer: customerSnapshot } (got ${describeValue(snapshots)}); an event that embeds nothing is a plain defineEvent`,
    );
    return;
  }
  const ownFields = own === undefined ? [] : Object.keys(own.shape);
  for (const [key, snapshot] of Object.entries(snapshots)) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(key)) {
      problems.add(
        "INVALID_FAT_EVENT",
        `${label}.snapshots key ${JSON.stringify(key)} must be a camelCase field name, such as "customer"`,
      );
    }
    if (ownFields.includes(key)) {
      problems.add(
        "INVALID_FAT_EVENT",
        `${label}.snapshots.${key} collides with the payload's own field ${JSON.stringify(key)}: expected a field name the payload does not use`,
      );
    }
    if (!isSnapshotDefinition(snapshot)) {
      problems.add(
        "INVALID_FAT_EVENT",
        `${label}.snapshots.${key} must be a defineSnapshot(...) definition (got ${describeValue(snapshot)})`,
      );
    }
  }
}
