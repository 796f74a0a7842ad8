/**
 * Thrown by the testing DSL when the decider did not do what the spec expected. The message
 * names the assertion and lists one difference per line; `differences` holds the same lines.
 */
export class DeciderSpecError extends Error {
  override readonly name = "DeciderSpecError";
  readonly code = "DECIDER_SPEC_MISMATCH";
  readonly differences: readonly string[];

  constructor(summary: string, differences: readonly string[] = [], options?: ErrorOptions) {
    super([summary, ...differences.map((line) => `  ${line}`)].join("\n"), options);
    this.differences = differences;
  }
}

/** True for a `DeciderSpecError`, checked by shape so it works across package copies. */
export function isDeciderSpecError(error: unknown): error is DeciderSpecError {
  return (
    error instanceof Error &&
    error.name === "DeciderSpecError" &&
    (error as { code?: unknown }).code === "DECIDER_SPEC_MISMATCH"
  );
}
