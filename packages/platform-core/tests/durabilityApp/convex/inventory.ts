// Reservations over a warehouse scope: their OCC conflicts are retried by DcbRetry, one
// deferred reservation per warehouse at a time, and callers write no retry loop.
import { Workpool } from "@convex-dev/workpool";
import { v } from "convex/values";
import { DcbRetry, getDcbRetry, listDcbRetries, vDcbRetryRecord } from "../../../src/index.js";
import type { DcbOperationOf, DcbRetryOptions } from "../../../src/index.js";
import { components, internal } from "./_generated/api.js";
import { internalAction, internalMutation, internalQuery } from "./_generated/server.js";
import { scopeOf, vReservationResult } from "./warehouse.js";
import type { reserveStock } from "./warehouse.js";

// Typed from the registered mutation rather than through `internal`, which names this module:
// that would make the type of `dcbRetry` depend on itself.
const operations: { reserveStock: DcbOperationOf<typeof reserveStock> } = {
  reserveStock: internal.warehouse.reserveStock,
};

export const dcbRetry: DcbRetry<typeof operations> = new DcbRetry({
  workpool: new Workpool(components.dcbRetryPool, { maxParallelism: 10 }),
  operations,
  functions: (): ReturnType<DcbRetryOptions<typeof operations>["functions"]> => ({
    job: internal.inventory.retryJob,
    attempt: internal.inventory.retryAttempt,
    onComplete: internal.inventory.retryComplete,
  }),
  // Four attempts, 100 ms, 200 ms and 400 ms apart (Workpool adds jitter).
  retry: { maxAttempts: 4, initialBackoffMs: 100, base: 2 },
});

export const retryJob = internalAction(dcbRetry.definitions.job);
export const retryAttempt = internalMutation(dcbRetry.definitions.attempt);
export const retryComplete = internalMutation(dcbRetry.definitions.onComplete);

/** A reservation as a caller makes it: no retry loop, whatever the outcome. */
export const reserve = internalMutation({
  args: {
    tenantId: v.string(),
    warehouseId: v.string(),
    sku: v.string(),
    quantity: v.number(),
    reservationId: v.string(),
    expectedVersion: v.optional(v.number()),
    /** The tests also name an operation that is not configured. */
    operation: v.optional(v.string()),
  },
  returns: v.object({
    status: v.string(),
    retryId: v.optional(v.string()),
    queued: v.optional(v.boolean()),
    result: v.optional(vReservationResult),
  }),
  handler: async (ctx, { expectedVersion, operation, ...args }) => {
    const execution = await dcbRetry.execute(ctx, {
      scopeKey: scopeOf(args.tenantId, args.warehouseId),
      operation: (operation ?? "reserveStock") as "reserveStock",
      args,
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
    return execution.status === "completed"
      ? { status: execution.status, result: execution.result }
      : { status: execution.status, retryId: execution.retryId, queued: execution.queued };
  },
});

export const getRetry = internalQuery({
  args: { retryId: v.string() },
  returns: vDcbRetryRecord,
  handler: async (ctx, { retryId }) => await getDcbRetry(ctx, retryId),
});

export const retries = internalQuery({
  args: {
    tenantId: v.string(),
    warehouseId: v.string(),
    status: v.union(
      v.literal("waiting"),
      v.literal("running"),
      v.literal("done"),
      v.literal("failed"),
    ),
  },
  returns: v.array(vDcbRetryRecord),
  handler: async (ctx, { tenantId, warehouseId, status }) =>
    await listDcbRetries(ctx, { scopeKey: scopeOf(tenantId, warehouseId), status, limit: 50 }),
});
