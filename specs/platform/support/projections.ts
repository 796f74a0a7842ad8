import { defineProjection } from "@convex-es/platform-bc";
import type { ProjectionCategory } from "@convex-es/platform-bc";

/** A projection of the order domain, defined with the given category. */
export function orderProjection(projectionName: string, category: string) {
  return defineProjection({
    projectionName,
    description: `${projectionName} projection used by the specs`,
    targetTable: projectionName,
    eventSubscriptions: ["OrderCreated", "OrderSubmitted"],
    category: category as ProjectionCategory,
    context: "orders",
  });
}

/** "allowed" when `attempt` returns, "refused:<CODE>" when it throws a coded error. */
export function accessOutcome(attempt: () => void): string {
  try {
    attempt();
    return "allowed";
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string") throw error;
    return `refused:${code}`;
  }
}
