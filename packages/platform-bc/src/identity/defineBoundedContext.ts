import type { DefinitionChecker } from "../internal/checker.js";
import { DefinitionChecker as Checker } from "../internal/checker.js";

/**
 * Who a bounded context is. `name` is the camelCase identifier the context is known by (its
 * Convex component name, the `boundedContext` of its messages); `streamTypePrefix` is the
 * PascalCase prefix of the event-store stream types it owns ("Order" for "Order-123" streams).
 */
export interface BoundedContextIdentity<TName extends string = string> {
  readonly name: TName;
  readonly description: string;
  /** Version of the context's public contract; a positive integer, bumped on breaking change. */
  readonly version: number;
  readonly streamTypePrefix: string;
}

export const IDENTITY_FIELDS = ["name", "description", "version", "streamTypePrefix"] as const;

/** Checks the identity fields of `checker`'s record; true when all are valid. */
export function checkIdentity(checker: DefinitionChecker): boolean {
  const before = checker.problemCount;
  checker.name("name", { style: "camelCase", example: "orders" });
  checker.description("description", false);
  checker.positiveInteger("version");
  checker.name("streamTypePrefix", { style: "PascalCase", example: "Order" });
  return checker.problemCount === before;
}

export function identityLabel(name: unknown): string {
  return typeof name === "string" && name.length > 0
    ? `bounded context ${JSON.stringify(name)}`
    : "bounded context";
}

/**
 * Validates and freezes the identity of a bounded context. Refused with a
 * `BoundedContextDefinitionError` listing every malformed field.
 *
 * @example
 * export const ordersContext = defineBoundedContext({
 *   name: "orders",
 *   description: "Order lifecycle from draft to confirmation",
 *   version: 1,
 *   streamTypePrefix: "Order",
 * });
 */
export function defineBoundedContext<const TName extends string>(
  identity: BoundedContextIdentity<TName>,
): BoundedContextIdentity<TName> {
  const input: unknown = identity;
  const label = identityLabel((input as { name?: unknown } | null)?.name);
  const checker = Checker.of(label, input, IDENTITY_FIELDS);
  checkIdentity(checker);
  checker.throwIfAny(label);
  return Object.freeze({
    name: identity.name,
    description: identity.description,
    version: identity.version,
    streamTypePrefix: identity.streamTypePrefix,
  });
}
