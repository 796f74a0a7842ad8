// OrderSubmitted is a fat event (Event-Carried State Transfer): shipping and the other contexts
// that follow submissions get the customer as of the submission with it, and never query the
// customers context back. The customer's name and email are personal data, marked for
// crypto-shredding by the snapshot the customers context defines.
import { defineFatEvent } from "@convex-es/platform-core";
import { z } from "zod";
import { customerSnapshot } from "../customers/index.js";

export const orderSubmitted = defineFatEvent({
  eventType: "OrderSubmitted",
  boundedContext: "orders",
  schemaVersion: 1,
  description: "A draft order was submitted with its items, total and customer",
  payload: z.object({
    orderId: z.string(),
    customerId: z.string(),
    items: z.array(
      z.object({
        productId: z.string(),
        productName: z.string(),
        quantity: z.number(),
        unitPrice: z.number(),
      }),
    ),
    totalAmount: z.number(),
    submittedAt: z.number(),
  }),
  snapshots: { customer: customerSnapshot },
});
