/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as counterTotals from "../counterTotals.js";
import type * as counters from "../counters.js";
import type * as projections from "../projections.js";
import type * as readModels from "../readModels.js";
import type * as runtime from "../runtime.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  counterTotals: typeof counterTotals;
  counters: typeof counters;
  projections: typeof projections;
  readModels: typeof readModels;
  runtime: typeof runtime;
}>;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = internal.myModule.myFunction;
 * ```
 */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  eventStore: import("@convex-es/platform-store/_generated/component.js").ComponentApi<"eventStore">;
  commandBus: import("@convex-es/platform-bus/_generated/component.js").ComponentApi<"commandBus">;
  counters: import("../../../orchestratorApp/counterContext/_generated/component.js").ComponentApi<"counters">;
  projections: import("@convex-es/platform-projections/_generated/component.js").ComponentApi<"projections">;
  projectionPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"projectionPool">;
};
