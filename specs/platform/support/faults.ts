// Fault injection for the durability specs, kept in the app's `faults` table. An action asks
// `tick` (a mutation that commits on its own) before its work and throws when told to, so a
// fault can last a number of calls and every call is counted; a mutation can only read
// (`assertUp`): its writes would roll back with it.
import { defineTable, internalMutationGeneric, internalQueryGeneric } from "convex/server";
import type {
  DataModelFromSchemaDefinition,
  GenericDatabaseReader,
  GenericDataModel,
  MutationBuilder,
  QueryBuilder,
  SchemaDefinition,
} from "convex/server";
import { v } from "convex/values";

export const faultsTable = defineTable({
  target: v.string(),
  failuresLeft: v.number(),
  calls: v.number(),
}).index("by_target", ["target"]);

type FaultsDataModel = DataModelFromSchemaDefinition<
  SchemaDefinition<{ faults: typeof faultsTable }, true>
>;
const internalMutation = internalMutationGeneric as MutationBuilder<FaultsDataModel, "internal">;
const internalQuery = internalQueryGeneric as QueryBuilder<FaultsDataModel, "internal">;

/** The ctx of any function of an app whose schema has the faults table. */
type Ctx<DataModel extends GenericDataModel> = { db: GenericDatabaseReader<DataModel> };

async function faultOf<DataModel extends GenericDataModel>(ctx: Ctx<DataModel>, target: string) {
  const db = ctx.db as unknown as GenericDatabaseReader<FaultsDataModel>;
  return await db
    .query("faults")
    .withIndex("by_target", (q) => q.eq("target", target))
    .unique();
}

/** Is the fault of `target` on? */
export async function isDown<DataModel extends GenericDataModel>(
  ctx: Ctx<DataModel>,
  target: string,
): Promise<boolean> {
  const fault = await faultOf(ctx, target);
  return fault !== null && fault.failuresLeft !== 0;
}

/** Throws while the fault of `target` is on. */
export async function assertUp<DataModel extends GenericDataModel>(
  ctx: Ctx<DataModel>,
  target: string,
): Promise<void> {
  if (await isDown(ctx, target)) throw new Error(`${target} is unavailable (injected fault)`);
}

export const faults = {
  /** Counts a call of `target`, uses up one failure, says whether the call fails. */
  tick: internalMutation({
    args: { target: v.string() },
    returns: v.boolean(),
    handler: async (ctx, { target }) => {
      const fault = await faultOf(ctx, target);
      if (fault === null) {
        await ctx.db.insert("faults", { target, failuresLeft: 0, calls: 1 });
        return false;
      }
      const left = fault.failuresLeft;
      await ctx.db.patch("faults", fault._id, {
        calls: fault.calls + 1,
        failuresLeft: left > 0 ? left - 1 : left,
      });
      return left !== 0;
    },
  }),
  /** `failures` more calls of `target` fail (-1: all; 0: none). */
  set: internalMutation({
    args: { target: v.string(), failures: v.number() },
    returns: v.null(),
    handler: async (ctx, { target, failures }) => {
      const fault = await faultOf(ctx, target);
      if (fault === null)
        await ctx.db.insert("faults", { target, failuresLeft: failures, calls: 0 });
      else await ctx.db.patch("faults", fault._id, { failuresLeft: failures });
      return null;
    },
  }),
  calls: internalQuery({
    args: { target: v.string() },
    returns: v.number(),
    handler: async (ctx, { target }) => (await faultOf(ctx, target))?.calls ?? 0,
  }),
};
