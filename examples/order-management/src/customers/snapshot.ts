// The customer as other contexts embed it in their fat events (OrderSubmitted): defined here,
// by the context that owns the data, and versioned on its own.
import { defineSnapshot } from "@convex-es/platform-core";
import type { SnapshotData } from "@convex-es/platform-core";
import { z } from "zod";

export const customerSnapshot = defineSnapshot({
  source: "customers",
  schemaVersion: 1,
  schema: z.object({ customerId: z.string().min(1), name: z.string(), email: z.string() }),
  // Whose key shreds the name and the email when the customer asks to be forgotten.
  subject: "customerId",
  pii: ["name", "email"],
});

export type CustomerSnapshot = SnapshotData<typeof customerSnapshot>;
