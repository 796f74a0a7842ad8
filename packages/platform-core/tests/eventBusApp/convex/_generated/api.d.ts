/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as counters from "../counters.js";
import type * as eventBus from "../eventBus.js";
import type * as inspect from "../inspect.js";
import type * as orchestrator from "../orchestrator.js";
import type * as orderTally from "../orderTally.js";
import type * as orders from "../orders.js";
import type * as subscribers from "../subscribers.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  counters: typeof counters;
  eventBus: typeof eventBus;
  inspect: typeof inspect;
  orchestrator: typeof orchestrator;
  orderTally: typeof orderTally;
  orders: typeof orders;
  subscribers: typeof subscribers;
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
  eventBusPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"eventBusPool">;
  eventBusHighPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"eventBusHighPool">;
};
