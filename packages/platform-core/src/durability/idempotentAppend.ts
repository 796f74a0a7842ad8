import { vEventCategory, vExpectedVersion, vStreamRef } from "@convex-es/platform-store";
import type {
  AppendResult,
  EventInput,
  EventStore,
  ExpectedVersion,
  StreamRef,
} from "@convex-es/platform-store";
import type { GenericDataModel, GenericMutationCtx } from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { durabilityError } from "./errors.js";

/** One event with its idempotency key, as the durability helpers take it (validator). */
export const vIdempotentEvent = v.object({
  eventType: v.string(),
  payload: v.any(),
  metadata: v.object({
    correlationId: v.string(),
    causationId: v.optional(v.string()),
    commandId: v.optional(v.string()),
    userId: v.optional(v.string()),
    timestamp: v.optional(v.number()),
  }),
  idempotencyKey: v.string(),
  category: v.optional(vEventCategory),
  schemaVersion: v.optional(v.number()),
});
export type IdempotentEvent = Infer<typeof vIdempotentEvent>;
const _eventFits = {} as IdempotentEvent satisfies EventInput;

/** An idempotent append: one event, its stream, and the version condition (default `"any"`). */
export const vIdempotentAppendInput = v.object({
  stream: vStreamRef,
  event: vIdempotentEvent,
  expectedVersion: v.optional(vExpectedVersion),
});
export type IdempotentAppendInput = Infer<typeof vIdempotentAppendInput>;

/**
 * What an idempotent append answers. `appended` and `duplicate` both mean the event is stored
 * exactly once (`duplicate`: by an earlier attempt, whose event is returned). The other two are
 * refusals that no retry can change: the key holds an event with other content, or the stream
 * is not at the expected version.
 */
export const vIdempotentAppendResult = v.union(
  v.object({
    status: v.literal("appended"),
    eventId: v.string(),
    version: v.number(),
    globalPosition: v.number(),
  }),
  v.object({
    status: v.literal("duplicate"),
    eventId: v.string(),
    version: v.number(),
    globalPosition: v.number(),
  }),
  v.object({
    status: v.literal("idempotency_conflict"),
    idempotencyKey: v.string(),
    existingEventId: v.string(),
  }),
  v.object({
    status: v.literal("conflict"),
    currentVersion: v.number(),
    expectedVersion: vExpectedVersion,
  }),
);
export type IdempotentAppendResult = Infer<typeof vIdempotentAppendResult>;

/** The event is in the store exactly once: appended now or by an earlier attempt. */
export function isStoredOnce(
  result: IdempotentAppendResult,
): result is Extract<IdempotentAppendResult, { status: "appended" | "duplicate" }> {
  return result.status === "appended" || result.status === "duplicate";
}

/** The context an append needs: a mutation's (or an action's) `runMutation`. */
export type AppendCtx = Pick<GenericMutationCtx<GenericDataModel>, "runMutation">;

function toResult(result: AppendResult, key: string): IdempotentAppendResult {
  switch (result.status) {
    case "success":
    case "duplicate": {
      const [event] = result.events;
      if (event === undefined) {
        throw durabilityError(
          "UNEXPECTED_APPEND_RESULT",
          `the event store answered ${result.status} without an event for ${key}; expected the stored event`,
          { idempotencyKey: key },
        );
      }
      return {
        status: result.status === "success" ? "appended" : "duplicate",
        eventId: event.eventId,
        version: event.version,
        globalPosition: event.globalPosition,
      };
    }
    case "idempotency_conflict":
      return {
        status: "idempotency_conflict",
        idempotencyKey: result.key,
        existingEventId: result.existingEventId,
      };
    case "conflict":
      return {
        status: "conflict",
        currentVersion: result.currentVersion,
        expectedVersion: result.expectedVersion,
      };
  }
}

/**
 * Appends one event under its idempotency key: a retry of the same logical event (same key,
 * same stream, type and payload) finds the stored one and writes nothing. The default version
 * condition is `"any"`, because a retry must not be refused for a stream that moved on since
 * the first attempt; pass an exact `expectedVersion` only where the decision depended on it.
 *
 * @example
 * const result = await idempotentAppend(eventStore, ctx, {
 *   stream: { streamType: "Order", streamId: orderId, boundedContext: "orders" },
 *   event: {
 *     eventType: "OrderShipped",
 *     payload: { orderId },
 *     metadata: { correlationId },
 *     idempotencyKey: idempotencyKeys.sagaStep("OrderFulfillment", sagaId, "ship"),
 *   },
 * });
 * if (isStoredOnce(result)) ... // appended now or before
 */
export async function idempotentAppend(
  eventStore: EventStore,
  ctx: AppendCtx,
  input: {
    stream: StreamRef;
    event: IdempotentEvent;
    expectedVersion?: ExpectedVersion | undefined;
  },
): Promise<IdempotentAppendResult> {
  const key: unknown = input.event.idempotencyKey;
  if (typeof key !== "string" || key.trim().length === 0) {
    throw durabilityError(
      "INVALID_IDEMPOTENCY_KEY",
      `the event ${input.event.eventType} has idempotency key ${JSON.stringify(key) ?? "undefined"}; expected a non-empty key naming the logical event (see idempotencyKeys)`,
      { eventType: input.event.eventType },
    );
  }
  const result = await eventStore.appendToStream(ctx, {
    stream: input.stream,
    expectedVersion: input.expectedVersion ?? "any",
    events: [input.event],
  });
  return toResult(result, key);
}
