// Fat event definitions of a small order context: the customer and warehouse snapshots it embeds
// in OrderSubmitted, with PII marked on the customer and on the order's own fields.
import { z } from "zod";
import { defineFatEvent, defineSnapshot } from "../../src/index.js";

/** Customers v1 stored `fullName` and `mail`; v2 renamed them and added a tier. */
export const customerSnapshot = defineSnapshot({
  source: "customers",
  schemaVersion: 2,
  schema: z.object({
    customerId: z.string(),
    name: z.string(),
    email: z.email(),
    tier: z.enum(["standard", "gold"]),
  }),
  subject: "customerId",
  pii: ["name", "email"],
  upcasters: {
    1: (v1: { customerId: string; fullName?: string; mail: string }) => {
      // Some v1 records were written before names were required: they cannot become v2.
      if (v1.fullName === undefined)
        throw new Error(`v1 customer ${v1.customerId} has no fullName`);
      return { customerId: v1.customerId, name: v1.fullName, email: v1.mail, tier: "standard" };
    },
  },
});

/** Data with no person in it: no subject, no PII. */
export const warehouseSnapshot = defineSnapshot({
  source: "inventory",
  schemaVersion: 1,
  schema: z.object({ warehouseId: z.string(), city: z.string() }),
});

/** OrderSubmitted v1 called the total `amount`; v2 renamed it. */
export const orderSubmitted = defineFatEvent({
  eventType: "OrderSubmitted",
  boundedContext: "orders",
  schemaVersion: 2,
  payload: z.object({
    orderId: z.string(),
    customerId: z.string(),
    total: z.number(),
    deliveryNote: z.string().optional(),
    lines: z.array(
      z.object({ sku: z.string(), quantity: z.number(), giftRecipientEmail: z.email().optional() }),
    ),
  }),
  snapshots: { customer: customerSnapshot, warehouse: warehouseSnapshot },
  subject: "customerId",
  pii: ["deliveryNote", "lines[].giftRecipientEmail"],
  upcasters: {
    1: ({ amount, ...rest }: { amount: number } & Record<string, unknown>) => ({
      ...rest,
      total: amount,
    }),
  },
});

/** A second event type for the registry: a customer's own registration. */
export const customerRegistered = defineFatEvent({
  eventType: "CustomerRegistered",
  boundedContext: "orders",
  schemaVersion: 1,
  payload: z.object({ registeredAt: z.number() }),
  snapshots: { customer: customerSnapshot },
});

/** A fat event with no PII at all. */
export const stockMoved = defineFatEvent({
  eventType: "StockMoved",
  boundedContext: "orders",
  schemaVersion: 1,
  payload: z.object({ sku: z.string(), quantity: z.number() }),
  snapshots: { warehouse: warehouseSnapshot },
});

export const ALICE = {
  customerId: "cust-alice",
  name: "Alice Martin",
  email: "alice@example.com",
  tier: "gold",
} as const;
export const BOB = {
  customerId: "cust-bob",
  name: "Bob Roy",
  email: "bob@example.com",
  tier: "standard",
} as const;
export const PARIS = { warehouseId: "wh-paris", city: "Paris" } as const;

/** An order of `customer` with a gift line, built at `capturedAt`. */
export function orderOf(customer: typeof ALICE | typeof BOB, capturedAt = 1_900_000_000_000) {
  return orderSubmitted.build({
    data: {
      orderId: `order-of-${customer.customerId}`,
      customerId: customer.customerId,
      total: 42,
      deliveryNote: "ring twice",
      lines: [
        { sku: "book", quantity: 1 },
        { sku: "pen", quantity: 2, giftRecipientEmail: "friend@example.com" },
      ],
    },
    snapshots: { customer, warehouse: PARIS },
    capturedAt,
  });
}
