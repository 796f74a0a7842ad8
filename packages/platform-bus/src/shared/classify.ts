// What a request for a known commandId means: the same command sent again (a duplicate: answer
// with what was stored) or a different command under a used id (a conflict: never answer with
// the other command's result). Pure, so the component and its tests share one rule.
import { COMMAND_ID_REUSED } from "./errors.js";
import type {
  CommandIdMismatch,
  CommandIdReused,
  CommandRecord,
  DuplicateCommand,
} from "./types.js";

/** The parts of a request compared with the command recorded under its id. */
export type CommandRequest = {
  commandId: string;
  commandType: string;
  boundedContext: string;
  payloadHash?: string;
};

/**
 * A duplicate when the request names the same command type and bounded context, and the same
 * payload hash when both sides have one; a COMMAND_ID_REUSED conflict otherwise.
 */
export function classifyKnownCommand(
  existing: CommandRecord,
  request: CommandRequest,
): DuplicateCommand | CommandIdReused {
  const mismatch = mismatches(existing, request);
  if (mismatch.length > 0) {
    return {
      isNew: false,
      commandId: existing.commandId,
      conflict: COMMAND_ID_REUSED,
      message: reusedMessage(existing, request, mismatch),
      mismatch,
      existing: {
        commandType: existing.commandType,
        boundedContext: existing.boundedContext,
        ...(existing.payloadHash === undefined ? {} : { payloadHash: existing.payloadHash }),
      },
    };
  }
  return {
    isNew: false,
    commandId: existing.commandId,
    status: existing.status,
    ...(existing.result === undefined ? {} : { result: existing.result }),
    eventIds: existing.eventIds,
    createdAt: existing.createdAt,
    ...(existing.completedAt === undefined ? {} : { completedAt: existing.completedAt }),
  };
}

function mismatches(existing: CommandRecord, request: CommandRequest): CommandIdMismatch[] {
  const found: CommandIdMismatch[] = [];
  if (existing.commandType !== request.commandType) found.push("commandType");
  if (existing.boundedContext !== request.boundedContext) found.push("boundedContext");
  if (
    existing.payloadHash !== undefined &&
    request.payloadHash !== undefined &&
    existing.payloadHash !== request.payloadHash
  ) {
    found.push("payloadHash");
  }
  return found;
}

function reusedMessage(
  existing: CommandRecord,
  request: CommandRequest,
  mismatch: readonly CommandIdMismatch[],
): string {
  const differences = mismatch.map((field) => {
    const recorded = existing[field] ?? "";
    const sent = request[field] ?? "";
    return `${field} "${sent}" (recorded: "${recorded}")`;
  });
  return (
    `commandId "${existing.commandId}" is already recorded for a different command: ` +
    `${differences.join(", ")}. A commandId names exactly one command: resend the same ` +
    `command to get its stored result, or use a new commandId for a new command`
  );
}
