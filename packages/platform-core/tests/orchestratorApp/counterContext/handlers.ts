// The counters bounded context: its handler mutations, built from the pure decider.
import { v } from "convex/values";
import { createDeciderHandler, createEntityDeciderHandler } from "../../../src/index.js";
import type { CMSUpdate, StoredCMS } from "../../../src/index.js";
import { counterCMS, counterDecider } from "../domain/counter.js";
import type { CounterState } from "../domain/counter.js";
import { mutation, query } from "./_generated/server.js";
import type { MutationCtx } from "./_generated/server.js";

async function loadCounter(
  ctx: MutationCtx,
  args: { counterId: string },
): Promise<StoredCMS | null> {
  const row = await ctx.db
    .query("counters")
    .withIndex("by_counter_id", (q) => q.eq("counterId", args.counterId))
    .unique();
  if (row === null) return null;
  const { _id, _creationTime: _created, version, ...state } = row;
  return { state, version, ref: _id };
}

async function writeCounter(
  ctx: MutationCtx,
  update: CMSUpdate<CounterState, { counterId: string }>,
): Promise<void> {
  const fields = {
    counterId: update.state.counterId,
    value: update.state.value,
    stateVersion: update.state.stateVersion,
    version: update.version,
  };
  const ref = update.previous?.ref;
  if (ref === undefined) await ctx.db.insert("counters", fields);
  else await ctx.db.patch(ref as never, fields);
}

const stream = (args: { counterId: string }) => ({
  streamType: "Counter",
  streamId: args.counterId,
});

export const create = mutation(
  createEntityDeciderHandler({
    args: { counterId: v.string(), start: v.number() },
    decider: counterDecider,
    cms: counterCMS,
    toCommand: (args) => ({
      type: "CreateCounter" as const,
      data: { counterId: args.counterId, start: args.start },
    }),
    streamOf: stream,
    loadCMS: loadCounter,
    applyStateUpdate: writeCounter,
  }),
);

export const increment = mutation(
  createDeciderHandler({
    args: { counterId: v.string(), by: v.number() },
    decider: counterDecider,
    cms: counterCMS,
    toCommand: (args) => ({ type: "Increment" as const, data: { by: args.by } }),
    streamOf: stream,
    loadCMS: loadCounter,
    applyStateUpdate: writeCounter,
    notFoundCode: "COUNTER_NOT_FOUND",
  }),
);

export const getCounter = query({
  args: { counterId: v.string() },
  returns: v.union(
    v.null(),
    v.object({ counterId: v.string(), value: v.number(), version: v.number() }),
  ),
  handler: async (ctx, args) => {
    const row = await ctx.db
      .query("counters")
      .withIndex("by_counter_id", (q) => q.eq("counterId", args.counterId))
      .unique();
    return row === null
      ? null
      : { counterId: row.counterId, value: row.value, version: row.version };
  },
});
