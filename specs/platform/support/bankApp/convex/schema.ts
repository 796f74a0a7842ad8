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
});
