import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // The app's own record of each limit request it sent to the accounts context: written by
  // limits.requestDailyLimits (also when the context refused), read by limits.limitRequest.
  limitRequests: defineTable({
    requestId: v.string(),
    status: v.union(v.literal("sent"), v.literal("applied"), v.literal("refused")),
    code: v.optional(v.string()),
  }).index("by_request_id", ["requestId"]),
  // The accountBalances view, one row per account: written by the projection's handlers
  // (accountBalances.ts) in its catch-up jobs, read by reads.accountBalance. The last event
  // applied is kept with its correlation chain, so a balance can be traced to its command.
  accountBalances: defineTable({
    accountId: v.string(),
    balance: v.number(),
    lastEventId: v.string(),
    lastEventType: v.string(),
    lastPosition: v.number(),
    correlationId: v.string(),
    causationId: v.optional(v.string()),
    commandId: v.optional(v.string()),
  }).index("by_account_id", ["accountId"]),
  // One line per event the accountBalances projection applied, in the order it applied them:
  // written by its handlers with the balance row, read by reads.balanceHistory. An event
  // applied twice, skipped or out of stream order shows here, where the balance row cannot.
  balanceHistory: defineTable({
    accountId: v.string(),
    eventId: v.string(),
    eventType: v.string(),
    version: v.number(),
    globalPosition: v.number(),
    balance: v.number(),
  }).index("by_account_id", ["accountId"]),
  // Faults the specs inject into the accountBalances handlers, which throw for these accounts:
  // written by projectionFaults.inject and .remove (internal), read by the handlers.
  projectionFaults: defineTable({ accountId: v.string(), message: v.string() }).index(
    "by_account_id",
    ["accountId"],
  ),
});
