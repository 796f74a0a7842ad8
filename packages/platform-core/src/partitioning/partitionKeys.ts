import { fail } from "../errors/coreError.js";
import { describeValue, isCamelCase } from "../internal/describe.js";

/** How a projection's events are split into independently ordered partitions. */
export const PARTITION_STRATEGIES = ["stream", "entity", "tenant", "global"] as const;

export type PartitionStrategy = (typeof PARTITION_STRATEGIES)[number];

/**
 * One partition of a projection. `name` is the strategy; `value` identifies the partition and
 * is unique across strategies: `stream:<streamId>`, `entity:<type>:<id>`, `tenant:<tenantId>`,
 * or `global`. The projection runtime keeps one checkpoint per (projection, value).
 */
export interface PartitionKey {
  readonly name: PartitionStrategy;
  readonly value: string;
}

/** A partition key read back from its value. */
export type ParsedPartitionKey =
  | { readonly strategy: "stream"; readonly streamId: string }
  | { readonly strategy: "entity"; readonly entityType: string; readonly entityId: string }
  | { readonly strategy: "tenant"; readonly tenantId: string }
  | { readonly strategy: "global" };

function part(what: string, value: unknown): string {
  if (typeof value === "string" && value.length > 0) return value;
  return fail(
    "INVALID_PARTITION_KEY",
    `${what} must be a non-empty string (got ${describeValue(value)})`,
  );
}

const key = (name: PartitionStrategy, value: string): PartitionKey =>
  Object.freeze({ name, value });

/** Every event of one stream, in stream order: `stream:order-1`. The default for entity views. */
export function byStream(streamId: string): PartitionKey {
  return key("stream", `stream:${part("byStream: streamId", streamId)}`);
}

/**
 * Every event about one entity, across the streams (and contexts) that mention it:
 * `entity:order:o-1`. The type is camelCase, so the value parses back unambiguously.
 */
export function byEntity(entityType: string, entityId: string): PartitionKey {
  const type = part("byEntity: entityType", entityType);
  if (!isCamelCase(type)) {
    fail(
      "INVALID_PARTITION_KEY",
      `byEntity: entityType must be camelCase such as "order" (got ${describeValue(type)})`,
    );
  }
  return key("entity", `entity:${type}:${part("byEntity: entityId", entityId)}`);
}

/** Every event of one tenant, in one order: `tenant:acme`. For per-tenant rollups. */
export function byTenant(tenantId: string): PartitionKey {
  return key("tenant", `tenant:${part("byTenant: tenantId", tenantId)}`);
}

/** The single partition of a projection that needs one total order (global rollups). */
export const GLOBAL_PARTITION_KEY: PartitionKey = key("global", "global");

/** The single partition: `global`. Such a projection runs one job at a time. */
export function global(): PartitionKey {
  return GLOBAL_PARTITION_KEY;
}

/** True for a `{ name, value }` whose value parses and agrees with its name. */
export function isPartitionKey(value: unknown): value is PartitionKey {
  if (typeof value !== "object" || value === null) return false;
  const { name, value: text } = value as { name?: unknown; value?: unknown };
  if (typeof text !== "string") return false;
  const parsed = tryParse(text);
  return parsed !== undefined && parsed.strategy === name;
}

function tryParse(value: string): ParsedPartitionKey | undefined {
  if (value === "global") return { strategy: "global" };
  const colon = value.indexOf(":");
  const head = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (colon < 0 || rest === "") return undefined;
  if (head === "stream") return { strategy: "stream", streamId: rest };
  if (head === "tenant") return { strategy: "tenant", tenantId: rest };
  if (head !== "entity") return undefined;
  const split = rest.indexOf(":");
  const entityType = rest.slice(0, split);
  const entityId = rest.slice(split + 1);
  if (split < 0 || !isCamelCase(entityType) || entityId === "") return undefined;
  return { strategy: "entity", entityType, entityId };
}

/**
 * Reads a partition value back (`"entity:order:o-1"` -> `{ strategy: "entity", entityType:
 * "order", entityId: "o-1" }`), so the projection runtime knows which events a partition holds.
 * Ids may contain ":"; everything after the prefix belongs to them.
 */
export function parsePartitionKey(value: string | PartitionKey): ParsedPartitionKey {
  const text = typeof value === "string" ? value : value?.value;
  const parsed = typeof text === "string" ? tryParse(text) : undefined;
  if (parsed !== undefined) return Object.freeze(parsed);
  return fail(
    "INVALID_PARTITION_KEY",
    `partition value must be "stream:<streamId>", "entity:<type>:<id>", "tenant:<tenantId>" or "global" (got ${describeValue(text)})`,
  );
}
