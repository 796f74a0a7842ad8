import type { AnyEvent } from "../messages.js";
import type { DeciderOutput } from "../output.js";

/** One line saying what a decision did, for "expected X, received Y" messages. */
export function describeOutput(output: DeciderOutput<AnyEvent>): string {
  switch (output.status) {
    case "success":
      return `success with ${output.events.length} event(s) [${output.events.map((e) => e.type).join(", ")}]`;
    case "rejected":
      return `rejected ${output.code} (${JSON.stringify(output.message)})`;
    case "failed": {
      const audit = output.event === undefined ? "" : ` with audit event ${output.event.type}`;
      return `failed (${JSON.stringify(output.reason)})${audit}`;
    }
    default: {
      const unknown: never = output;
      return `an output with unknown status ${JSON.stringify((unknown as { status?: unknown }).status)}`;
    }
  }
}

/** One line naming a thrown value, with its stable code when it has one. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `an exception ${String(error)}`;
  const code = (error as { code?: unknown }).code;
  const label = typeof code === "string" ? `${error.name} ${code}` : error.name;
  return `an exception ${label} (${JSON.stringify(error.message)})`;
}
