// The reservations table belongs to the app: spread `reservationTables` into its schema, as
// with the other durable state of platform-core (see docs/decisions/0016-unique-value-reservations.md).
import { defineTable } from "convex/server";
import type {
  DataModelFromSchemaDefinition,
  GenericDatabaseReader,
  GenericDatabaseWriter,
  GenericDataModel,
  SchemaDefinition,
} from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";

/**
 * `reserved`: held until `expiresAt`. `confirmed`: the entity exists; held for good.
 * `released` and `expired`: over, the value is free again. Only `reserved` and `confirmed` hold.
 */
export const vReservationStatus = v.union(
  v.literal("reserved"),
  v.literal("confirmed"),
  v.literal("released"),
  v.literal("expired"),
);
export type ReservationStatus = Infer<typeof vReservationStatus>;

/** The statuses that hold a value: at most one row per (type, value) is in one of them. */
export const HOLDING_STATUSES = ["confirmed", "reserved"] as const;

export const reservationTables = {
  // Written by Reservations (reserve, confirm, release, expire, expireDue); read by them and by
  // the app's lookups. One row per reservation; ended ones stay as history of who held what.
  reservations: defineTable({
    /** The namespace: "username", "email", "sku"... The same value is free in each namespace. */
    type: v.string(),
    value: v.string(),
    status: vReservationStatus,
    /** Who asked for it (a user, a visitor, a saga): returned to anyone who finds it taken. */
    holder: v.string(),
    reservedAt: v.number(),
    expiresAt: v.number(),
    /** The entity created with the value, linked by `confirm`. */
    entityId: v.optional(v.string()),
    /** When it was confirmed, released or expired. */
    settledAt: v.optional(v.number()),
    /** The scheduled expiry, cancelled when the reservation is confirmed or released first. */
    expiryJobId: v.optional(v.id("_scheduled_functions")),
  })
    // Reserving reads the holding rows of its (type, value) through this index and inserts into
    // the same range, so two concurrent reservations of one value conflict and Convex's OCC
    // serialises them: the second sees the first and answers already_reserved.
    .index("by_type_and_value_and_status", ["type", "value", "status"])
    // The expiry sweep (a cron target) reads reserved rows past their expiry, oldest first.
    .index("by_status_and_expires_at", ["status", "expiresAt"]),
};

/** The data model of the reservations table, as `Reservations` reads and writes it. */
export type ReservationDataModel = DataModelFromSchemaDefinition<
  SchemaDefinition<typeof reservationTables, true>
>;

/** The app's database seen through the reservations table (its schema spreads it). */
export function reservationReader<DataModel extends GenericDataModel>(ctx: {
  db: GenericDatabaseReader<DataModel>;
}): GenericDatabaseReader<ReservationDataModel> {
  return ctx.db as unknown as GenericDatabaseReader<ReservationDataModel>;
}
export function reservationWriter<DataModel extends GenericDataModel>(ctx: {
  db: GenericDatabaseWriter<DataModel>;
}): GenericDatabaseWriter<ReservationDataModel> {
  return ctx.db as unknown as GenericDatabaseWriter<ReservationDataModel>;
}
