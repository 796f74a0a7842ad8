import type { DocumentByName, GenericDatabaseReader, GenericDatabaseWriter } from "convex/server";
import type { ReservationDataModel } from "./tables.js";
import { HOLDING_STATUSES } from "./tables.js";
import type { Reservation, ReservationHolder } from "./validators.js";

export type ReservationRow = DocumentByName<ReservationDataModel, "reservations">;
type Reader = GenericDatabaseReader<ReservationDataModel>;
type Writer = GenericDatabaseWriter<ReservationDataModel>;

/** The row of a reservation id; null for an id of nothing, or of another table. */
export async function loadReservation(
  db: Reader,
  reservationId: string,
): Promise<ReservationRow | null> {
  const id = db.normalizeId("reservations", reservationId);
  return id === null ? null : await db.get("reservations", id);
}

function isWriter(db: Reader | Writer): db is Writer {
  return "patch" in db;
}

/**
 * The row holding (type, value), or null when the value is free. A `reserved` row past its TTL
 * holds nothing: with a writer it is marked expired on the spot (its scheduled expiry may not
 * have run yet), so the caller's insert sees a free value. Reads the holding statuses'
 * index ranges, which is what makes concurrent reservations of one value conflict.
 */
export async function findHolding(
  db: Reader | Writer,
  type: string,
  value: string,
  now: number,
): Promise<ReservationRow | null> {
  for (const status of HOLDING_STATUSES) {
    const row = await db
      .query("reservations")
      .withIndex("by_type_and_value_and_status", (q) =>
        q.eq("type", type).eq("value", value).eq("status", status),
      )
      .first();
    if (row === null) continue;
    if (row.status === "reserved" && row.expiresAt <= now) {
      if (isWriter(db)) {
        await db.patch("reservations", row._id, { status: "expired", settledAt: now });
      }
      continue;
    }
    return row;
  }
  return null;
}

export function holderOf(row: ReservationRow): ReservationHolder {
  return {
    reservationId: row._id,
    holder: row.holder,
    status: row.status === "confirmed" ? "confirmed" : "reserved",
    reservedAt: row.reservedAt,
    expiresAt: row.expiresAt,
    ...(row.entityId === undefined ? {} : { entityId: row.entityId }),
  };
}

export function toReservation(row: ReservationRow): Reservation {
  return {
    reservationId: row._id,
    type: row.type,
    value: row.value,
    status: row.status,
    holder: row.holder,
    reservedAt: row.reservedAt,
    expiresAt: row.expiresAt,
    ...(row.entityId === undefined ? {} : { entityId: row.entityId }),
    ...(row.settledAt === undefined ? {} : { settledAt: row.settledAt }),
  };
}
