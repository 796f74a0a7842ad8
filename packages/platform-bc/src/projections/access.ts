import { ProjectionAccessError } from "../errors/projectionAccessError.js";
import { canSubscribeReactively, projectionCategoryCharacteristics } from "./categories.js";
import type { ProjectionCategory } from "./categories.js";
import type { ProjectionDefinition } from "./defineProjection.js";

/** Who is asking: the caller's role, if any. Only "admin" has a meaning here. */
export interface ProjectionCaller {
  readonly role?: "admin" | (string & {}) | undefined;
}

type AnyProjection = Pick<ProjectionDefinition, "projectionName" | "category">;

function describeProjection(projection: AnyProjection): string {
  return `projection ${JSON.stringify(projection.projectionName)} (category ${JSON.stringify(projection.category)})`;
}

/**
 * Throws `SUBSCRIPTIONS_NOT_SUPPORTED` unless the projection is a view projection, the only
 * category with reactive subscriptions. Narrows the projection to a view projection.
 */
export function assertReactiveSubscriptionAllowed<P extends AnyProjection>(
  projection: P,
): asserts projection is P & { readonly category: "view" } {
  if (canSubscribeReactively(projection.category)) return;
  const { purpose } = projectionCategoryCharacteristics[projection.category];
  throw new ProjectionAccessError(
    "SUBSCRIPTIONS_NOT_SUPPORTED",
    projection.projectionName,
    projection.category,
    `${describeProjection(projection)} does not support reactive subscriptions: only view projections support reactive subscriptions (${projection.category} projections hold ${purpose}); read it with a one-off query instead`,
  );
}

/**
 * Throws unless `caller` may read the projection from a client: view projections are open to
 * clients, reporting projections need the admin role (`ADMIN_ROLE_REQUIRED`), and logic and
 * integration projections are never client-accessible, whatever the role
 * (`PROJECTION_NOT_CLIENT_EXPOSED`).
 */
export function assertClientAccess(projection: AnyProjection, caller: ProjectionCaller = {}): void {
  const category: ProjectionCategory = projection.category;
  const exposure = projectionCategoryCharacteristics[category].clientExposure;
  switch (exposure) {
    case "client":
      return;
    case "admin":
      if (caller.role === "admin") return;
      throw new ProjectionAccessError(
        "ADMIN_ROLE_REQUIRED",
        projection.projectionName,
        category,
        `${describeProjection(projection)} requires the admin role (caller role: ${caller.role === undefined ? "none" : JSON.stringify(caller.role)}): reporting projections are readable by admins only`,
      );
    case "internal":
    case "event-bus":
      throw new ProjectionAccessError(
        "PROJECTION_NOT_CLIENT_EXPOSED",
        projection.projectionName,
        category,
        `${describeProjection(projection)} is not exposed to clients: ${
          exposure === "internal"
            ? "logic projections are read internally for command validation"
            : "integration projections are published through the event bus"
        }; clients read view projections, and admins reporting projections`,
      );
    default: {
      const unhandled: never = exposure;
      return unhandled;
    }
  }
}
