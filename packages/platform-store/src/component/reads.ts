// Reads of one stream, one correlation or one event. Each is tenant-safe: see tenants.ts.
import { eventStoreError } from "../shared/errors.js";
import { checkReadLimit } from "../shared/limits.js";
import { checkPosition } from "../shared/positions.js";
import type {
  EventByIdArgs,
  EventByIdempotencyKeyArgs,
  EventEnvelope,
  EventPage,
  ReadByCorrelationIdArgs,
  ReadStreamArgs,
  StreamPage,
  StreamVersionArgs,
} from "../shared/validators.js";
import type { QueryCtx } from "./_generated/server.js";
import { streamRow } from "./append.js";
import { toEnvelope } from "./envelope.js";
import { eventByIdempotencyKey } from "./idempotency.js";
import { checkTenant, checkTenantId, readTenancy } from "./tenants.js";

/**
 * Refuses a caller of another tenant than the stream's. A stream that does not exist belongs to
 * no one and reads empty for every caller.
 */
async function checkStreamTenant(
  ctx: QueryCtx,
  args: { streamType: string; streamId: string; tenantId?: string },
): Promise<number> {
  checkTenantId(args.tenantId);
  const row = await streamRow(ctx, args.streamType, args.streamId);
  if (row === null) return 0;
  checkTenant(`Stream ${args.streamType}/${args.streamId}`, row.tenantId, args.tenantId, {
    streamType: args.streamType,
    streamId: args.streamId,
  });
  return row.version;
}

/** One stream from a version on, in version order. Streams are consistent: no settle window. */
export async function readStream(ctx: QueryCtx, args: ReadStreamArgs): Promise<StreamPage> {
  const { streamType, streamId, limit } = args;
  const fromVersion = args.fromVersion ?? 1;
  checkReadLimit(limit);
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 1) {
    throw eventStoreError(
      "INVALID_VERSION",
      `fromVersion is ${fromVersion}; expected an integer of at least 1`,
      { fromVersion },
    );
  }
  await checkStreamTenant(ctx, args);
  const docs = await ctx.db
    .query("events")
    .withIndex("by_stream_and_version", (q) =>
      q.eq("streamType", streamType).eq("streamId", streamId).gte("version", fromVersion),
    )
    .take(limit + 1);
  const events = docs.slice(0, limit).map(toEnvelope);
  return {
    events,
    nextVersion: (events.at(-1)?.version ?? fromVersion - 1) + 1,
    isDone: docs.length <= limit,
  };
}

/** The stream's version, 0 when it does not exist. */
export async function getStreamVersion(ctx: QueryCtx, args: StreamVersionArgs): Promise<number> {
  return await checkStreamTenant(ctx, args);
}

/**
 * Every event of a correlation (a command and what followed from it) in the caller's tenancy,
 * in position order.
 */
export async function readByCorrelationId(
  ctx: QueryCtx,
  args: ReadByCorrelationIdArgs,
): Promise<EventPage> {
  const { correlationId, limit } = args;
  const after = args.after ?? 0;
  checkPosition("after", after);
  checkReadLimit(limit);
  const tenancy = readTenancy(args);
  const events = ctx.db.query("events");
  const docs = await (
    tenancy.allTenants
      ? events.withIndex("by_correlation_id_and_position", (q) =>
          q.eq("metadata.correlationId", correlationId).gt("globalPosition", after),
        )
      : events.withIndex("by_tenant_and_correlation_id_and_position", (q) =>
          q
            .eq("tenantId", tenancy.tenantId)
            .eq("metadata.correlationId", correlationId)
            .gt("globalPosition", after),
        )
  ).take(limit + 1);
  const page = docs.slice(0, limit).map(toEnvelope);
  return {
    events: page,
    nextPosition: page.at(-1)?.globalPosition ?? after,
    isDone: docs.length <= limit,
  };
}

/** One event by id, or null for an unknown id; an event of another tenant is refused. */
export async function getEventById(
  ctx: QueryCtx,
  args: EventByIdArgs,
): Promise<EventEnvelope | null> {
  checkTenantId(args.tenantId);
  const id = ctx.db.normalizeId("events", args.eventId);
  if (id === null) return null;
  const doc = await ctx.db.get("events", id);
  if (doc === null) return null;
  checkTenant(`Event ${args.eventId}`, doc.tenantId, args.tenantId, { eventId: args.eventId });
  return toEnvelope(doc);
}

/**
 * The event stored under an idempotency key of the caller's tenant (no tenant: among events
 * without tenant). Keys are unique per tenant, so another tenant's key is not found.
 */
export async function getEventByIdempotencyKey(
  ctx: QueryCtx,
  args: EventByIdempotencyKeyArgs,
): Promise<EventEnvelope | null> {
  checkTenantId(args.tenantId);
  const doc = await eventByIdempotencyKey(ctx, args.tenantId, args.idempotencyKey);
  if (doc === null) return null;
  // The index is keyed by tenant; the check keeps that true if the lookup ever changes.
  checkTenant(
    `The event of idempotency key "${args.idempotencyKey}"`,
    doc.tenantId,
    args.tenantId,
    {
      idempotencyKey: args.idempotencyKey,
    },
  );
  return toEnvelope(doc);
}
