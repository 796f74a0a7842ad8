/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as append from "../append.js";
import type * as catchUp from "../catchUp.js";
import type * as envelope from "../envelope.js";
import type * as globalPositions from "../globalPositions.js";
import type * as idempotency from "../idempotency.js";
import type * as lib from "../lib.js";
import type * as reads from "../reads.js";
import type * as scopes from "../scopes.js";
import type * as tenants from "../tenants.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import { anyApi, componentsGeneric } from "convex/server";

const fullApi: ApiFromModules<{
  append: typeof append;
  catchUp: typeof catchUp;
  envelope: typeof envelope;
  globalPositions: typeof globalPositions;
  idempotency: typeof idempotency;
  lib: typeof lib;
  reads: typeof reads;
  scopes: typeof scopes;
  tenants: typeof tenants;
}> = anyApi as any;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
export const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
> = anyApi as any;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = internal.myModule.myFunction;
 * ```
 */
export const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
> = anyApi as any;

export const components = componentsGeneric() as unknown as {};
