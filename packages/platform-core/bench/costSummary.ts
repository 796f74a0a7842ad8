// Per-command figures of a group of commands: rate, component calls, documents read and written.
import type { TransactionCost } from "../tests/support/measuredRun.js";
import type { ObservedWrite } from "./writeObserver.js";

/** One command as measured: how long it took, what it cost and which documents it wrote. */
export interface CommandSample {
  readonly ms: number;
  readonly cost: TransactionCost;
  readonly writes: readonly ObservedWrite[];
}

export interface Spread {
  readonly mean: number;
  readonly max: number;
}

export interface CostSummary {
  readonly commands: number;
  readonly perSecond: number;
  readonly calls: Spread;
  readonly documentsRead: Spread;
  readonly documentsWritten: Spread;
  /** Mean writes per command by `<component>/<table>`. */
  readonly writesByTable: ReadonlyMap<string, number>;
}

function spread(values: readonly number[]): Spread {
  const total = values.reduce((sum, value) => sum + value, 0);
  return { mean: total / values.length, max: Math.max(...values) };
}

/** Summarises a non-empty group of samples. */
export function summarise(samples: readonly CommandSample[]): CostSummary {
  if (samples.length === 0) throw new Error("a cost summary needs at least one command");
  const ms = samples.reduce((sum, sample) => sum + sample.ms, 0);
  const byTable = new Map<string, number>();
  for (const sample of samples) {
    for (const write of sample.writes) {
      const key = `${write.component}/${write.table}`;
      byTable.set(key, (byTable.get(key) ?? 0) + 1);
    }
  }
  return {
    commands: samples.length,
    perSecond: (samples.length * 1000) / ms,
    calls: spread(samples.map((sample) => sample.cost.calls)),
    documentsRead: spread(samples.map((sample) => sample.cost.documentsRead)),
    documentsWritten: spread(samples.map((sample) => sample.cost.documentsWritten)),
    writesByTable: new Map(
      [...byTable].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => [k, n / samples.length]),
    ),
  };
}
