/**
 * The four kinds of projection. Every projection is exactly one:
 * - `logic`: minimal data for command validation, read internally (`orderExists`);
 * - `view`: denormalized for UI queries, read by clients (`orderSummaries`);
 * - `reporting`: analytics and aggregations, read in batches by admins (`dailySalesReport`);
 * - `integration`: cross-context synchronization, published through the event bus
 *   (`orderStatusForShipping`).
 */
export type ProjectionCategory = "logic" | "view" | "reporting" | "integration";

export const PROJECTION_CATEGORIES: readonly ProjectionCategory[] = Object.freeze([
  "logic",
  "view",
  "reporting",
  "integration",
]);

/** Who may read a projection: nobody outside the context, clients, admins, or the event bus. */
export type ClientExposure = "internal" | "client" | "admin" | "event-bus";

/** What a category prescribes. These are enforced, not suggestions. */
export interface ProjectionCategoryCharacteristics {
  readonly purpose: string;
  readonly cardinality: "minimal" | "denormalized" | "aggregated" | "contract-defined";
  readonly freshness: "always-current" | "near-real-time" | "eventual" | "event-driven";
  readonly clientExposure: ClientExposure;
  /** Only view projections may be subscribed to reactively. */
  readonly reactiveEligible: boolean;
}

/** The characteristics of each category. */
export const projectionCategoryCharacteristics: Readonly<
  Record<ProjectionCategory, ProjectionCategoryCharacteristics>
> = Object.freeze({
  logic: Object.freeze({
    purpose: "minimal data for command validation",
    cardinality: "minimal",
    freshness: "always-current",
    clientExposure: "internal",
    reactiveEligible: false,
  }),
  view: Object.freeze({
    purpose: "denormalized data for UI queries",
    cardinality: "denormalized",
    freshness: "near-real-time",
    clientExposure: "client",
    reactiveEligible: true,
  }),
  reporting: Object.freeze({
    purpose: "analytics and aggregations",
    cardinality: "aggregated",
    freshness: "eventual",
    clientExposure: "admin",
    reactiveEligible: false,
  }),
  integration: Object.freeze({
    purpose: "cross-context synchronization through the event bus",
    cardinality: "contract-defined",
    freshness: "event-driven",
    clientExposure: "event-bus",
    reactiveEligible: false,
  }),
});

/** True when `value` is one of `PROJECTION_CATEGORIES`. */
export function isProjectionCategory(value: unknown): value is ProjectionCategory {
  return typeof value === "string" && Object.hasOwn(projectionCategoryCharacteristics, value);
}

/** True only for view projections: the one category clients read directly. */
export function isClientExposed(category: ProjectionCategory): boolean {
  return projectionCategoryCharacteristics[category].clientExposure === "client";
}

/** True only for reporting projections: readable by callers with the admin role. */
export function requiresAdmin(category: ProjectionCategory): boolean {
  return projectionCategoryCharacteristics[category].clientExposure === "admin";
}

/** True only for view projections: the one category with reactive subscriptions. */
export function canSubscribeReactively(category: ProjectionCategory): boolean {
  return projectionCategoryCharacteristics[category].reactiveEligible;
}
