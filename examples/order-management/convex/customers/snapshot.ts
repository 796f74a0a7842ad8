// Asking the customers context who a customer is, before an order decides on it.
import type { CustomerSnapshot } from "../../src/customers/index.js";
import { components } from "../_generated/api.js";
import type { QueryCtx } from "../_generated/server.js";

/**
 * The customer as the customers context's CMS holds it now, in the shape of the snapshot
 * OrderSubmitted embeds; undefined when they never registered.
 */
export async function askCustomers(
  ctx: Pick<QueryCtx, "runQuery">,
  customerId: string,
): Promise<CustomerSnapshot | undefined> {
  const customer = await ctx.runQuery(components.customers.queries.getCustomer, { customerId });
  if (customer === null) return undefined;
  const { name, email } = customer;
  return { customerId: customer.customerId, name, email };
}
