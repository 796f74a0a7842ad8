import { isInvalidTransitionError } from "@convex-es/platform-fsm";
import { COMMAND_NOT_FOUND, INVALID_STATUS_TRANSITION } from "./errors.js";
import { commandLifecycle } from "./lifecycle.js";
import type { CommandStatus, FinalCommandStatus, UpdateCommandResultResult } from "./types.js";

type Refusal = Extract<UpdateCommandResultResult, { ok: false }>;

/**
 * Why `current -> requested` may not happen, as the value `updateCommandResult` returns, or null
 * when the lifecycle allows it. The message names both statuses.
 */
export function transitionRefusal(
  commandId: string,
  current: CommandStatus,
  requested: FinalCommandStatus,
): Refusal | null {
  try {
    commandLifecycle.assertTransition(current, requested);
    return null;
  } catch (error) {
    if (!isInvalidTransitionError(error)) throw error;
    return {
      ok: false,
      code: INVALID_STATUS_TRANSITION,
      message:
        `command "${commandId}" cannot change from status "${current}" to "${requested}": ` +
        `only a pending command takes a final status, once (${error.message})`,
      commandId,
      currentStatus: current,
      requestedStatus: requested,
    };
  }
}

/** The value `updateCommandResult` returns for an unknown command id. */
export function commandNotFound(commandId: string): Refusal {
  return {
    ok: false,
    code: COMMAND_NOT_FOUND,
    message:
      `no command is recorded under commandId "${commandId}"; record it with recordCommand ` +
      `before updating its result (records are deleted after their TTL)`,
    commandId,
  };
}
