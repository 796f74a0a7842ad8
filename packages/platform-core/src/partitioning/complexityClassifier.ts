import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue, isPlainObject, quoteList } from "../internal/describe.js";
import { RECOMMENDED_PARALLELISM } from "./parallelism.js";
import type { PartitionStrategy } from "./partitionKeys.js";

export const PROJECTION_COMPLEXITIES = ["simple", "medium", "complex", "very-complex"] as const;
export type ProjectionComplexity = (typeof PROJECTION_COMPLEXITIES)[number];

/** Events per replay or catch-up chunk, so that one chunk stays well inside a mutation's limits. */
export const CHUNK_SIZES: Readonly<Record<ProjectionComplexity, number>> = Object.freeze({
  simple: 100,
  medium: 50,
  complex: 25,
  "very-complex": 10,
});

/** The order a projection needs its events in. */
export const PROJECTION_ORDERINGS = [
  "none",
  "per-stream",
  "per-entity",
  "per-tenant",
  "global",
] as const;
export type ProjectionOrdering = (typeof PROJECTION_ORDERINGS)[number];

/** What the classifier looks at. */
export interface ProjectionProfile {
  /** How many event types the projection subscribes to (at least 1). */
  readonly eventTypes: number;
  /** How many tables it writes per event (at least 1). */
  readonly tables: number;
  /** True when it joins data from other bounded contexts. */
  readonly crossContext: boolean;
  /** True when handling an event reads something outside the database (an action, an API). */
  readonly externalLookups: boolean;
  readonly ordering: ProjectionOrdering;
}

export interface ProjectionClassification {
  readonly complexity: ProjectionComplexity;
  readonly strategy: PartitionStrategy;
  readonly chunkSize: number;
  readonly maxParallelism: number;
  /** One sentence per decision, in order: complexity, event types, strategy. */
  readonly rationale: readonly string[];
}

const FIELDS = ["eventTypes", "tables", "crossContext", "externalLookups", "ordering"];

function check(profile: unknown): void {
  const problems: string[] = [];
  if (!isPlainObject(profile)) {
    problems.push(
      `a projection profile is an object { ${FIELDS.join(", ")} } (got ${describeValue(profile)})`,
    );
  } else {
    for (const key of Object.keys(profile)) {
      if (!FIELDS.includes(key))
        problems.push(`${key} is not a known field (known fields: ${quoteList(FIELDS)})`);
    }
    for (const key of ["eventTypes", "tables"]) {
      const value = profile[key];
      if (!Number.isInteger(value) || (value as number) < 1) {
        problems.push(`${key} must be a positive integer (got ${describeValue(value)})`);
      }
    }
    for (const key of ["crossContext", "externalLookups"]) {
      if (typeof profile[key] !== "boolean") {
        problems.push(`${key} must be a boolean (got ${describeValue(profile[key])})`);
      }
    }
    if (!(PROJECTION_ORDERINGS as readonly unknown[]).includes(profile.ordering)) {
      problems.push(
        `ordering must be one of ${quoteList(PROJECTION_ORDERINGS)} (got ${describeValue(profile.ordering)})`,
      );
    }
  }
  if (problems.length > 0) {
    throw new CoreError(
      problems.map((message) => ({ code: "INVALID_PROJECTION_PROFILE", message })) as [
        CoreProblem,
        ...CoreProblem[],
      ],
      "projection profile",
    );
  }
}

function complexityOf(p: ProjectionProfile): [ProjectionComplexity, string] {
  if (p.externalLookups)
    return [
      "very-complex",
      "it reads outside the database for each event (external lookups): very complex, for the widest safety margin",
    ];
  if (p.crossContext)
    return ["complex", "it joins data across bounded contexts: complex, more reads per event"];
  if (p.tables > 1)
    return ["medium", `it writes ${p.tables} tables per event: medium, more writes per event`];
  return ["simple", "it writes a single table: simple, fast processing"];
}

function strategyOf(p: ProjectionProfile): [PartitionStrategy, string] {
  switch (p.ordering) {
    case "global":
      return ["global", "it needs one total order: a single global partition, one job at a time"];
    case "per-tenant":
      return ["tenant", "it needs each tenant's events in order: one partition per tenant"];
    case "per-entity":
      return ["entity", "it needs each entity's events in order: one partition per entity"];
    case "per-stream":
    case "none":
      return p.crossContext
        ? [
            "entity",
            "its rows combine streams of several contexts, so stream partitions would contend on the same rows: one partition per entity",
          ]
        : [
            "stream",
            "each stream's events are applied in order and streams in parallel: one partition per stream",
          ];
    default: {
      const unhandled: never = p.ordering;
      return unhandled;
    }
  }
}

/**
 * Recommends a complexity, a chunk size and a partition strategy for a projection, by the work
 * it does per event (the worst feature wins) and the order it needs:
 *
 * | complexity   | when                        | chunk |
 * | ------------ | --------------------------- | ----- |
 * | simple       | one table                   | 100   |
 * | medium       | several tables              | 50    |
 * | complex      | cross-context joins         | 25    |
 * | very-complex | external lookups            | 10    |
 *
 * @example
 * classifyProjection({ eventTypes: 3, tables: 2, crossContext: false, externalLookups: false, ordering: "per-entity" });
 * // { complexity: "medium", strategy: "entity", chunkSize: 50, maxParallelism: 10, rationale: [...] }
 */
export function classifyProjection(profile: ProjectionProfile): ProjectionClassification {
  check(profile);
  const [complexity, why] = complexityOf(profile);
  const [strategy, how] = strategyOf(profile);
  const chunkSize = CHUNK_SIZES[complexity];
  return Object.freeze({
    complexity,
    strategy,
    chunkSize,
    maxParallelism: RECOMMENDED_PARALLELISM[strategy],
    rationale: Object.freeze([
      `${why}: ${chunkSize} events per chunk`,
      `it subscribes to ${profile.eventTypes} event type${profile.eventTypes === 1 ? "" : "s"}; the chunk size follows the work per event, not the number of types`,
      how,
    ]),
  });
}
