// Sends 1,000 commands through the CommandOrchestrator of the orchestrator test app on
// convex-test and reports, per outcome and for the whole mix: commands per second, component
// calls, documents read and documents written per command, and whether any document was written
// by commands on different streams.
//
// convex-test is an in-memory model of Convex in one process, evaluating each index range by
// scanning its table: the rates measure this code on that model, not a deployment. The calls and
// document counts are what a deployment would see.
import type { CommandOutcome } from "../src/index.js";
import * as counters from "../tests/orchestratorApp/convex/counters.js";
import { runMeasured } from "../tests/support/measuredRun.js";
import { newOrchestratorApp } from "../tests/support/orchestratorApp.js";
import { planCommandMix } from "./commandMix.js";
import type { CommandKind, PlannedCommand } from "./commandMix.js";
import { summarise } from "./costSummary.js";
import type { CommandSample, CostSummary } from "./costSummary.js";
import type { BenchSection } from "./section.js";
import { SharedDocumentTracker } from "./sharedDocuments.js";
import { attachWriteObserver } from "./writeObserver.js";

const COMMANDS = 1000;
const STREAMS = 100;
const SEED = 7;
const WEIGHTS = {
  increment: 60,
  deciderRejection: 10,
  middlewareRefusal: 5,
  failureWithAudit: 10,
  duplicate: 15,
};
/** The issue's budget for an executed command. */
const TARGET = { calls: 4, documentsWritten: 4 };

const KIND_LABELS: Record<CommandKind, string> = {
  create: "executed: create",
  increment: "executed: increment",
  deciderRejection: "rejected by the decider",
  middlewareRefusal: "rejected by middleware",
  failureWithAudit: "failed with audit event",
  duplicate: "duplicate",
};

function execute(
  ctx: Parameters<typeof counters.orchestrator.execute>[0],
  command: PlannedCommand,
) {
  const input = {
    commandId: command.commandId,
    correlationId: `corr-${command.commandId}`,
    caller: { userId: "bench", roles: command.roles },
  };
  return command.config === "create"
    ? counters.orchestrator.execute(ctx, counters.createConfig, {
        ...input,
        payload: command.payload,
      })
    : counters.orchestrator.execute(ctx, counters.incrementConfig, {
        ...input,
        payload: command.payload,
      });
}

/** The outcome a command of this kind must get; a duplicate repeats its original's status. */
function checkOutcome(
  command: PlannedCommand,
  outcome: CommandOutcome,
  first: ReadonlyMap<string, CommandOutcome>,
): void {
  const expected =
    command.kind === "duplicate"
      ? { status: first.get(command.commandId)?.status, duplicate: true }
      : {
          status:
            command.kind === "create" || command.kind === "increment"
              ? "executed"
              : command.kind === "failureWithAudit"
                ? "failed"
                : "rejected",
          duplicate: false,
        };
  if (outcome.status !== expected.status || outcome.duplicate !== expected.duplicate) {
    throw new Error(
      `${command.commandId} (${command.kind} on ${command.counterId}) answered ${outcome.status}` +
        ` with duplicate ${outcome.duplicate}; expected ${expected.status} with duplicate ${expected.duplicate}`,
    );
  }
}

const fixed = (value: number) => value.toFixed(2);
const rate = (value: number) => Math.round(value).toLocaleString("en-US");

function row(label: string, summary: CostSummary, target: boolean): string {
  const within =
    summary.calls.max <= TARGET.calls && summary.documentsWritten.max <= TARGET.documentsWritten;
  const verdict = target ? (within ? "within 4/4" : "OVER 4/4") : "";
  return [
    label.padEnd(26),
    String(summary.commands).padStart(5),
    rate(summary.perSecond).padStart(8),
    `${fixed(summary.calls.mean)} (${summary.calls.max})`.padStart(11),
    `${fixed(summary.documentsRead.mean)} (${summary.documentsRead.max})`.padStart(12),
    `${fixed(summary.documentsWritten.mean)} (${summary.documentsWritten.max})`.padStart(12),
    `  ${verdict}`,
  ].join(" ");
}

function tablesOf(summary: CostSummary): string {
  const parts = [...summary.writesByTable].map(([table, mean]) => `${table} ${fixed(mean)}`);
  return parts.length === 0 ? "none" : parts.join(", ");
}

async function run(): Promise<readonly string[]> {
  const t = newOrchestratorApp();
  const observer = attachWriteObserver();
  const plan = planCommandMix({
    commands: COMMANDS,
    streams: STREAMS,
    seed: SEED,
    weights: WEIGHTS,
  });
  const samples = new Map<CommandKind, CommandSample[]>();
  const all: CommandSample[] = [];
  const firstOutcomes = new Map<string, CommandOutcome>();
  const sharing = new SharedDocumentTracker();
  const tenths: number[] = [];
  const started = performance.now();
  let tenthStarted = started;
  try {
    for (const command of plan) {
      const began = performance.now();
      const { value, writes } = await observer.observe(() =>
        runMeasured(t, (ctx) => execute(ctx, command)),
      );
      const ms = performance.now() - began;
      checkOutcome(command, value.value, firstOutcomes);
      if (writes.length !== value.cost.documentsWritten) {
        throw new Error(
          `${command.commandId}: the write observer saw ${writes.length} writes, the transaction metrics ${value.cost.documentsWritten}`,
        );
      }
      if (!firstOutcomes.has(command.commandId)) firstOutcomes.set(command.commandId, value.value);
      const sample = { ms, cost: value.cost, writes };
      samples.set(command.kind, [...(samples.get(command.kind) ?? []), sample]);
      all.push(sample);
      sharing.add(command.commandId, command.counterId, writes);
      if (all.length % (COMMANDS / 10) === 0) {
        tenths.push(((COMMANDS / 10) * 1000) / (performance.now() - tenthStarted));
        tenthStarted = performance.now();
      }
    }
  } finally {
    observer.detach();
  }
  const seconds = (performance.now() - started) / 1000;

  const kinds = Object.keys(KIND_LABELS) as CommandKind[];
  const summaries = kinds.flatMap((kind) => {
    const group = samples.get(kind);
    return group === undefined ? [] : [{ kind, summary: summarise(group) }];
  });
  const mix = summarise(all);
  const shared = sharing.report();
  const executed = (kind: CommandKind) => kind === "create" || kind === "increment";

  return [
    `${COMMANDS.toLocaleString("en-US")} commands over ${STREAMS} streams (counters) in ${seconds.toFixed(1)} s: ` +
      `${rate(mix.perSecond)} commands/s; by tenth of the run: ${tenths.map(rate).join(", ")}`,
    "per command: mean (max); the budget applies to executed commands",
    "",
    `${"outcome".padEnd(26)} ${"count".padStart(5)} ${"cmds/s".padStart(8)} ${"calls".padStart(11)} ${"docs read".padStart(12)} ${"docs written".padStart(12)}`,
    ...summaries.map(({ kind, summary }) => row(KIND_LABELS[kind], summary, executed(kind))),
    row("mix (all commands)", mix, false),
    "",
    "documents written per command, by component/table:",
    ...summaries.map(
      ({ kind, summary }) => `  ${KIND_LABELS[kind].padEnd(24)} ${tablesOf(summary)}`,
    ),
    "",
    `documents written: ${shared.documents.toLocaleString("en-US")} distinct`,
    `  written by several commands on one stream: ${
      [...shared.sharedWithinStream].map(([table, n]) => `${table} ${n}`).join(", ") || "none"
    }`,
    `  written by commands on different streams: ${shared.sharedAcrossStreams.length} (target: none)` +
      (shared.sharedAcrossStreams.length === 0 ? "" : " OVER"),
    ...shared.sharedAcrossStreams
      .slice(0, 5)
      .map(({ document, streams }) => `    ${document}: ${streams.join(", ")}`),
  ];
}

export const orchestratorSection: BenchSection = {
  title: "CommandOrchestrator: commands through eventStore + commandBus + counters",
  run,
};
