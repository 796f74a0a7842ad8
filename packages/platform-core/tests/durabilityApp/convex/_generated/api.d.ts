/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as durableAppends from "../durableAppends.js";
import type * as faults from "../faults.js";
import type * as inventory from "../inventory.js";
import type * as payments from "../payments.js";
import type * as submissions from "../submissions.js";
import type * as warehouse from "../warehouse.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  durableAppends: typeof durableAppends;
  faults: typeof faults;
  inventory: typeof inventory;
  payments: typeof payments;
  submissions: typeof submissions;
  warehouse: typeof warehouse;
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
  durableAppendPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"durableAppendPool">;
  dcbRetryPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"dcbRetryPool">;
  actionRetrier: import("@convex-dev/action-retrier/_generated/component.js").ComponentApi<"actionRetrier">;
};
