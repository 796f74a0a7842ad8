import { assertClientAccess, isProjectionCategory } from "@convex-es/platform-bc";
import type { ProjectionCaller, ProjectionDefinition } from "@convex-es/platform-bc";
import type { PropertyValidators, Validator } from "convex/values";
import { ConvexError } from "convex/values";
import { fail } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";

type AnyProjection = Pick<ProjectionDefinition, "projectionName" | "category">;

/** What a read-model query definition holds: Convex validators and a handler. */
export interface ReadModelQueryInput<TCtx, TArgs, TResult> {
  readonly args: PropertyValidators;
  readonly returns: Validator<unknown, "required", string>;
  readonly handler: (ctx: TCtx, args: TArgs) => Promise<TResult>;
}

/** What a client query of a reporting projection needs: who is asking. */
export interface ClientQueryOptions<TCtx> {
  /** The caller's role, e.g. from `ctx.auth.getUserIdentity()`; required for reporting projections. */
  readonly caller?: (ctx: TCtx) => Promise<ProjectionCaller>;
}

function checkCategory(projection: AnyProjection): void {
  if (!isProjectionCategory(projection?.category)) {
    fail(
      "INVALID_PROJECTION_QUERY",
      `a read-model query needs a projection made by defineProjection, with one of the four categories (got ${describeValue(projection)})`,
    );
  }
}

/** Refuses a client query of a projection its category keeps from clients, when it is defined. */
function checkExposable(projection: AnyProjection, hasCaller: boolean): void {
  checkCategory(projection);
  if (projection.category === "reporting") {
    if (!hasCaller) {
      fail(
        "CALLER_REQUIRED",
        `projection "${projection.projectionName}" is a reporting projection: a client query of it needs a caller option that resolves the caller's role, so that only admins read it`,
      );
    }
    return;
  }
  // Logic and integration projections are refused here (PROJECTION_NOT_CLIENT_EXPOSED).
  assertClientAccess(projection, { role: "admin" });
}

async function checkAccess(projection: AnyProjection, caller: ProjectionCaller): Promise<void> {
  try {
    assertClientAccess(projection, caller);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string") throw error;
    // Crossing to the client: a ConvexError keeps the code.
    throw new ConvexError({ code, message: (error as Error).message });
  }
}

/**
 * A query of a read model that clients may call, checked against the projection's category:
 * view projections are open; reporting projections need a `caller` option and answer
 * ADMIN_ROLE_REQUIRED to anyone but admins; logic and integration projections are refused when
 * the query is defined (PROJECTION_NOT_CLIENT_EXPOSED): read them with `internalProjectionQuery`.
 * Wrap the result in the app's `query(...)`.
 *
 * @example
 * export const orderSummaries = query(
 *   clientProjectionQuery(orderSummary, {
 *     args: { customerId: v.string() },
 *     returns: v.array(vOrderSummary),
 *     handler: async (ctx, { customerId }) =>
 *       ctx.db.query("orderSummaries").withIndex("by_customer", (q) => q.eq("customerId", customerId)).take(50),
 *   }),
 * );
 */
export function clientProjectionQuery<TCtx, TArgs, TResult>(
  projection: AnyProjection,
  definition: ReadModelQueryInput<TCtx, TArgs, TResult>,
  options: ClientQueryOptions<TCtx> = {},
): ReadModelQueryInput<TCtx, TArgs, TResult> {
  checkExposable(projection, options.caller !== undefined);
  const { caller } = options;
  if (caller === undefined) return definition;
  return {
    ...definition,
    handler: async (ctx: TCtx, args: TArgs) => {
      await checkAccess(projection, await caller(ctx));
      return await definition.handler(ctx, args);
    },
  };
}

/**
 * A query of a read model of any category for server code (command validation, other
 * projections, process managers). Wrap the result in the app's `internalQuery(...)`: it has no
 * access check of its own.
 *
 * @example
 * export const orderExists = internalQuery(internalProjectionQuery(orderExistence, { args, returns, handler }));
 */
export function internalProjectionQuery<TCtx, TArgs, TResult>(
  projection: AnyProjection,
  definition: ReadModelQueryInput<TCtx, TArgs, TResult>,
): ReadModelQueryInput<TCtx, TArgs, TResult> {
  checkCategory(projection);
  return definition;
}
