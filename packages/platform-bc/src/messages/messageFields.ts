import type { DefinitionChecker } from "../internal/checker.js";

/** The name of the bounded context a message belongs to, checked as the identity's name is. */
export function checkBoundedContext(checker: DefinitionChecker, field: string): void {
  checker.name(field, { style: "camelCase", example: "orders" });
}

/** `command "SubmitOrder"`, or just `command` when the name is not a usable string. */
export function messageLabel(kind: string, input: unknown, field: string): string {
  const name = (input as Record<string, unknown> | null | undefined)?.[field];
  return typeof name === "string" && name.length > 0 ? `${kind} ${JSON.stringify(name)}` : kind;
}
