// Operator functions an app exposes over its projections, typed with the client's validators.
import { v } from "convex/values";
import {
  vCheckpoint,
  vFailedJob,
  vPoisonRecord,
  vPoisonStatus,
  vResolveDeadLetterResult,
} from "../../src/client/index.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { store } from "./store.js";

export const checkpoint = internalQuery({
  args: { projection: v.string(), partitionKey: v.string() },
  returns: v.union(v.null(), vCheckpoint),
  handler: async (ctx, args) => await store.getCheckpoint(ctx, args),
});

export const deadLetters = internalQuery({
  args: { projection: v.string(), status: v.optional(vPoisonStatus) },
  returns: v.array(vPoisonRecord),
  handler: async (ctx, args) => await store.listDeadLetters(ctx, { ...args, limit: 50 }),
});

export const ignoreDeadLetter = internalMutation({
  args: { projection: v.string(), eventId: v.string() },
  returns: vResolveDeadLetterResult,
  handler: async (ctx, args) =>
    await store.resolveDeadLetter(ctx, { ...args, resolution: "ignored" }),
});

export const openFailedJobs = internalQuery({
  args: {},
  returns: v.array(vFailedJob),
  handler: async (ctx) => await store.listFailedJobs(ctx, { limit: 50 }),
});
