import { DeciderError } from "./errors.js";
import type { DeciderFailed, DeciderOutput, DeciderRejected, DeciderSuccess } from "./output.js";

/** One handler per outcome; all three are required. */
export type OutputHandlers<TEvent, TData, TStateUpdate, TResult> = {
  readonly success: (output: DeciderSuccess<TEvent, TData, TStateUpdate>) => TResult;
  readonly rejected: (output: DeciderRejected) => TResult;
  readonly failed: (output: DeciderFailed<TEvent>) => TResult;
};

/**
 * Folds an output into one value, calling the handler for its outcome.
 *
 * @example
 * const status = matchOutput(output, {
 *   success: () => "executed",
 *   rejected: (r) => `rejected:${r.code}`,
 *   failed: (f) => `failed:${f.reason}`,
 * });
 */
export function matchOutput<TEvent, TData, TStateUpdate, TResult>(
  output: DeciderOutput<TEvent, TData, TStateUpdate>,
  handlers: OutputHandlers<TEvent, TData, TStateUpdate, TResult>,
): TResult {
  switch (output.status) {
    case "success":
      return handlers.success(output);
    case "rejected":
      return handlers.rejected(output);
    case "failed":
      return handlers.failed(output);
    default: {
      const unknown: never = output;
      const status = (unknown as { status?: unknown }).status;
      throw new DeciderError(
        "UNKNOWN_OUTPUT_STATUS",
        `Unknown decider output status ${JSON.stringify(status)}: expected "success", "rejected" or "failed"`,
        { status },
      );
    }
  }
}
