// Runs code in one convex-test transaction and measures what it cost: the component calls it
// made (through a counting ctx) and the documents read and written, from Convex's transaction
// metrics, which in convex-test include the reads and writes of nested component calls.
import type { OrchestratorCtx } from "../../src/index.js";
import type { GenericDataModel, GenericMutationCtx } from "convex/server";

/** Any convex-test instance: `run` hands the body a mutation ctx with transaction metrics. */
export interface RunnableApp {
  run<O>(fn: (ctx: GenericMutationCtx<GenericDataModel>) => Promise<O>): Promise<O>;
}

/** What one transaction cost. */
export interface TransactionCost {
  /** `runQuery` and `runMutation` calls made through the counting ctx. */
  readonly calls: number;
  readonly documentsRead: number;
  readonly documentsWritten: number;
}

/**
 * Runs `body` inside `t.run` with a ctx that counts its component calls.
 *
 * @example
 * const { value, cost } = await runMeasured(t, (ctx) => orchestrator.execute(ctx, config, command));
 */
export async function runMeasured<T>(
  t: RunnableApp,
  body: (ctx: OrchestratorCtx) => Promise<T>,
): Promise<{ value: T; cost: TransactionCost }> {
  return (await t.run(async (ctx) => {
    let calls = 0;
    const counted: OrchestratorCtx = {
      runQuery: ((...args: unknown[]) => {
        calls += 1;
        return (ctx.runQuery as (...a: unknown[]) => Promise<unknown>)(...args);
      }) as OrchestratorCtx["runQuery"],
      runMutation: ((...args: unknown[]) => {
        calls += 1;
        return (ctx.runMutation as (...a: unknown[]) => Promise<unknown>)(...args);
      }) as OrchestratorCtx["runMutation"],
    };
    const before = await ctx.meta.getTransactionMetrics();
    const value = await body(counted);
    const after = await ctx.meta.getTransactionMetrics();
    const cost: TransactionCost = {
      calls,
      documentsRead: after.documentsRead.used - before.documentsRead.used,
      documentsWritten: after.documentsWritten.used - before.documentsWritten.used,
    };
    return { value, cost };
  })) as { value: T; cost: TransactionCost };
}
