// What the app reads of the customers context: one customer, for the orders' decisions (a
// registered customer may order) and the snapshot OrderSubmitted carries.
import { v } from "convex/values";
import { customerRow } from "./cms.js";
import { query } from "./_generated/server.js";

export const vCustomer = v.object({
  customerId: v.string(),
  name: v.string(),
  email: v.string(),
  registeredAt: v.number(),
  version: v.number(),
});

export const getCustomer = query({
  args: { customerId: v.string() },
  returns: v.union(v.null(), vCustomer),
  handler: async (ctx, args) => {
    const row = await customerRow(ctx, args.customerId);
    if (row === null) return null;
    const { customerId, name, email, registeredAt, version } = row;
    return { customerId, name, email, registeredAt, version };
  },
});
