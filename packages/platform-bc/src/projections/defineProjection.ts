import { DefinitionChecker } from "../internal/checker.js";
import { PROJECTION_CATEGORIES } from "./categories.js";
import type { ProjectionCategory } from "./categories.js";

/**
 * A projection: a read model built from events. `category` fixes who may read it and how (see
 * `projectionCategoryCharacteristics`); `partitionKeyField` names the event payload field that
 * partitions it (events of one partition are applied in order).
 */
export interface ProjectionDefinition<
  TName extends string = string,
  TCategory extends ProjectionCategory = ProjectionCategory,
  TEvent extends string = string,
> {
  readonly kind: "projection";
  readonly projectionName: TName;
  readonly description: string;
  readonly targetTable: string;
  readonly partitionKeyField: string | undefined;
  readonly eventSubscriptions: readonly TEvent[];
  readonly category: TCategory;
  /** The bounded context that owns the projection. */
  readonly context: string;
  /** Other tables the projection writes, besides `targetTable`. */
  readonly secondaryTables: readonly string[];
}

/** What `defineProjection` takes. */
export interface ProjectionDefinitionInput<
  TName extends string,
  TCategory extends ProjectionCategory,
  TEvent extends string,
> {
  readonly projectionName: TName;
  readonly description: string;
  readonly targetTable: string;
  readonly partitionKeyField?: string;
  readonly eventSubscriptions: readonly TEvent[];
  readonly category: TCategory;
  readonly context: string;
  readonly secondaryTables?: readonly string[];
}

const PROJECTION_FIELDS = [
  "projectionName",
  "description",
  "targetTable",
  "partitionKeyField",
  "eventSubscriptions",
  "category",
  "context",
  "secondaryTables",
] as const;

const TABLE = { style: "convexIdentifier", example: "orderSummaries" } as const;

/**
 * Validates and freezes a projection definition. The category is checked first: a missing one
 * is refused with `CATEGORY_REQUIRED`, an unknown one with `INVALID_CATEGORY`. Names must be
 * camelCase, tables and fields Convex identifiers, and `eventSubscriptions` a non-empty list of
 * PascalCase event types without duplicates.
 *
 * @example
 * export const orderSummary = defineProjection({
 *   projectionName: "orderSummary",
 *   description: "One row per order for the order list and detail pages",
 *   targetTable: "orderSummaries",
 *   partitionKeyField: "orderId",
 *   eventSubscriptions: ["OrderCreated", "OrderSubmitted"],
 *   category: "view",
 *   context: "orders",
 * });
 */
export function defineProjection<
  const TName extends string,
  const TCategory extends ProjectionCategory,
  const TEvent extends string,
>(
  definition: ProjectionDefinitionInput<TName, TCategory, TEvent>,
): ProjectionDefinition<TName, TCategory, TEvent> {
  const input: unknown = definition;
  const name = (input as { projectionName?: unknown } | null)?.projectionName;
  const label =
    typeof name === "string" && name.length > 0
      ? `projection ${JSON.stringify(name)}`
      : "projection";
  const checker = DefinitionChecker.of(label, input, PROJECTION_FIELDS);
  checker.oneOf("category", PROJECTION_CATEGORIES, {
    missing: "CATEGORY_REQUIRED",
    invalid: "INVALID_CATEGORY",
  });
  checker.name("projectionName", { style: "camelCase", example: "orderSummary" });
  checker.description("description", false);
  checker.name("targetTable", TABLE);
  checker.name("partitionKeyField", { style: "convexIdentifier", example: "orderId" }, true);
  const subscriptions = checker.nameList(
    "eventSubscriptions",
    { style: "PascalCase", example: "OrderSubmitted" },
    "non-empty",
  );
  checker.name("context", { style: "camelCase", example: "orders" });
  const secondaryTables = checker.nameList("secondaryTables", TABLE, "optional");
  checker.throwIfAny(label);

  return Object.freeze({
    kind: "projection",
    projectionName: definition.projectionName,
    description: definition.description,
    targetTable: definition.targetTable,
    partitionKeyField: definition.partitionKeyField,
    eventSubscriptions: Object.freeze((subscriptions ?? []) as TEvent[]),
    category: definition.category,
    context: definition.context,
    secondaryTables: Object.freeze(secondaryTables ?? []),
  });
}
