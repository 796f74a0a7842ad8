// Where the app's events carry personal data: the GDPR inventory a "forget me" request works
// from (crypto-shredding deletes the subject's key; readers then see `shredPii`'s shape).
import { definePiiRegistry } from "@convex-es/platform-core";
import { v } from "convex/values";
import { orderSubmitted } from "../../src/orders/index.js";
import { internalQuery } from "../_generated/server.js";

/**
 * The fat OrderSubmitted declares its marks (the customer snapshot's name and email);
 * CustomerRegistered is a thin event of the customers context, its marks listed here with the
 * same subject, the customer's id.
 */
export const personalData = definePiiRegistry([
  orderSubmitted,
  {
    eventType: "CustomerRegistered",
    piiFields: [
      { path: "name", subject: "customerId", snapshot: undefined },
      { path: "email", subject: "customerId", snapshot: undefined },
    ],
  },
]);

/** Every personal field by event type: its path, whose key shreds it, and its snapshot. */
export const personalDataFields = internalQuery({
  args: {},
  returns: v.array(
    v.object({
      eventType: v.string(),
      path: v.string(),
      subject: v.string(),
      snapshot: v.optional(v.string()),
    }),
  ),
  handler: () =>
    Promise.resolve(
      personalData.entries.map(({ eventType, path, subject, snapshot }) => ({
        eventType,
        path,
        subject,
        ...(snapshot !== undefined && { snapshot }),
      })),
    ),
});
