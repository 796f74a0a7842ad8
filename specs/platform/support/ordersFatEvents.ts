// The orders context publishes OrderSubmitted with a snapshot of the customer, owned by the
// customers context; the shipping context consumes it. A thin OrderSubmitted is defined too, to
// show what a consumer of a thin event depends on.
import { defineEvent } from "@convex-es/platform-bc";
import { defineFatEvent, defineSnapshot, readFatEvent } from "@convex-es/platform-core";
import type { StoredFatEvent } from "@convex-es/platform-core";
import { z } from "zod";

/** Customers v1 had `fullName` and `mail`; v2 has `name`, `email` and a tier. */
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
    1: (v1: { customerId: string; fullName: string; mail: string }) => ({
      customerId: v1.customerId,
      name: v1.fullName,
      email: v1.mail,
      tier: "standard",
    }),
  },
});

export const orderSubmitted = defineFatEvent({
  eventType: "OrderSubmitted",
  boundedContext: "orders",
  schemaVersion: 1,
  payload: z.object({
    orderId: z.string(),
    customerId: z.string(),
    total: z.number(),
    deliveryAddress: z.string(),
  }),
  snapshots: { customer: customerSnapshot },
  subject: "customerId",
  pii: ["deliveryAddress"],
});

export const customerRegistered = defineFatEvent({
  eventType: "CustomerRegistered",
  boundedContext: "customers",
  schemaVersion: 1,
  payload: z.object({ registeredAt: z.number() }),
  snapshots: { customer: customerSnapshot },
});

/** The thin alternative: only the customer's id, everything else must be asked for. */
export const thinOrderSubmitted = defineEvent({
  eventType: "OrderSubmitted",
  boundedContext: "orders",
  schemaVersion: 1,
  category: "integration",
  payload: z.object({ orderId: z.string(), customerId: z.string(), total: z.number() }),
});

export type Customer = z.output<typeof customerSnapshot.schema>;

/** The customers context as other contexts reach it: it can be down, and counts its callers. */
export class CustomersContext {
  private readonly customers = new Map<string, Customer>();
  up = true;
  calls = 0;

  save(customer: Customer): void {
    this.customers.set(customer.customerId, customer);
  }

  get(customerId: string): Customer {
    this.calls += 1;
    if (!this.up) throw new Error("the customers context is unreachable");
    const customer = this.customers.get(customerId);
    if (customer === undefined) throw new Error(`no customer ${customerId}`);
    return customer;
  }
}

/** The shipping context's receipt address, from a fat OrderSubmitted alone. */
export function receiptFromFatEvent(stored: StoredFatEvent): string {
  const { payload } = readFatEvent(orderSubmitted, stored);
  return `${payload.customer.data.name} <${payload.customer.data.email}>`;
}

/** The same receipt from a thin OrderSubmitted: it must ask the customers context. */
export function receiptFromThinEvent(payload: unknown, customers: CustomersContext): string {
  const { customerId } = thinOrderSubmitted.parse(payload);
  const customer = customers.get(customerId);
  return `${customer.name} <${customer.email}>`;
}
