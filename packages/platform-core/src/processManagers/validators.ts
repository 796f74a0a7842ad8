import { v } from "convex/values";
import type { Infer } from "convex/values";
import { vPublishedEvent } from "../eventBus/validators.js";

export const vProcessManagerStatus = v.union(
  v.literal("idle"),
  v.literal("processing"),
  v.literal("completed"),
  v.literal("failed"),
);

/** Where a process manager dead letter stands: waiting for an operator, or settled. */
export const vProcessManagerDeadLetterStatus = v.union(
  v.literal("pending"),
  v.literal("resolved"),
  v.literal("ignored"),
);
export type ProcessManagerDeadLetterStatus = Infer<typeof vProcessManagerDeadLetterStatus>;

/**
 * What handling an event answers: `handled` (commands sent, lifecycle moved), `duplicate` (the
 * instance handled this event before: nothing happened), or `dead_lettered` (the reaction
 * failed, or was held behind an earlier failure: the event waits in the dead letters).
 */
export const vProcessManagerResult = v.union(
  v.object({
    status: v.literal("handled"),
    instanceId: v.string(),
    lifecycle: vProcessManagerStatus,
    commandIds: v.array(v.string()),
  }),
  v.object({
    status: v.literal("duplicate"),
    instanceId: v.string(),
    commandIds: v.array(v.string()),
  }),
  v.object({
    status: v.literal("dead_lettered"),
    instanceId: v.optional(v.string()),
    code: v.string(),
    message: v.string(),
  }),
);
export type ProcessManagerResult = Infer<typeof vProcessManagerResult>;

/** The arguments of the reaction mutation (the inner transaction of a delivery or a retry). */
export const vReactionArgs = {
  event: vPublishedEvent,
  instanceId: v.string(),
  mode: v.union(v.literal("deliver"), v.literal("retry")),
};
export type ReactionArgs = {
  event: Infer<typeof vPublishedEvent>;
  instanceId: string;
  mode: "deliver" | "retry";
};

export const vProcessManagerInstance = v.object({
  processManager: v.string(),
  instanceId: v.string(),
  status: vProcessManagerStatus,
  state: v.any(),
  eventsHandled: v.number(),
  lastEventId: v.optional(v.string()),
  lastGlobalPosition: v.optional(v.number()),
  /** The event a failed instance failed on: it must be retried or ignored first. */
  failedEventId: v.optional(v.string()),
  lastError: v.optional(v.string()),
  createdAt: v.number(),
  updatedAt: v.number(),
  completedAt: v.optional(v.number()),
});
export type ProcessManagerInstance = Infer<typeof vProcessManagerInstance>;

export const vProcessManagerDeadLetter = v.object({
  processManager: v.string(),
  eventId: v.string(),
  instanceId: v.optional(v.string()),
  event: vPublishedEvent,
  code: v.string(),
  message: v.string(),
  status: vProcessManagerDeadLetterStatus,
  /** Failed handlings of this event, the first included. */
  attempts: v.number(),
  ignoredReason: v.optional(v.string()),
  createdAt: v.number(),
  updatedAt: v.number(),
  resolvedAt: v.optional(v.number()),
});
export type ProcessManagerDeadLetter = Infer<typeof vProcessManagerDeadLetter>;
