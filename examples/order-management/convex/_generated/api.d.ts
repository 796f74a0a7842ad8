/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as admin from "../admin.js";
import type * as crons from "../crons.js";
import type * as customers_commands from "../customers/commands.js";
import type * as customers_configs from "../customers/configs.js";
import type * as customers_emails from "../customers/emails.js";
import type * as customers_snapshot from "../customers/snapshot.js";
import type * as fulfilment_eventBus from "../fulfilment/eventBus.js";
import type * as fulfilment_orderFulfillment from "../fulfilment/orderFulfillment.js";
import type * as fulfilment_reservationRelease from "../fulfilment/reservationRelease.js";
import type * as fulfilment_sagaAdmin from "../fulfilment/sagaAdmin.js";
import type * as fulfilment_sagas from "../fulfilment/sagas.js";
import type * as fulfilment_start from "../fulfilment/start.js";
import type * as fulfilment_steps from "../fulfilment/steps.js";
import type * as inventory_commands from "../inventory/commands.js";
import type * as inventory_configs from "../inventory/configs.js";
import type * as inventory_expiry from "../inventory/expiry.js";
import type * as inventory_stock from "../inventory/stock.js";
import type * as orders_commands from "../orders/commands.js";
import type * as orders_configs from "../orders/configs.js";
import type * as orders_lifecycle from "../orders/lifecycle.js";
import type * as platform_authorization from "../platform/authorization.js";
import type * as platform_commands from "../platform/commands.js";
import type * as platform_identity from "../platform/identity.js";
import type * as platform_orderIdCheck from "../platform/orderIdCheck.js";
import type * as platform_personalData from "../platform/personalData.js";
import type * as platform_reservations from "../platform/reservations.js";
import type * as platform_runtime from "../platform/runtime.js";
import type * as platform_shop from "../platform/shop.js";
import type * as platform_validators from "../platform/validators.js";
import type * as projections_events from "../projections/events.js";
import type * as projections_fulfilmentRelay from "../projections/fulfilmentRelay.js";
import type * as projections_jobs from "../projections/jobs.js";
import type * as projections_limits from "../projections/limits.js";
import type * as projections_mergeStreamEvents from "../projections/mergeStreamEvents.js";
import type * as projections_orderDetailLive from "../projections/orderDetailLive.js";
import type * as projections_orderDetails from "../projections/orderDetails.js";
import type * as projections_orderExistence from "../projections/orderExistence.js";
import type * as projections_orderSummaries from "../projections/orderSummaries.js";
import type * as projections_runtime from "../projections/runtime.js";
import type * as projections_salesDashboard from "../projections/salesDashboard.js";
import type * as projections_shippingFeed from "../projections/shippingFeed.js";
import type * as projections_stockAvailability from "../projections/stockAvailability.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  admin: typeof admin;
  crons: typeof crons;
  "customers/commands": typeof customers_commands;
  "customers/configs": typeof customers_configs;
  "customers/emails": typeof customers_emails;
  "customers/snapshot": typeof customers_snapshot;
  "fulfilment/eventBus": typeof fulfilment_eventBus;
  "fulfilment/orderFulfillment": typeof fulfilment_orderFulfillment;
  "fulfilment/reservationRelease": typeof fulfilment_reservationRelease;
  "fulfilment/sagaAdmin": typeof fulfilment_sagaAdmin;
  "fulfilment/sagas": typeof fulfilment_sagas;
  "fulfilment/start": typeof fulfilment_start;
  "fulfilment/steps": typeof fulfilment_steps;
  "inventory/commands": typeof inventory_commands;
  "inventory/configs": typeof inventory_configs;
  "inventory/expiry": typeof inventory_expiry;
  "inventory/stock": typeof inventory_stock;
  "orders/commands": typeof orders_commands;
  "orders/configs": typeof orders_configs;
  "orders/lifecycle": typeof orders_lifecycle;
  "platform/authorization": typeof platform_authorization;
  "platform/commands": typeof platform_commands;
  "platform/identity": typeof platform_identity;
  "platform/orderIdCheck": typeof platform_orderIdCheck;
  "platform/personalData": typeof platform_personalData;
  "platform/reservations": typeof platform_reservations;
  "platform/runtime": typeof platform_runtime;
  "platform/shop": typeof platform_shop;
  "platform/validators": typeof platform_validators;
  "projections/events": typeof projections_events;
  "projections/fulfilmentRelay": typeof projections_fulfilmentRelay;
  "projections/jobs": typeof projections_jobs;
  "projections/limits": typeof projections_limits;
  "projections/mergeStreamEvents": typeof projections_mergeStreamEvents;
  "projections/orderDetailLive": typeof projections_orderDetailLive;
  "projections/orderDetails": typeof projections_orderDetails;
  "projections/orderExistence": typeof projections_orderExistence;
  "projections/orderSummaries": typeof projections_orderSummaries;
  "projections/runtime": typeof projections_runtime;
  "projections/salesDashboard": typeof projections_salesDashboard;
  "projections/shippingFeed": typeof projections_shippingFeed;
  "projections/stockAvailability": typeof projections_stockAvailability;
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
  projections: import("@convex-es/platform-projections/_generated/component.js").ComponentApi<"projections">;
  projectionPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"projectionPool">;
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
  workflow: import("@convex-dev/workflow/_generated/component.js").ComponentApi<"workflow">;
  eventBusPool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"eventBusPool">;
  orders: import("../../contexts/orders/_generated/component.js").ComponentApi<"orders">;
  inventory: import("../../contexts/inventory/_generated/component.js").ComponentApi<"inventory">;
  customers: import("../../contexts/customers/_generated/component.js").ComponentApi<"customers">;
};
