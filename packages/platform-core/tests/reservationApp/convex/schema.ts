import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { reservationTables } from "../../../src/index.js";

export default defineSchema({
  ...reservationTables,
  // The entity a confirmed username reservation links to; written by signUp.complete.
  accounts: defineTable({ username: v.string(), email: v.string() }).index("by_username", [
    "username",
  ]),
});
