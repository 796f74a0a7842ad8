// The cron target that expires reservations past their expiry: one ExpireReservations command
// (one scope commit) per batch, under the system's identity, again until none is due.
import { uuidIdGenerator } from "@convex-es/platform-core";
import { v } from "convex/values";
import { components, internal } from "../_generated/api.js";
import { internalMutation } from "../_generated/server.js";
import { expiryCaller } from "../platform/identity.js";
import { orchestrator } from "../platform/runtime.js";
import { SHOP_TENANT_ID, WAREHOUSE_ID } from "../platform/shop.js";
import { expireReservationsConfig } from "./configs.js";

/** Reservations one command expires; the rest wait for the next run, scheduled at once. */
export const EXPIRY_BATCH_SIZE = 50;

export const expireReservations = internalMutation({
  args: {},
  returns: v.object({
    status: v.union(
      v.literal("idle"),
      v.literal("executed"),
      v.literal("rejected"),
      v.literal("failed"),
      v.literal("pending"),
    ),
    commandId: v.optional(v.string()),
    expired: v.number(),
    hasMore: v.boolean(),
  }),
  handler: async (
    ctx,
  ): Promise<{
    status: "idle" | "executed" | "rejected" | "failed" | "pending";
    commandId?: string;
    expired: number;
    hasMore: boolean;
  }> => {
    const due = await ctx.runQuery(components.inventory.queries.dueReservations, {
      warehouseId: WAREHOUSE_ID,
      now: Date.now(),
      limit: EXPIRY_BATCH_SIZE,
    });
    if (due.length === 0) return { status: "idle", expired: 0, hasMore: false };
    const commandId = `expire-reservations-${uuidIdGenerator("command")}`;
    const outcome = await orchestrator.execute(ctx, expireReservationsConfig, {
      commandId,
      correlationId: commandId,
      caller: expiryCaller,
      tenantId: SHOP_TENANT_ID,
      payload: { reservationIds: due.map((reservation) => reservation.reservationId) },
    });
    const executed = outcome.status === "executed";
    const hasMore = executed && due.length === EXPIRY_BATCH_SIZE;
    if (hasMore) await ctx.scheduler.runAfter(0, internal.inventory.expiry.expireReservations, {});
    return {
      status: outcome.status,
      commandId,
      expired: executed ? due.length : 0,
      hasMore,
    };
  },
});
