// The reaction: one transaction that moves the lifecycle, runs the pure reaction, sends its
// commands through the orchestrator and stores the new state with a checkpoint. Any failure
// throws, so the commands it already ran roll back with it; the delivery records the failure.
import { isInvalidTransitionError } from "@convex-es/platform-fsm";
import type { GenericDataModel, GenericMutationCtx } from "convex/server";
import { ConvexError } from "convex/values";
import type { PublishedEvent } from "../eventBus/validators.js";
import { isPlainObject } from "../internal/describe.js";
import type { ProcessManagerConfig } from "./config.js";
import { processManagerCommandId } from "./defineProcessManager.js";
import type { ProcessManagerCommand, ProcessManagerReaction } from "./defineProcessManager.js";
import { processManagerError } from "./errors.js";
import { processManagerLifecycle } from "./lifecycle.js";
import type { ProcessManagerStatus } from "./lifecycle.js";
import { findDeadLetter, findInstance, pmWriter } from "./storage.js";
import type { InstanceDoc, ProcessManagerReadCtx } from "./storage.js";
import type { ProcessManagerResult, ReactionArgs } from "./validators.js";

export type ReactionCtx = ProcessManagerReadCtx &
  Pick<GenericMutationCtx<GenericDataModel>, "runQuery" | "runMutation">;

/** The lifecycle's refusal as a ConvexError keeping the FSM's code and message. */
function enterProcessing(name: string, instanceId: string, status: ProcessManagerStatus): void {
  try {
    processManagerLifecycle.assertTransition(status, "processing");
  } catch (error) {
    if (!isInvalidTransitionError(error)) throw error;
    throw new ConvexError({
      code: error.code,
      message: `process manager "${name}" instance "${instanceId}": ${error.message}`,
      processManager: name,
      instanceId,
      from: status,
      to: "processing",
    });
  }
}

function checkHold<TState>(
  config: ProcessManagerConfig<TState>,
  instance: InstanceDoc | null,
  args: ReactionArgs,
): void {
  if (instance?.status !== "failed") return;
  // A failed instance waits: events after the failure are held until it is retried or ignored,
  // and a retry takes the event that failed first.
  if (args.mode === "retry" && instance.failedEventId === args.event.eventId) return;
  throw processManagerError({
    code: "PROCESS_MANAGER_INSTANCE_FAILED",
    message: `instance "${args.instanceId}" of process manager "${config.definition.name}" failed on event "${instance.failedEventId ?? "?"}" (${instance.lastError ?? "no error recorded"}); retry or ignore that dead letter first, this event waits as a dead letter`,
    processManager: config.definition.name,
    instanceId: args.instanceId,
    failedEventId: instance.failedEventId ?? null,
  });
}

function reactPurely<TState>(
  config: ProcessManagerConfig<TState>,
  state: TState,
  args: ReactionArgs,
): { reaction: ProcessManagerReaction<TState>; commands: readonly ProcessManagerCommand[] } {
  const name = config.definition.name;
  let reaction: ProcessManagerReaction<TState>;
  try {
    reaction = config.definition.react(state, args.event as PublishedEvent, {
      instanceId: args.instanceId,
    });
  } catch (error) {
    throw processManagerError({
      code: "PROCESS_MANAGER_REACTION_FAILED",
      message: `process manager "${name}" threw while reacting to ${args.event.eventType} "${args.event.eventId}": ${error instanceof Error ? error.message : String(error)}`,
      processManager: name,
      eventId: args.event.eventId,
    });
  }
  const commands: unknown = (reaction as { commands?: unknown } | undefined)?.commands ?? [];
  const valid =
    isPlainObject(reaction) &&
    Array.isArray(commands) &&
    commands.every((c) => isPlainObject(c) && typeof c.commandType === "string");
  if (!valid) {
    throw processManagerError({
      code: "PROCESS_MANAGER_REACTION_FAILED",
      message: `process manager "${name}" answered ${args.event.eventType} "${args.event.eventId}" with something else than { state, commands?: [{ commandType, payload }], complete? }`,
      processManager: name,
      eventId: args.event.eventId,
    });
  }
  return { reaction, commands: commands as ProcessManagerCommand[] };
}

async function sendCommands<TState>(
  config: ProcessManagerConfig<TState>,
  ctx: ReactionCtx,
  args: ReactionArgs,
  commands: readonly ProcessManagerCommand[],
): Promise<string[]> {
  const name = config.definition.name;
  const { event } = args;
  const commandIds: string[] = [];
  for (const [index, command] of commands.entries()) {
    const commandConfig = config.commands.get(command.commandType);
    if (commandConfig === undefined) {
      throw processManagerError({
        code: "PROCESS_MANAGER_UNKNOWN_COMMAND",
        message: `process manager "${name}" sent ${command.commandType}, which is not among its commands (${[...config.commands.keys()].join(", ") || "none"})`,
        processManager: name,
        commandType: command.commandType,
      });
    }
    const commandId = processManagerCommandId(name, args.instanceId, event.eventId, index);
    const outcome = await config.orchestrator.execute(ctx, commandConfig, {
      commandId,
      // The command continues the event's correlation and is caused by the event.
      correlationId: event.metadata.correlationId,
      causationId: event.eventId,
      caller: config.caller,
      payload: command.payload,
      ...(event.tenantId !== undefined && { tenantId: event.tenantId }),
    });
    if (outcome.status !== "executed") {
      const result = outcome.result as { code?: string; message?: string } | undefined;
      throw processManagerError({
        code: "PROCESS_MANAGER_COMMAND_REFUSED",
        message: `process manager "${name}" sent ${command.commandType} "${commandId}", which was ${outcome.status}${result?.code === undefined ? "" : ` (${result.code}: ${result.message ?? ""})`}; the reaction rolled back`,
        processManager: name,
        commandId,
        commandType: command.commandType,
        outcome: outcome.status,
        refusal: result?.code ?? null,
      });
    }
    commandIds.push(commandId);
  }
  return commandIds;
}

/** `internalMutation(pm.reactMutation())`'s handler. */
export async function runReaction<TState>(
  config: ProcessManagerConfig<TState>,
  ctx: ReactionCtx,
  args: ReactionArgs,
): Promise<ProcessManagerResult> {
  const name = config.definition.name;
  const db = pmWriter(ctx);
  const { event, instanceId } = args;
  const instance = await findInstance(db, name, instanceId);
  checkHold(config, instance, args);
  enterProcessing(name, instanceId, instance?.status ?? processManagerLifecycle.initial);

  const state = instance === null ? config.definition.initialState : (instance.state as TState);
  const { reaction, commands } = reactPurely(config, state, args);
  const commandIds = await sendCommands(config, ctx, args, commands);

  const lifecycle = processManagerLifecycle.transition(
    "processing",
    reaction.complete === true ? "completed" : "idle",
  );
  const now = config.now();
  const position = event.globalPosition;
  const fields = {
    status: lifecycle,
    state: reaction.state,
    eventsHandled: (instance?.eventsHandled ?? 0) + 1,
    lastEventId: event.eventId,
    ...(position !== undefined && {
      lastGlobalPosition: Math.max(position, instance?.lastGlobalPosition ?? position),
    }),
    failedEventId: undefined,
    lastError: undefined,
    updatedAt: now,
    ...(lifecycle === "completed" && { completedAt: now }),
  };
  if (instance === null) {
    await db.insert("processManagerInstances", {
      processManager: name,
      instanceId,
      createdAt: now,
      ...fields,
    });
  } else {
    await db.patch("processManagerInstances", instance._id, fields);
  }
  await db.insert("processManagerCheckpoints", {
    processManager: name,
    instanceId,
    eventId: event.eventId,
    ...(position !== undefined && { globalPosition: position }),
    commandIds,
    handledAt: now,
  });
  if (args.mode === "retry") {
    const deadLetter = await findDeadLetter(db, name, event.eventId);
    if (deadLetter !== null) {
      await db.patch("processManagerDeadLetters", deadLetter._id, {
        status: "resolved",
        resolvedAt: now,
        updatedAt: now,
      });
    }
  }
  return { status: "handled", instanceId, lifecycle, commandIds };
}
