import type { CheckCommandResult } from "@convex-es/platform-bus";
import type { DeciderRejected } from "@convex-es/platform-decider";
import { orchestratorError } from "./errors.js";
import type { CommandOutcome, ExecutedResult, RefusedResult } from "./types.js";

/** What the middleware-wrapped part (steps 3-5) answers; `after` hooks observe it. */
export type Decided =
  | { readonly status: "success"; readonly eventIds: string[]; readonly result: ExecutedResult }
  | { readonly status: "rejected"; readonly code: string; readonly result: RefusedResult }
  | {
      readonly status: "failed";
      readonly reason: string;
      readonly eventIds: string[];
      readonly result: RefusedResult;
    };

/** The outcome of a known commandId: its stored result, or COMMAND_ID_REUSED for another command. */
export function fromDuplicate(check: Exclude<CheckCommandResult, { isNew: true }>): CommandOutcome {
  if ("conflict" in check) {
    throw orchestratorError({
      code: "COMMAND_ID_REUSED",
      message: check.message,
      commandId: check.commandId,
      mismatch: check.mismatch,
    });
  }
  return {
    status: check.status,
    commandId: check.commandId,
    result: check.result,
    eventIds: check.eventIds,
    duplicate: true,
  } as CommandOutcome;
}

/** The outcome `execute` returns and records for what the handler and middleware decided. */
export function toOutcome(commandId: string, decided: Decided | DeciderRejected): CommandOutcome {
  if (decided.status === "success") {
    return {
      status: "executed",
      commandId,
      result: decided.result,
      eventIds: decided.eventIds,
      duplicate: false,
    };
  }
  if (decided.status === "failed") {
    return {
      status: "failed",
      commandId,
      result: decided.result,
      eventIds: decided.eventIds,
      duplicate: false,
    };
  }
  // A middleware's early exit is a DeciderRejected without `result`.
  const result: RefusedResult =
    "result" in decided
      ? (decided.result as RefusedResult)
      : {
          code: decided.code,
          message: decided.message,
          ...(decided.context !== undefined && { context: decided.context }),
        };
  return { status: "rejected", commandId, result, eventIds: [], duplicate: false };
}
