/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as counterView from "../counterView.js";
import type * as counters from "../counters.js";
import type * as projections from "../projections.js";
import type * as runtime from "../runtime.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  counterView: typeof counterView;
  counters: typeof counters;
  projections: typeof projections;
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
  projections: import("@convex-es/platform-projections/_generated/component.js").ComponentApi<"projections">;
  projectionPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"projectionPool">;
};
