import { z } from "zod";
import type { input as ZodInput, output as ZodOutput, ZodLiteral, ZodNumber, ZodObject } from "zod";
import type { AnyZodObject, SnapshotDefinition } from "./defineSnapshot.js";

/**
 * How a snapshot travels in a fat event: its data, the schema version of that data (so a
 * consumer in another context knows which shape it holds and can upcast it), and when it was
 * captured (the data is as of that time, not current).
 */
export type SnapshotEnvelopeSchema<TSchema extends AnyZodObject> = ZodObject<{
  schemaVersion: ZodLiteral<number>;
  capturedAt: ZodNumber;
  data: TSchema;
}>;

/** The envelope a snapshot definition produces: `{ schemaVersion, capturedAt, data }`. */
export type SnapshotEnvelope<TSchema extends AnyZodObject> = ZodOutput<
  SnapshotEnvelopeSchema<TSchema>
>;

/** The snapshots of a fat event, keyed by the payload field that holds each one. */
export type SnapshotMap = Readonly<Record<string, SnapshotDefinition>>;

/** The envelope schemas of a snapshot map, field by field. */
export type EnvelopeShape<TSnapshots extends SnapshotMap> = {
  [K in keyof TSnapshots]: SnapshotEnvelopeSchema<TSnapshots[K]["schema"]>;
};

/** The payload schema of a fat event: its own fields plus one envelope per snapshot. */
export type FatPayloadSchema<
  TPayload extends AnyZodObject,
  TSnapshots extends SnapshotMap,
> = ZodObject<TPayload["shape"] & EnvelopeShape<TSnapshots>>;

/** What `build` takes for the snapshots: the source data of each, before parsing. */
export type SnapshotInputs<TSnapshots extends SnapshotMap> = {
  [K in keyof TSnapshots]: ZodInput<TSnapshots[K]["schema"]>;
};

/** The envelope schema of a snapshot at its current version. */
export function envelopeSchema<TSchema extends AnyZodObject>(
  snapshot: SnapshotDefinition<TSchema>,
): SnapshotEnvelopeSchema<TSchema> {
  return z.object({
    schemaVersion: z.literal(snapshot.schemaVersion),
    capturedAt: z.number(),
    data: snapshot.schema,
  });
}
