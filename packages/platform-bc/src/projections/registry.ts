import { BoundedContextDefinitionError } from "../errors/definitionError.js";
import type { DefinitionProblem } from "../errors/definitionError.js";
import { describeValue } from "../internal/describe.js";
import type { ProjectionCategory } from "./categories.js";
import { defineProjection } from "./defineProjection.js";
import type { ProjectionDefinition } from "./defineProjection.js";

/** The projections of an app or context, looked up by name, category or event type. */
export interface ProjectionRegistry<P extends ProjectionDefinition = ProjectionDefinition> {
  readonly size: number;
  /** Projection names, in registration order. */
  readonly names: readonly P["projectionName"][];
  get<N extends P["projectionName"]>(name: N): Extract<P, { projectionName: N }> | undefined;
  get(name: string): P | undefined;
  has(name: string): boolean;
  /** Every projection, in registration order. */
  all(): readonly P[];
  byCategory<C extends ProjectionCategory>(category: C): readonly Extract<P, { category: C }>[];
  /** The projections subscribed to `eventType`, in registration order. */
  byEventType(eventType: string): readonly P[];
  /** Every event type some projection subscribes to, each once, in first-seen order. */
  eventTypes(): readonly string[];
}

/**
 * Builds a frozen registry from projection definitions. Each entry is checked again as
 * `defineProjection` checks it; two projections with one name are refused with
 * `DUPLICATE_PROJECTION_NAME`.
 *
 * @example
 * export const projections = defineProjectionRegistry([orderSummary, orderExists]);
 * projections.byEventType("OrderSubmitted"); // [orderSummary, ...]
 */
export function defineProjectionRegistry<const P extends ProjectionDefinition>(
  projections: readonly P[],
): ProjectionRegistry<P> {
  const label = "projection registry";
  if (!Array.isArray(projections)) {
    throw new BoundedContextDefinitionError(label, [
      {
        code: "INVALID_LIST",
        message: `the registry takes an array of projections made by defineProjection (got ${describeValue(projections)})`,
      },
    ]);
  }
  const problems: DefinitionProblem[] = [];
  const byName = new Map<string, P>();
  projections.forEach((projection, index) => {
    if (projection?.kind !== "projection") {
      problems.push({
        code: "INVALID_DEFINITION",
        message: `entry ${index} is not a projection made by defineProjection (got ${describeValue(projection)})`,
      });
      return;
    }
    try {
      const { kind: _kind, ...fields } = projection;
      defineProjection(fields);
    } catch (error) {
      if (!(error instanceof BoundedContextDefinitionError)) throw error;
      for (const problem of error.problems) {
        problems.push({ code: problem.code, message: `entry ${index}: ${problem.message}` });
      }
      return;
    }
    const existing = byName.get(projection.projectionName);
    if (existing !== undefined) {
      problems.push({
        code: "DUPLICATE_PROJECTION_NAME",
        message: `projection name ${JSON.stringify(projection.projectionName)} is registered twice (entries ${projections.indexOf(existing)} and ${index}): expected one projection per name`,
      });
      return;
    }
    byName.set(projection.projectionName, projection);
  });
  const [first, ...rest] = problems;
  if (first !== undefined) throw new BoundedContextDefinitionError(label, [first, ...rest]);

  const all = Object.freeze([...byName.values()]);
  const eventTypes = Object.freeze([...new Set(all.flatMap((p) => p.eventSubscriptions))]);
  return Object.freeze({
    size: all.length,
    names: Object.freeze(all.map((p) => p.projectionName)),
    get: (name: string) => byName.get(name),
    has: (name: string) => byName.has(name),
    all: () => all,
    byCategory: (category: ProjectionCategory) =>
      Object.freeze(all.filter((p) => p.category === category)),
    byEventType: (eventType: string) =>
      Object.freeze(all.filter((p) => p.eventSubscriptions.includes(eventType))),
    eventTypes: () => eventTypes,
  }) as ProjectionRegistry<P>;
}
