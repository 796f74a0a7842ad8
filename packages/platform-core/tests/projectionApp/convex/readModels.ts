// Read-model queries, checked against their projection's category.
import { v } from "convex/values";
import { clientProjectionQuery, internalProjectionQuery } from "../../../src/index.js";
import { query, internalQuery } from "./_generated/server.js";
import type { QueryCtx } from "./_generated/server.js";
import { counterFeed, counterReport, counterTotals } from "./counterTotals.js";

const vTotal = v.object({ counterId: v.string(), value: v.number() });

/** A view projection: any client may read it. */
export const counterTotal = query(
  clientProjectionQuery(counterTotals, {
    args: { counterId: v.string() },
    returns: v.union(v.null(), vTotal),
    handler: async (ctx: QueryCtx, args: { counterId: string }) => {
      const row = await ctx.db
        .query("counterTotals")
        .withIndex("by_counter_id", (q) => q.eq("counterId", args.counterId))
        .unique();
      return row === null ? null : { counterId: row.counterId, value: row.value };
    },
  }),
);

/** A reporting projection: admins only, the role coming from the caller's identity. */
export const grandTotal = query(
  clientProjectionQuery(
    counterReport,
    {
      args: {},
      returns: v.number(),
      handler: async (ctx: QueryCtx) => {
        const rows = await ctx.db.query("counterTotals").take(1000);
        return rows.reduce((sum, row) => sum + row.value, 0);
      },
    },
    {
      caller: async (ctx: QueryCtx) => {
        const identity = await ctx.auth.getUserIdentity();
        const role = identity?.["role"];
        return { role: typeof role === "string" ? role : undefined };
      },
    },
  ),
);

/** An integration projection, read by server code only. */
export const feedEvents = internalQuery(
  internalProjectionQuery(counterFeed, {
    args: { streamId: v.string() },
    returns: v.array(v.string()),
    handler: async (ctx: QueryCtx, args: { streamId: string }) => {
      const rows = await ctx.db
        .query("appliedEvents")
        .withIndex("by_stream_and_position", (q) => q.eq("streamId", args.streamId))
        .take(100);
      return rows.filter((row) => row.projection === "counterFeed").map((row) => row.eventId);
    },
  }),
);
