/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as accountBalances from "../accountBalances.js";
import type * as accounts from "../accounts.js";
import type * as bank from "../bank.js";
import type * as identity from "../identity.js";
import type * as limits from "../limits.js";
import type * as projectionFaults from "../projectionFaults.js";
import type * as projections from "../projections.js";
import type * as reads from "../reads.js";
import type * as runtime from "../runtime.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  accountBalances: typeof accountBalances;
  accounts: typeof accounts;
  bank: typeof bank;
  identity: typeof identity;
  limits: typeof limits;
  projectionFaults: typeof projectionFaults;
  projections: typeof projections;
  reads: typeof reads;
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
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
  accounts: import("../../accountsContext/_generated/component.js").ComponentApi<"accounts">;
  projections: import("@convex-es/platform-projections/_generated/component.js").ComponentApi<"projections">;
  projectionPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"projectionPool">;
};
