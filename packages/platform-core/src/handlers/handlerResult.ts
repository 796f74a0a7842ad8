import { vEventCategory } from "@convex-es/platform-store";
import type { EventInput } from "@convex-es/platform-store";
import { v } from "convex/values";
import type { Infer } from "convex/values";

/**
 * An event as a handler returns it: its type and payload; the orchestrator adds the metadata.
 * A scope command's events also name their stream within the scope (`streamType`, `streamId`);
 * an entity command's events go to the entity's stream and name none.
 */
export const vHandlerEvent = v.object({
  eventType: v.string(),
  payload: v.any(),
  /** From the event's definition when the handler was given its `events`; the store's default otherwise. */
  category: v.optional(vEventCategory),
  schemaVersion: v.optional(v.number()),
  streamType: v.optional(v.string()),
  streamId: v.optional(v.string()),
});

/**
 * What every bounded-context handler receives besides its own arguments: the decision context
 * (`now`, `commandId`, `correlationId`). Spread it into the handler mutation's `args`.
 *
 * @example
 * export const increment = mutation({
 *   args: { ...vHandlerContextArgs, counterId: v.string(), by: v.number() },
 *   returns: vHandlerResult,
 *   handler: incrementHandler,
 * });
 */
export const vHandlerContextArgs = {
  commandId: v.string(),
  correlationId: v.string(),
  now: v.number(),
};

const vHandlerSuccess = v.object({
  status: v.literal("success"),
  events: v.array(vHandlerEvent),
  data: v.optional(v.any()),
  /**
   * The CMS version the decision was made on: the stream must be at this version (for a scope
   * command, the scope).
   */
  cmsVersionBefore: v.number(),
  /**
   * The version once the events are stored: `cmsVersionBefore + events.length` for a stream; for
   * a scope, `cmsVersionBefore + 1` (a scope commit bumps the scope version once).
   */
  cmsVersionAfter: v.number(),
  /** The entity's stream; for a scope command, the scope's id and type. */
  streamId: v.string(),
  streamType: v.string(),
  /**
   * Set by scope (DCB) handlers: the events are committed to the streams of this scope with
   * `commitScope`, the scope at `cmsVersionBefore`, instead of appended to one stream.
   */
  scopeKey: v.optional(v.string()),
});

const vHandlerRejected = v.object({
  status: v.literal("rejected"),
  code: v.string(),
  message: v.string(),
  context: v.optional(v.any()),
});

const vHandlerFailed = v.object({
  status: v.literal("failed"),
  reason: v.string(),
  /**
   * An audit event to append although the command failed. It goes to the entity's failure
   * stream (`failureStreamTypeOf(streamType)`, same streamId), never to the entity's stream.
   */
  event: v.optional(vHandlerEvent),
  context: v.optional(v.any()),
  streamId: v.string(),
  streamType: v.string(),
  cmsVersionBefore: v.number(),
  /** Equal to `cmsVersionBefore`: a failure writes no CMS row and no entity-stream event. */
  cmsVersionAfter: v.number(),
  /** Set by scope handlers: the audit event goes to the scope's failure stream, in its tenant. */
  scopeKey: v.optional(v.string()),
});

/**
 * What a bounded-context handler mutation returns to the orchestrator: plain values only, so it
 * crosses the component boundary unchanged. A rejection and a failure are values, never throws,
 * so the command's status commits with them (DESIGN property 3).
 */
export const vHandlerResult = v.union(vHandlerSuccess, vHandlerRejected, vHandlerFailed);

export type HandlerEvent = Infer<typeof vHandlerEvent>;
export type HandlerContextArgs = Infer<ReturnType<typeof v.object<typeof vHandlerContextArgs>>>;
export type HandlerSuccess = Infer<typeof vHandlerSuccess>;
export type HandlerRejected = Infer<typeof vHandlerRejected>;
export type HandlerFailed = Infer<typeof vHandlerFailed>;
export type HandlerResult = Infer<typeof vHandlerResult>;

/** The category and schema version a handler took from the event's definition, if it had one. */
export function definedShapeOf(
  event: HandlerEvent,
): Pick<EventInput, "category" | "schemaVersion"> {
  return {
    ...(event.category !== undefined && { category: event.category }),
    ...(event.schemaVersion !== undefined && { schemaVersion: event.schemaVersion }),
  };
}
