// Command requests for the tests: small, readable defaults with per-test overrides.
import type { RecordCommandArgs } from "../../src/client/index.js";

/** A SubmitOrder command of the orders context; override any part. */
export function command(overrides: Partial<RecordCommandArgs> = {}): RecordCommandArgs {
  return {
    commandId: "cmd-1",
    commandType: "SubmitOrder",
    boundedContext: "orders",
    correlationId: "corr-1",
    ...overrides,
  };
}

/** What a command's caller sends to the idempotency check. */
export function identity(args: RecordCommandArgs) {
  const { commandId, commandType, boundedContext, payloadHash } = args;
  return { commandId, commandType, boundedContext, ...(payloadHash ? { payloadHash } : {}) };
}

/** Runs `fn` and returns what it rejected with; fails if it resolved. */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to fail, but it resolved");
}
