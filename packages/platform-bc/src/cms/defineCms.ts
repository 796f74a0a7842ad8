import { DefinitionChecker } from "../internal/checker.js";
import { checkUpcasters } from "../internal/upcastChain.js";
import type { Upcaster, UpcasterChain } from "../internal/upcastChain.js";

/** Every stored CMS document carries the schema version it was written at. */
export interface VersionedState {
  readonly stateVersion: number;
}

/**
 * A CMS (command model state) table: the aggregate snapshot a dual-write handler reads and
 * updates atomically with its events. `currentVersion` is the schema version new snapshots are
 * written at; `upcasters` bring older stored snapshots forward one version at a time.
 * `TState` is the current shape, without `stateVersion`.
 */
export interface CMSDefinition<TState extends object = Record<string, unknown>> {
  readonly kind: "cms";
  readonly cmsType: string;
  readonly currentVersion: number;
  readonly upcasters: UpcasterChain;
  readonly description: string | undefined;
  /** Type-only marker of the current state shape; always undefined at run time. */
  readonly __state?: TState;
}

/** What `defineCMS` takes. */
export interface CMSDefinitionInput {
  readonly cmsType: string;
  readonly currentVersion: number;
  /** `{ 1: (v1) => v2, 2: (v2) => v3 }`: one function for every version below the current. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
  readonly description?: string;
}

const CMS_FIELDS = ["cmsType", "currentVersion", "upcasters", "description"] as const;

/**
 * Validates and freezes a CMS definition. The upcaster chain must be complete: a definition at
 * `currentVersion: 3` needs upcasters `1` and `2`, or it is refused with
 * `CMS_UPCASTER_CHAIN_GAP`; keys outside `1..currentVersion - 1` and non-functions are refused
 * with `INVALID_UPCASTER`. Upcasters must be pure; `stateVersion` is set by `upcastCMS`.
 *
 * @example
 * type OrderCMS = { orderId: string; status: string; totalCents: number };
 * export const orderCMS = defineCMS<OrderCMS>({
 *   cmsType: "orderCMS",
 *   currentVersion: 2,
 *   upcasters: { 1: (v1) => ({ ...v1, totalCents: Math.round(v1.total * 100) }) },
 * });
 */
export function defineCMS<TState extends object = Record<string, unknown>>(
  definition: CMSDefinitionInput,
): CMSDefinition<TState> {
  const input: unknown = definition;
  const name = (input as { cmsType?: unknown } | null)?.cmsType;
  const label = typeof name === "string" && name.length > 0 ? `CMS ${JSON.stringify(name)}` : "CMS";
  const checker = DefinitionChecker.of(label, input, CMS_FIELDS);
  checker.name("cmsType", { style: "camelCase", example: "orderCMS" });
  const currentVersion = checker.positiveInteger("currentVersion");
  const upcasters = checkUpcasters(
    checker,
    "currentVersion",
    currentVersion,
    "CMS_UPCASTER_CHAIN_GAP",
  );
  const description = checker.description("description", true);
  checker.throwIfAny(label);
  return Object.freeze({
    kind: "cms",
    cmsType: definition.cmsType,
    currentVersion: definition.currentVersion,
    upcasters: upcasters ?? Object.freeze({}),
    description,
  });
}
