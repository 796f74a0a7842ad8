import type { DeciderOutput } from "../output.js";
import { isRejectionCode } from "../rejectionCode.js";

/** An outcome as one string, the form a Gherkin Examples table can hold. */
export type DeciderOutcome = "success" | "failed" | `rejected:${string}`;

/**
 * `"success"`, `"rejected:<CODE>"` or `"failed"`.
 *
 * @example
 * expect(outcomeOf(output)).toBe("rejected:ORDER_NOT_DRAFT");
 */
export function outcomeOf(output: DeciderOutput<unknown>): DeciderOutcome {
  return output.status === "rejected" ? `rejected:${output.code}` : output.status;
}

/** Reads an outcome string; undefined when it is not one of the three forms. */
export function parseOutcome(text: string): DeciderOutcome | undefined {
  if (text === "success" || text === "failed") return text;
  const match = /^rejected:(.*)$/.exec(text);
  return match?.[1] !== undefined && isRejectionCode(match[1]) ? `rejected:${match[1]}` : undefined;
}
