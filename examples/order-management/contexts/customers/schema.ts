import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // The customers' CMS: one snapshot per customer, written by the register handler in the same
  // transaction as its event; `version` is the customer stream's version. Read by the handler
  // and getCustomer (the app's snapshot for orders).
  customers: defineTable({
    customerId: v.string(),
    name: v.string(),
    email: v.string(),
    registeredAt: v.number(),
    stateVersion: v.number(),
    version: v.number(),
  }).index("by_customer_id", ["customerId"]),
});
