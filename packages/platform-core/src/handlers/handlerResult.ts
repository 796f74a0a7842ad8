import { v } from "convex/values";
import type { Infer } from "convex/values";

/** An event as a handler returns it: its type and payload; the orchestrator adds the metadata. */
export const vHandlerEvent = v.object({ eventType: v.string(), payload: v.any() });

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
  /** The CMS version the decision was made on: the stream must be at this version. */
  cmsVersionBefore: v.number(),
  /** `cmsVersionBefore + events.length`: the stream's version once the events are appended. */
  cmsVersionAfter: v.number(),
  streamId: v.string(),
  streamType: v.string(),
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
