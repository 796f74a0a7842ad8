import { defineSchema, defineTable } from "convex/server";
import { vCommandRecord } from "../shared/validators.js";

export default defineSchema({
  // One row per commandId, written by recordCommand (insert) and updateCommandResult (the one
  // status change), deleted by cleanupExpired; read by every query. It holds the command's
  // status, result and the ids of the events it produced, so no row is shared between commands.
  commands: defineTable(vCommandRecord)
    .index("by_command_id", ["commandId"])
    .index("by_correlation_id_and_created_at", ["correlationId", "createdAt"])
    .index("by_status_and_expires_at", ["status", "expiresAt"]),
});
