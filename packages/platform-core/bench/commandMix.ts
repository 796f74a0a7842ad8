// The commands the orchestrator benchmark sends: every counter is created first, then a seeded
// mix of increments, rejections, failures and duplicates spread over all counters.
import { MAX_INCREMENT } from "../tests/orchestratorApp/domain/counter.js";

/** What a command is meant to do, and so the outcome it must get. */
export type CommandKind =
  | "create"
  | "increment"
  | "deciderRejection"
  | "middlewareRefusal"
  | "failureWithAudit"
  | "duplicate";

interface PlannedCommandBase {
  readonly kind: CommandKind;
  readonly commandId: string;
  /** The counter, and so the stream, the command is about. */
  readonly counterId: string;
  readonly roles: readonly string[];
}

export type PlannedCommand = PlannedCommandBase &
  (
    | { readonly config: "create"; readonly payload: { counterId: string; start: number } }
    | { readonly config: "increment"; readonly payload: { counterId: string; by: number } }
  );

export interface CommandMixOptions {
  readonly commands: number;
  readonly streams: number;
  readonly seed: number;
  /** Relative weights of the kinds after the creations. */
  readonly weights: Readonly<Record<Exclude<CommandKind, "create">, number>>;
}

/** A small seeded generator (mulberry32), so every run sends the same commands. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const WRITER = ["counter:write"] as const;

/** The benchmark's commands, in sending order. */
export function planCommandMix(options: CommandMixOptions): PlannedCommand[] {
  if (options.streams > options.commands) {
    throw new Error(
      `the mix creates one counter per stream: ${options.streams} streams need at least as many commands, got ${options.commands}`,
    );
  }
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const kinds = Object.entries(options.weights) as [Exclude<CommandKind, "create">, number][];
  const totalWeight = kinds.reduce((sum, [, weight]) => sum + weight, 0);
  const pickKind = () => {
    let roll = random() * totalWeight;
    for (const [kind, weight] of kinds) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return kinds.at(-1)![0];
  };

  const plan: PlannedCommand[] = [];
  for (let s = 0; s < options.streams; s++) {
    const counterId = `counter-${s}`;
    plan.push({
      kind: "create",
      commandId: `cmd-${plan.length}`,
      counterId,
      config: "create",
      payload: { counterId, start: 0 },
      roles: WRITER,
    });
  }
  while (plan.length < options.commands) {
    const kind = pickKind();
    if (kind === "duplicate") {
      // The same command sent again: same id, same counter, same payload.
      const original = pick(plan.filter((command) => command.kind !== "duplicate"));
      plan.push({ ...original, kind });
      continue;
    }
    const counterId = `counter-${Math.floor(random() * options.streams)}`;
    const by =
      kind === "deciderRejection"
        ? -1 - Math.floor(random() * 10)
        : kind === "failureWithAudit"
          ? MAX_INCREMENT + 1 + Math.floor(random() * 1000)
          : 1 + Math.floor(random() * 10);
    plan.push({
      kind,
      commandId: `cmd-${plan.length}`,
      counterId,
      config: "increment",
      payload: { counterId, by },
      roles: kind === "middlewareRefusal" ? [] : WRITER,
    });
  }
  return plan;
}
