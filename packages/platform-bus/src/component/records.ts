import type { CommandRecord } from "../shared/types.js";
import type { Doc } from "./_generated/dataModel.js";
import type { QueryCtx } from "./_generated/server.js";

/** The command recorded under `commandId`, or null. Reads one index point. */
export async function findCommand(
  ctx: Pick<QueryCtx, "db">,
  commandId: string,
): Promise<Doc<"commands"> | null> {
  return await ctx.db
    .query("commands")
    .withIndex("by_command_id", (q) => q.eq("commandId", commandId))
    .unique();
}

/** A stored command without Convex's system fields, as it crosses the component boundary. */
export function toRecord(doc: Doc<"commands">): CommandRecord {
  const { _id, _creationTime, ...record } = doc;
  return record;
}
