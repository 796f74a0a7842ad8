// Loading and writing the customers' CMS rows for the handler factories.
import type { CMSUpdate, StoredCMS } from "@convex-es/platform-core";
import type { Customer } from "../../src/customers/index.js";
import type { Id } from "./_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";

export async function customerRow(ctx: QueryCtx, customerId: string) {
  return await ctx.db
    .query("customers")
    .withIndex("by_customer_id", (q) => q.eq("customerId", customerId))
    .unique();
}

export async function loadCustomer(
  ctx: QueryCtx,
  args: { customerId: string },
): Promise<StoredCMS | null> {
  const row = await customerRow(ctx, args.customerId);
  if (row === null) return null;
  const { _id, _creationTime: _created, version, ...state } = row;
  return { state, version, ref: _id };
}

export async function writeCustomer(
  ctx: MutationCtx,
  update: CMSUpdate<Customer, { customerId: string }>,
): Promise<void> {
  const { state, version } = update;
  const fields = {
    customerId: state.customerId,
    name: state.name,
    email: state.email,
    registeredAt: state.registeredAt,
    stateVersion: state.stateVersion,
    version,
  };
  const previous = update.previous?.ref;
  if (previous === undefined) await ctx.db.insert("customers", fields);
  else await ctx.db.patch("customers", previous as Id<"customers">, fields);
}
