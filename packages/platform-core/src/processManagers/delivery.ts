// The committing side of a process manager: the subscriber handler and the operator's retry run
// the reaction as a nested mutation and, when it throws (its commands rolled back), record the
// failure (dead letter, failed lifecycle) in their own transaction, which commits.
import type { GenericDataModel, GenericMutationCtx } from "convex/server";
import type { PublishedEvent, SubscriberArgs } from "../eventBus/validators.js";
import { errorText } from "../eventBus/storage.js";
import type { ProcessManagerConfig } from "./config.js";
import { processManagerError } from "./errors.js";
import { processManagerLifecycle } from "./lifecycle.js";
import { findCheckpoint, findDeadLetter, findInstance, pmWriter } from "./storage.js";
import type { DeadLetterDoc, ProcessManagerReadCtx } from "./storage.js";
import type { ProcessManagerResult } from "./validators.js";

export type ProcessManagerWriteCtx = ProcessManagerReadCtx &
  Pick<GenericMutationCtx<GenericDataModel>, "runQuery" | "runMutation">;

/** The code and message of what a reaction threw. */
function failureOf(error: unknown): { code: string; message: string } {
  const data = (error as { data?: unknown } | null)?.data;
  if (typeof data === "object" && data !== null) {
    const { code, message } = data as { code?: unknown; message?: unknown };
    if (typeof code === "string" && typeof message === "string") return { code, message };
  }
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === "string" ? code : "PROCESS_MANAGER_REACTION_FAILED",
    message: errorText(error),
  };
}

/**
 * Records a failed handling: the dead letter (new, or one more attempt of a retried one) and,
 * for an idle or new instance, the lifecycle's way to failed (processing, then failed). A failed
 * instance stays failed on its first failure; a completed one stays completed.
 */
async function recordFailure<TState>(
  config: ProcessManagerConfig<TState>,
  ctx: ProcessManagerWriteCtx,
  event: PublishedEvent,
  instanceId: string | undefined,
  failure: { code: string; message: string },
  existing: DeadLetterDoc | null,
): Promise<ProcessManagerResult> {
  const name = config.definition.name;
  const db = pmWriter(ctx);
  const now = config.now();
  if (instanceId !== undefined) {
    const instance = await findInstance(db, name, instanceId);
    const status = instance?.status ?? processManagerLifecycle.initial;
    if (status === "idle") {
      processManagerLifecycle.assertTransition(status, "processing");
      const failed = processManagerLifecycle.transition("processing", "failed");
      const fields = {
        status: failed,
        failedEventId: event.eventId,
        lastError: `${failure.code}: ${failure.message}`,
        updatedAt: now,
      };
      if (instance === null) {
        await db.insert("processManagerInstances", {
          processManager: name,
          instanceId,
          state: config.definition.initialState,
          eventsHandled: 0,
          createdAt: now,
          ...fields,
        });
      } else {
        await db.patch("processManagerInstances", instance._id, fields);
      }
    }
  }
  if (existing === null) {
    await db.insert("processManagerDeadLetters", {
      processManager: name,
      eventId: event.eventId,
      ...(instanceId !== undefined && { instanceId }),
      event,
      ...failure,
      status: "pending",
      attempts: 1,
      createdAt: now,
      updatedAt: now,
    });
  } else {
    await db.patch("processManagerDeadLetters", existing._id, {
      ...failure,
      attempts: existing.attempts + 1,
      updatedAt: now,
    });
  }
  config.logger?.error("process manager event dead-lettered", {
    processManager: name,
    instanceId,
    eventId: event.eventId,
    code: failure.code,
    message: failure.message,
  });
  return { status: "dead_lettered", ...(instanceId !== undefined && { instanceId }), ...failure };
}

function resolveInstanceId<TState>(
  config: ProcessManagerConfig<TState>,
  event: PublishedEvent,
): string | { code: string; message: string } {
  try {
    const instanceId = config.definition.instanceIdOf(event);
    if (typeof instanceId === "string" && instanceId.length > 0) return instanceId;
    throw new Error(
      `instanceIdOf answered ${JSON.stringify(instanceId) ?? "undefined"}, not a non-empty string`,
    );
  } catch (error) {
    return {
      code: "PROCESS_MANAGER_INSTANCE_UNRESOLVED",
      message: `process manager "${config.definition.name}" found no instance for ${event.eventType} "${event.eventId}": ${errorText(error)}`,
    };
  }
}

/** `internalMutation(pm.handleMutation())`'s handler: what the event bus delivers to. */
export async function handleEvent<TState>(
  config: ProcessManagerConfig<TState>,
  ctx: ProcessManagerWriteCtx,
  { event }: SubscriberArgs,
): Promise<ProcessManagerResult> {
  const name = config.definition.name;
  const db = pmWriter(ctx);
  const instanceId = resolveInstanceId(config, event);
  const deadLetter = await findDeadLetter(db, name, event.eventId);
  if (deadLetter !== null && deadLetter.status !== "resolved") {
    // Waiting for (or dismissed by) an operator: only a retry runs it again.
    return {
      status: "dead_lettered",
      ...(deadLetter.instanceId !== undefined && { instanceId: deadLetter.instanceId }),
      code: deadLetter.code,
      message: deadLetter.message,
    };
  }
  if (typeof instanceId !== "string") {
    return await recordFailure(config, ctx, event, undefined, instanceId, deadLetter);
  }
  const checkpoint = await findCheckpoint(db, name, instanceId, event.eventId);
  if (checkpoint !== null) {
    return { status: "duplicate", instanceId, commandIds: checkpoint.commandIds };
  }
  try {
    return await ctx.runMutation(config.functions.react, { event, instanceId, mode: "deliver" });
  } catch (error) {
    return await recordFailure(config, ctx, event, instanceId, failureOf(error), null);
  }
}

async function requirePending<TState>(
  config: ProcessManagerConfig<TState>,
  ctx: ProcessManagerReadCtx,
  eventId: string,
): Promise<DeadLetterDoc> {
  const name = config.definition.name;
  const deadLetter = await findDeadLetter(pmWriter(ctx), name, eventId);
  if (deadLetter === null) {
    throw processManagerError({
      code: "PROCESS_MANAGER_DEAD_LETTER_NOT_FOUND",
      message: `process manager "${name}" has no dead letter for event "${eventId}"`,
      processManager: name,
      eventId,
    });
  }
  if (deadLetter.status !== "pending") {
    throw processManagerError({
      code: "PROCESS_MANAGER_DEAD_LETTER_NOT_PENDING",
      message: `the dead letter of event "${eventId}" in process manager "${name}" is ${deadLetter.status}; only a pending one can be retried or ignored`,
      processManager: name,
      eventId,
      status: deadLetter.status,
    });
  }
  return deadLetter;
}

/** Handles a dead-lettered event again; a new failure counts one more attempt on it. */
export async function retryDeadLetter<TState>(
  config: ProcessManagerConfig<TState>,
  ctx: ProcessManagerWriteCtx,
  eventId: string,
): Promise<ProcessManagerResult> {
  const deadLetter = await requirePending(config, ctx, eventId);
  const event = deadLetter.event;
  const instanceId = resolveInstanceId(config, event);
  if (typeof instanceId !== "string") {
    return await recordFailure(config, ctx, event, undefined, instanceId, deadLetter);
  }
  try {
    return await ctx.runMutation(config.functions.react, { event, instanceId, mode: "retry" });
  } catch (error) {
    return await recordFailure(config, ctx, event, instanceId, failureOf(error), deadLetter);
  }
}

/**
 * Gives a dead-lettered event up. If its instance failed on it, the instance resumes (failed,
 * processing, idle) with the state it had: the events held behind it can then be retried.
 */
export async function ignoreDeadLetter<TState>(
  config: ProcessManagerConfig<TState>,
  ctx: ProcessManagerReadCtx,
  eventId: string,
  reason: string,
): Promise<void> {
  if (reason.trim().length === 0) {
    throw processManagerError({
      code: "INVALID_ARGUMENT",
      message: "reason must say why the event is ignored (got an empty string)",
      processManager: config.definition.name,
    });
  }
  const deadLetter = await requirePending(config, ctx, eventId);
  const db = pmWriter(ctx);
  const now = config.now();
  await db.patch("processManagerDeadLetters", deadLetter._id, {
    status: "ignored",
    ignoredReason: reason,
    updatedAt: now,
  });
  if (deadLetter.instanceId === undefined) return;
  const instance = await findInstance(db, config.definition.name, deadLetter.instanceId);
  if (instance?.status !== "failed" || instance.failedEventId !== eventId) return;
  const resumed = processManagerLifecycle.transition(
    processManagerLifecycle.transition(instance.status, "processing"),
    "idle",
  );
  await db.patch("processManagerInstances", instance._id, {
    status: resumed,
    failedEventId: undefined,
    lastError: undefined,
    updatedAt: now,
  });
}
