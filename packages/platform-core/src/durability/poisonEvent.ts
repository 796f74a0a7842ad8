import type {
  FunctionArgs,
  FunctionReference,
  FunctionVisibility,
  GenericDataModel,
  GenericMutationCtx,
} from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { fail } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import { createLogger } from "../logging/createLogger.js";
import type { Logger } from "../logging/createLogger.js";
import { checkLimit, durabilityError } from "./errors.js";
import { readerOf, vPoisonStatus, writerOf } from "./tables.js";
import type { DbReaderCtx } from "./tables.js";

export interface PoisonEventGuardOptions {
  /** Failures after which an event is quarantined. Default 3. */
  readonly maxAttempts?: number;
  /** The delay proposed before the second attempt, doubled for each next one. Default 1000 ms. */
  readonly initialBackoffMs?: number;
  /** Where the quarantine alert goes (ERROR). Default: a console logger `durability:poison`. */
  readonly logger?: Logger;
}

/** What one attempt on an event came to. The caller's mutation must return, not throw, after it. */
export const vPoisonOutcome = v.union(
  v.object({ status: v.literal("processed") }),
  v.object({ status: v.literal("skipped"), reason: v.literal("quarantined") }),
  v.object({
    status: v.literal("failed"),
    attempts: v.number(),
    retryAfterMs: v.number(),
    error: v.string(),
  }),
  v.object({ status: v.literal("quarantined"), attempts: v.number(), error: v.string() }),
);
export type PoisonOutcome = Infer<typeof vPoisonOutcome>;

/** A poison record as the queries return it. */
export const vPoisonRecord = v.object({
  projection: v.string(),
  eventId: v.string(),
  eventType: v.string(),
  attempts: v.number(),
  status: vPoisonStatus,
  lastError: v.string(),
  firstFailedAt: v.number(),
  lastFailedAt: v.number(),
  quarantinedAt: v.optional(v.number()),
});
export type PoisonRecord = Infer<typeof vPoisonRecord>;

type MutationCtx = GenericMutationCtx<GenericDataModel>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps one malformed event from blocking a projection forever. The projection's handler for
 * an event runs as a sub-transaction (`ctx.runMutation`): when it throws, its writes roll back,
 * the failure is recorded in `poisonEvents` by the caller's mutation, which commits, and the
 * caller retries later (`retryAfterMs`, doubling). At `maxAttempts` failures (3) the event is
 * quarantined: an ERROR alert is logged and every later attempt skips it, so the projection
 * moves on. An operator lists quarantined events and releases one after a fix.
 *
 * | attempt | what happens                                      |
 * | ------- | ------------------------------------------------- |
 * | 1       | process, catch the error, record the attempt      |
 * | 2       | retry after the backoff, catch, record the attempt |
 * | 3       | quarantine, skip from then on, alert              |
 *
 * @example
 * const guard = new PoisonEventGuard({ logger });
 * const outcome = await guard.process(ctx, {
 *   projection: "orderSummary", event, handler: internal.projections.applyOrderEvent, args: { event },
 * });
 * if (outcome.status === "failed") await ctx.scheduler.runAfter(outcome.retryAfterMs, ...);
 */
export class PoisonEventGuard {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  private readonly logger: Logger;

  constructor(options: PoisonEventGuardOptions = {}) {
    const maxAttempts = options.maxAttempts ?? 3;
    const initialBackoffMs = options.initialBackoffMs ?? 1000;
    if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
      fail(
        "INVALID_DURABILITY_CONFIG",
        `PoisonEventGuard: maxAttempts must be an integer >= 1 (got ${describeValue(maxAttempts)})`,
      );
    }
    if (!Number.isFinite(initialBackoffMs) || initialBackoffMs < 0) {
      fail(
        "INVALID_DURABILITY_CONFIG",
        `PoisonEventGuard: initialBackoffMs must be a number >= 0 (got ${describeValue(initialBackoffMs)})`,
      );
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoffMs = initialBackoffMs;
    this.logger = options.logger ?? createLogger("durability").child("poison");
  }

  /** Runs the handler for one event unless the event is quarantined; records any failure. */
  async process<Handler extends FunctionReference<"mutation", FunctionVisibility>>(
    ctx: MutationCtx,
    input: {
      projection: string;
      event: { eventId: string; eventType: string };
      handler: Handler;
      args: FunctionArgs<Handler>;
    },
  ): Promise<PoisonOutcome> {
    const db = writerOf(ctx);
    const { projection, event } = input;
    const record = await db
      .query("poisonEvents")
      .withIndex("by_projection_and_event_id", (q) =>
        q.eq("projection", projection).eq("eventId", event.eventId),
      )
      .unique();
    if (record?.status === "quarantined") return { status: "skipped", reason: "quarantined" };
    try {
      await ctx.runMutation(input.handler, input.args);
    } catch (thrown) {
      const error = messageOf(thrown);
      const now = Date.now();
      const attempts = (record?.attempts ?? 0) + 1;
      const quarantined = attempts >= this.maxAttempts;
      const fields = {
        attempts,
        status: quarantined ? ("quarantined" as const) : ("failing" as const),
        lastError: error,
        lastFailedAt: now,
        ...(quarantined ? { quarantinedAt: now } : {}),
      };
      if (record === null) {
        await db.insert("poisonEvents", {
          projection,
          eventId: event.eventId,
          eventType: event.eventType,
          firstFailedAt: now,
          ...fields,
        });
      } else {
        await db.patch("poisonEvents", record._id, fields);
      }
      if (!quarantined) {
        return {
          status: "failed",
          attempts,
          retryAfterMs: this.initialBackoffMs * 2 ** (attempts - 1),
          error,
        };
      }
      this.logger.error("event quarantined", {
        projection,
        eventId: event.eventId,
        eventType: event.eventType,
        attempts,
        error,
      });
      return { status: "quarantined", attempts, error };
    }
    // Processed at last: an earlier failure was transient, its record has served.
    if (record !== null) await db.delete("poisonEvents", record._id);
    return { status: "processed" };
  }

  /** Quarantined events of a projection, at most `limit` (1 to 500). */
  async listQuarantined<DataModel extends GenericDataModel>(
    ctx: DbReaderCtx<DataModel>,
    args: { projection: string; limit: number },
  ): Promise<PoisonRecord[]> {
    checkLimit(args.limit, 500);
    const rows = await readerOf(ctx)
      .query("poisonEvents")
      .withIndex("by_projection_and_status", (q) =>
        q.eq("projection", args.projection).eq("status", "quarantined"),
      )
      .take(args.limit);
    return rows.map(({ _id, _creationTime, ...row }) => row);
  }

  /**
   * Lets a quarantined event be processed again (after a fix), with a fresh count of attempts.
   * POISON_RECORD_NOT_FOUND unless the event is quarantined for the projection.
   */
  async release<DataModel extends GenericDataModel>(
    ctx: GenericMutationCtx<DataModel>,
    args: { projection: string; eventId: string },
  ): Promise<void> {
    const db = writerOf(ctx);
    const record = await db
      .query("poisonEvents")
      .withIndex("by_projection_and_event_id", (q) =>
        q.eq("projection", args.projection).eq("eventId", args.eventId),
      )
      .unique();
    if (record === null || record.status !== "quarantined") {
      throw durabilityError(
        "POISON_RECORD_NOT_FOUND",
        `event ${args.eventId} is not quarantined for projection ${args.projection} (${record?.status ?? "no record"}); expected a quarantined event`,
        { projection: args.projection, eventId: args.eventId },
      );
    }
    await db.patch("poisonEvents", record._id, { status: "released", attempts: 0 });
  }
}
