import type { CommandDefinition } from "@convex-es/platform-bc";
import type { FunctionReference } from "convex/server";
import type { CoreProblem } from "../errors/coreError.js";
import { CoreError } from "../errors/coreError.js";
import type { SubscriberArgs } from "../eventBus/validators.js";
import type { Logger } from "../logging/createLogger.js";
import type { CallerIdentity } from "../middleware/types.js";
import type { CommandOrchestrator } from "../orchestrator/commandOrchestrator.js";
import type { OrchestratedCommandConfig } from "../orchestrator/types.js";
import { defineProcessManager } from "./defineProcessManager.js";
import type { ProcessManagerDefinition } from "./defineProcessManager.js";
import type { ProcessManagerResult, ReactionArgs } from "./validators.js";

/**
 * The process manager's app functions, made with its factories and exported from one module, so
 * `functions: internal.<module>` fits.
 */
export interface ProcessManagerFunctions {
  /** The subscriber handler: checkpoint, then the reaction; a failed reaction is dead-lettered. */
  readonly handle: FunctionReference<
    "mutation",
    "public" | "internal",
    SubscriberArgs,
    ProcessManagerResult
  >;
  /** The reaction: lifecycle, commands, state and checkpoint in one transaction that may roll back. */
  readonly react: FunctionReference<
    "mutation",
    "public" | "internal",
    ReactionArgs,
    ProcessManagerResult
  >;
}

export interface ProcessManagerOptions {
  /** Runs the commands the reactions send, in the reaction's transaction. */
  readonly orchestrator: Pick<CommandOrchestrator, "execute">;
  /** The commands reactions may send, by commandType. */
  readonly commands: Readonly<Record<string, OrchestratedCommandConfig<CommandDefinition>>>;
  readonly functions: ProcessManagerFunctions;
  /** Who sends the commands (middleware sees it); default `{ userId: "processManager:<name>" }`. */
  readonly caller?: CallerIdentity | null;
  /** The clock of the rows' timestamps; default `Date.now`. */
  readonly now?: () => number;
  /** Dead letters are logged at ERROR. */
  readonly logger?: Logger;
}

/** The checked options the process manager's modules share. */
export interface ProcessManagerConfig<TState> {
  readonly definition: ProcessManagerDefinition<TState>;
  readonly commands: ReadonlyMap<string, OrchestratedCommandConfig<CommandDefinition>>;
  readonly orchestrator: Pick<CommandOrchestrator, "execute">;
  readonly functions: ProcessManagerFunctions;
  readonly caller: CallerIdentity | null;
  readonly now: () => number;
  readonly logger: Logger | undefined;
}

export function resolveProcessManagerOptions<TState>(
  definition: ProcessManagerDefinition<TState>,
  options: ProcessManagerOptions,
): ProcessManagerConfig<TState> {
  const checked = defineProcessManager(definition);
  const label = `process manager "${checked.name}"`;
  const problems: CoreProblem[] = [];
  const commands = new Map<string, OrchestratedCommandConfig<CommandDefinition>>();
  for (const [commandType, config] of Object.entries(options.commands ?? {})) {
    if (config?.definition?.commandType !== commandType) {
      problems.push({
        code: "INVALID_PROCESS_MANAGER",
        message: `${label}: commands["${commandType}"] runs ${String(config?.definition?.commandType)}; each command is listed under its own commandType`,
      });
      continue;
    }
    commands.set(commandType, config);
  }
  if (options.orchestrator === undefined) {
    problems.push({
      code: "INVALID_PROCESS_MANAGER",
      message: `${label}: orchestrator is required to send commands`,
    });
  }
  if (options.functions?.handle === undefined || options.functions?.react === undefined) {
    problems.push({
      code: "INVALID_PROCESS_MANAGER",
      message: `${label}: functions needs handle and react (made with handleMutation() and reactMutation()), e.g. internal.<module>`,
    });
  }
  const [first, ...rest] = problems;
  if (first !== undefined) throw new CoreError([first, ...rest], label);
  return {
    definition: checked,
    commands,
    orchestrator: options.orchestrator,
    functions: options.functions,
    caller:
      options.caller === undefined ? { userId: `processManager:${checked.name}` } : options.caller,
    now: options.now ?? Date.now,
    logger: options.logger,
  };
}
