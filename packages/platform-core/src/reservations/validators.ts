import { v } from "convex/values";
import type { Infer } from "convex/values";
import { vReservationStatus } from "./tables.js";

export const vReservationKey = { type: v.string(), value: v.string() };

export const vReserveArgs = v.object({
  ...vReservationKey,
  holder: v.string(),
  /** How long the value is held before it expires; the configured default when absent. */
  ttlMs: v.optional(v.number()),
});
export type ReserveArgs = Infer<typeof vReserveArgs>;

/** Who holds a value another caller asked for. */
export const vReservationHolder = v.object({
  reservationId: v.string(),
  holder: v.string(),
  status: v.union(v.literal("reserved"), v.literal("confirmed")),
  reservedAt: v.number(),
  /** Until when a `reserved` value is held; a confirmed one is held for good. */
  expiresAt: v.number(),
  entityId: v.optional(v.string()),
});
export type ReservationHolder = Infer<typeof vReservationHolder>;

export const vReserveResult = v.union(
  v.object({
    status: v.literal("reserved"),
    reservationId: v.string(),
    ...vReservationKey,
    expiresAt: v.number(),
  }),
  v.object({
    status: v.literal("already_reserved"),
    ...vReservationKey,
    heldBy: vReservationHolder,
  }),
);
export type ReserveResult = Infer<typeof vReserveResult>;

export const vConfirmArgs = v.object({ reservationId: v.string(), entityId: v.string() });
export type ConfirmArgs = Infer<typeof vConfirmArgs>;

const notFound = v.object({ status: v.literal("not_found"), reservationId: v.string() });
const alreadyConfirmed = v.object({
  status: v.literal("already_confirmed"),
  reservationId: v.string(),
  entityId: v.string(),
  confirmedAt: v.number(),
});
const expired = v.object({
  status: v.literal("expired"),
  reservationId: v.string(),
  expiredAt: v.number(),
});

export const vConfirmResult = v.union(
  v.object({
    status: v.literal("confirmed"),
    reservationId: v.string(),
    ...vReservationKey,
    entityId: v.string(),
  }),
  alreadyConfirmed,
  expired,
  v.object({ status: v.literal("released"), reservationId: v.string(), releasedAt: v.number() }),
  notFound,
);
export type ConfirmResult = Infer<typeof vConfirmResult>;

export const vReservationIdArgs = v.object({ reservationId: v.string() });

export const vReleaseResult = v.union(
  v.object({
    status: v.literal("released"),
    reservationId: v.string(),
    ...vReservationKey,
    releasedAt: v.number(),
  }),
  alreadyConfirmed,
  expired,
  notFound,
);
export type ReleaseResult = Infer<typeof vReleaseResult>;

/** What the scheduled expiry did: expired it now, or found it settled, not due, or gone. */
export const vExpireResult = v.union(
  v.literal("expired"),
  v.literal("settled"),
  v.literal("not_due"),
  v.literal("not_found"),
);
export type ExpireResult = Infer<typeof vExpireResult>;

export const vExpireDueArgs = v.object({ limit: v.optional(v.number()) });
export const vExpireDueResult = v.object({ expired: v.number(), hasMore: v.boolean() });
export type ExpireDueResult = Infer<typeof vExpireDueResult>;

/** A reservation as queries return it; ids are plain strings. */
export const vReservation = v.object({
  reservationId: v.string(),
  ...vReservationKey,
  status: vReservationStatus,
  holder: v.string(),
  reservedAt: v.number(),
  expiresAt: v.number(),
  entityId: v.optional(v.string()),
  settledAt: v.optional(v.number()),
});
export type Reservation = Infer<typeof vReservation>;
