import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // The accounts' CMS: written by the handlers in handlers.ts, read by them and by queries.ts.
  accounts: defineTable({
    accountId: v.string(),
    owner: v.string(),
    status: v.union(v.literal("open"), v.literal("frozen"), v.literal("closed")),
    balance: v.number(),
    lastChangedAt: v.number(),
    stateVersion: v.number(),
    version: v.number(),
  }).index("by_account_id", ["accountId"]),
  // Daily withdrawal limits set by an operator (configuration, not event-sourced): written by
  // limits.setDailyLimits, read by limits.getDailyLimit.
  dailyLimits: defineTable({ accountId: v.string(), limit: v.number() }).index("by_account_id", [
    "accountId",
  ]),
});
