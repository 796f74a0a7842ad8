// Validators of what the app's command mutations take and return.
import type { CommandOutcome } from "@convex-es/platform-core";
import { ConvexError, v } from "convex/values";
import type { Infer } from "convex/values";

/** Every command mutation takes the client's command id, and optionally its correlation id. */
export const vCommandMeta = {
  commandId: v.string(),
  correlationId: v.optional(v.string()),
};

/**
 * Command ids clients choose. The app derives the ids of the commands one command causes by
 * appending `:<step>`, so a client id never contains `:` and cannot take a derived id.
 */
export function checkClientCommandId(commandId: string): void {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(commandId)) {
    throw new ConvexError({
      code: "INVALID_COMMAND_ID",
      message: `commandId must be 1 to 100 letters, digits, - or _ (a UUID, say); got ${JSON.stringify(commandId)}`,
    });
  }
}

/** What `CommandOrchestrator.execute` answers, as a command mutation returns it. */
export const vCommandOutcome = v.union(
  v.object({
    status: v.literal("executed"),
    commandId: v.string(),
    result: v.object({
      streamType: v.string(),
      streamId: v.string(),
      version: v.number(),
      scopeKey: v.optional(v.string()),
      data: v.optional(v.any()),
    }),
    eventIds: v.array(v.string()),
    duplicate: v.boolean(),
  }),
  v.object({
    status: v.union(v.literal("rejected"), v.literal("failed")),
    commandId: v.string(),
    result: v.object({ code: v.string(), message: v.string(), context: v.optional(v.any()) }),
    eventIds: v.array(v.string()),
    duplicate: v.boolean(),
  }),
  v.object({
    status: v.literal("pending"),
    commandId: v.string(),
    result: v.optional(v.any()),
    eventIds: v.array(v.string()),
    duplicate: v.literal(true),
  }),
);

export type Outcome = Infer<typeof vCommandOutcome>;

/** The orchestrator's outcome as a plain value a mutation returns. */
export function outcomeValue(outcome: CommandOutcome): Outcome {
  return { ...outcome, eventIds: [...outcome.eventIds] } as Outcome;
}
