import type { PoisonRecord } from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import type { QueryCtx } from "./_generated/server.js";

export async function findPoison(ctx: QueryCtx, projection: string, eventId: string) {
  return await ctx.db
    .query("poisonEvents")
    .withIndex("by_projection_and_event", (q) =>
      q.eq("projection", projection).eq("eventId", eventId),
    )
    .unique();
}

export function toPoisonRecord(row: Doc<"poisonEvents">): PoisonRecord {
  const { _id, _creationTime, ...record } = row;
  return record;
}
