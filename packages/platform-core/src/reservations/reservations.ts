import type {
  FunctionReference,
  FunctionVisibility,
  GenericDatabaseReader,
  GenericDatabaseWriter,
  GenericDataModel,
  GenericMutationCtx,
  Scheduler,
} from "convex/server";
import { v } from "convex/values";
import { checkEntityId, checkHolder, checkKey, checkLimit, checkTtl } from "./checks.js";
import { checkReservationsOptions } from "./options.js";
import type { ReservationsOptions, ReservationSettings } from "./options.js";
import { findHolding, holderOf, loadReservation, toReservation } from "./rows.js";
import { reservationReader, reservationWriter } from "./tables.js";
import {
  vConfirmArgs,
  vConfirmResult,
  vExpireDueArgs,
  vExpireDueResult,
  vExpireResult,
  vReleaseResult,
  vReservation,
  vReservationHolder,
  vReservationIdArgs,
  vReservationKey,
  vReserveArgs,
  vReserveResult,
} from "./validators.js";
import type {
  ConfirmArgs,
  ConfirmResult,
  ExpireDueResult,
  ExpireResult,
  ReleaseResult,
  Reservation,
  ReservationHolder,
  ReserveArgs,
  ReserveResult,
} from "./validators.js";

/** The app's registered `expire` mutation, which the scheduler runs at each reservation's TTL. */
export interface ReservationFunctions {
  readonly expire: FunctionReference<
    "mutation",
    FunctionVisibility,
    { reservationId: string },
    ExpireResult
  >;
}

type WriteCtx<DataModel extends GenericDataModel> = {
  db: GenericDatabaseWriter<DataModel>;
};
type ReserveCtx<DataModel extends GenericDataModel> = WriteCtx<DataModel> & {
  scheduler: Scheduler;
};
type ReadCtx<DataModel extends GenericDataModel> = { db: GenericDatabaseReader<DataModel> };
type AnyMutationCtx = GenericMutationCtx<GenericDataModel>;

/**
 * Unique values held before the entity that uses them exists (a username during sign-up, an
 * email during a registration wizard). A reservation is taken atomically (one mutation reads
 * the value's holding rows through an index and inserts into that range, so Convex's OCC
 * serialises two concurrent claims and the second answers `already_reserved`), always expires
 * (a scheduled `expire` at its TTL, and `expireDue` as a cron safety net), is confirmed once with
 * the created entity's id, or released early. Outcomes are values, never throws.
 *
 * @example
 * export const reservations: Reservations = new Reservations({
 *   functions: (): ReservationFunctions => internal.reservations,
 *   defaultTtlMs: 10 * 60_000,
 * });
 * export const reserve = internalMutation(reservations.definitions.reserve);
 * export const expire = internalMutation(reservations.definitions.expire);
 * // inside the app's own sign-up mutation, atomically with its other writes:
 * const result = await reservations.reserve(ctx, { type: "username", value: "alice", holder: userId });
 */
export class Reservations {
  readonly settings: ReservationSettings;

  constructor(private readonly options: ReservationsOptions) {
    this.settings = checkReservationsOptions(options);
  }

  /** Holds `value` in namespace `type` for `ttlMs`, or says who holds it. */
  async reserve<DataModel extends GenericDataModel>(
    ctx: ReserveCtx<DataModel>,
    args: ReserveArgs,
  ): Promise<ReserveResult> {
    const { type, value, holder } = args;
    checkKey(type, value);
    checkHolder(holder);
    const ttlMs = args.ttlMs ?? this.settings.defaultTtlMs;
    checkTtl(ttlMs, this.settings.minTtlMs, this.settings.maxTtlMs);
    const db = reservationWriter(ctx);
    const now = Date.now();
    const held = await findHolding(db, type, value, now);
    if (held !== null) return { status: "already_reserved", type, value, heldBy: holderOf(held) };
    const expiresAt = now + ttlMs;
    const id = await db.insert("reservations", {
      type,
      value,
      status: "reserved",
      holder,
      reservedAt: now,
      expiresAt,
    });
    await ctx.scheduler.runAt(expiresAt, this.options.functions().expire, { reservationId: id });
    return { status: "reserved", reservationId: id, type, value, expiresAt };
  }

  /** Links the created entity; a reservation is confirmed once and then holds for good. */
  async confirm<DataModel extends GenericDataModel>(
    ctx: WriteCtx<DataModel>,
    args: ConfirmArgs,
  ): Promise<ConfirmResult> {
    checkEntityId(args.entityId);
    const db = reservationWriter(ctx);
    const { reservationId, entityId } = args;
    const row = await loadReservation(db, reservationId);
    if (row === null) return { status: "not_found", reservationId };
    const now = Date.now();
    switch (row.status) {
      case "confirmed":
        return alreadyConfirmed(reservationId, row.entityId, row.settledAt);
      case "released":
        return { status: "released", reservationId, releasedAt: row.settledAt ?? now };
      case "expired":
        return { status: "expired", reservationId, expiredAt: row.expiresAt };
      case "reserved":
        if (row.expiresAt <= now) {
          await db.patch("reservations", row._id, { status: "expired", settledAt: now });
          return { status: "expired", reservationId, expiredAt: row.expiresAt };
        }
        await db.patch("reservations", row._id, { status: "confirmed", entityId, settledAt: now });
        return { status: "confirmed", reservationId, type: row.type, value: row.value, entityId };
    }
  }

  /** Frees the value at once (the user cancelled): no need to wait for the TTL. */
  async release<DataModel extends GenericDataModel>(
    ctx: WriteCtx<DataModel>,
    { reservationId }: { reservationId: string },
  ): Promise<ReleaseResult> {
    const db = reservationWriter(ctx);
    const row = await loadReservation(db, reservationId);
    if (row === null) return { status: "not_found", reservationId };
    const now = Date.now();
    const released = (releasedAt: number): ReleaseResult => ({
      status: "released",
      reservationId,
      type: row.type,
      value: row.value,
      releasedAt,
    });
    switch (row.status) {
      case "confirmed":
        return alreadyConfirmed(reservationId, row.entityId, row.settledAt);
      case "released":
        return released(row.settledAt ?? now);
      case "expired":
        return { status: "expired", reservationId, expiredAt: row.expiresAt };
      case "reserved":
        if (row.expiresAt <= now) {
          await db.patch("reservations", row._id, { status: "expired", settledAt: now });
          return { status: "expired", reservationId, expiredAt: row.expiresAt };
        }
        await db.patch("reservations", row._id, { status: "released", settledAt: now });
        return released(now);
    }
  }

  /** The scheduled end of one reservation: expires it if it is still only reserved and due. */
  async expire<DataModel extends GenericDataModel>(
    ctx: WriteCtx<DataModel>,
    { reservationId }: { reservationId: string },
  ): Promise<ExpireResult> {
    const db = reservationWriter(ctx);
    const row = await loadReservation(db, reservationId);
    if (row === null) return "not_found";
    if (row.status !== "reserved") return "settled";
    const now = Date.now();
    if (row.expiresAt > now) return "not_due";
    await db.patch("reservations", row._id, { status: "expired", settledAt: now });
    return "expired";
  }

  /**
   * Expires up to `limit` (default 100) reservations past their TTL, oldest first: the target
   * of an app cron, in case a scheduled expiry was lost. Run it again while `hasMore`.
   */
  async expireDue<DataModel extends GenericDataModel>(
    ctx: WriteCtx<DataModel>,
    { limit = 100 }: { limit?: number },
  ): Promise<ExpireDueResult> {
    checkLimit(limit);
    const db = reservationWriter(ctx);
    const now = Date.now();
    const due = await db
      .query("reservations")
      .withIndex("by_status_and_expires_at", (q) =>
        q.eq("status", "reserved").lte("expiresAt", now),
      )
      .take(limit + 1);
    const batch = due.slice(0, limit);
    for (const row of batch) {
      await db.patch("reservations", row._id, { status: "expired", settledAt: now });
    }
    return { expired: batch.length, hasMore: due.length > limit };
  }

  /** One reservation by id, or null. */
  async get<DataModel extends GenericDataModel>(
    ctx: ReadCtx<DataModel>,
    { reservationId }: { reservationId: string },
  ): Promise<Reservation | null> {
    const row = await loadReservation(reservationReader(ctx), reservationId);
    return row === null ? null : toReservation(row);
  }

  /** Who holds a value now, or null when it is free (a reservation past its TTL holds nothing). */
  async lookup<DataModel extends GenericDataModel>(
    ctx: ReadCtx<DataModel>,
    { type, value }: { type: string; value: string },
  ): Promise<ReservationHolder | null> {
    checkKey(type, value);
    const row = await findHolding(reservationReader(ctx), type, value, Date.now());
    return row === null ? null : holderOf(row);
  }

  /** The functions to register in the app, as `{ args, returns, handler }`. */
  get definitions() {
    return {
      reserve: {
        args: vReserveArgs.fields,
        returns: vReserveResult,
        handler: (ctx: AnyMutationCtx, args: ReserveArgs) => this.reserve(ctx, args),
      },
      confirm: {
        args: vConfirmArgs.fields,
        returns: vConfirmResult,
        handler: (ctx: AnyMutationCtx, args: ConfirmArgs) => this.confirm(ctx, args),
      },
      release: {
        args: vReservationIdArgs.fields,
        returns: vReleaseResult,
        handler: (ctx: AnyMutationCtx, args: { reservationId: string }) => this.release(ctx, args),
      },
      expire: {
        args: vReservationIdArgs.fields,
        returns: vExpireResult,
        handler: (ctx: AnyMutationCtx, args: { reservationId: string }) => this.expire(ctx, args),
      },
      expireDue: {
        args: vExpireDueArgs.fields,
        returns: vExpireDueResult,
        handler: (ctx: AnyMutationCtx, args: { limit?: number }) => this.expireDue(ctx, args),
      },
      get: {
        args: vReservationIdArgs.fields,
        returns: v.union(vReservation, v.null()),
        handler: <DataModel extends GenericDataModel>(
          ctx: ReadCtx<DataModel>,
          args: { reservationId: string },
        ) => this.get(ctx, args),
      },
      lookup: {
        args: vReservationKey,
        returns: v.union(vReservationHolder, v.null()),
        handler: <DataModel extends GenericDataModel>(
          ctx: ReadCtx<DataModel>,
          args: { type: string; value: string },
        ) => this.lookup(ctx, args),
      },
    };
  }
}

function alreadyConfirmed(
  reservationId: string,
  entityId: string | undefined,
  confirmedAt: number | undefined,
): { status: "already_confirmed"; reservationId: string; entityId: string; confirmedAt: number } {
  if (entityId === undefined || confirmedAt === undefined) {
    // confirm writes both with the status; a row without them was written by other code.
    throw new Error(
      `reservation ${reservationId} is confirmed without entityId or settledAt; expected both, as confirm writes them`,
    );
  }
  return { status: "already_confirmed", reservationId, entityId, confirmedAt };
}
