/* eslint-disable */
/**
 * Generated `ComponentApi` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type { FunctionReference } from "convex/server";
import type { GenericId } from "convex/values";
import type { api } from "./api.js";

/**
 * A utility for referencing a Convex component's exposed API.
 *
 * Useful when expecting a parameter like `components.myComponent`.
 * Usage:
 * ```ts
 * async function myFunction(ctx: QueryCtx, component: ComponentApi) {
 *   return ctx.runQuery(component.someFile.someQuery, { ...args });
 * }
 * ```
 */
export type ComponentApi<Name extends string | undefined = string | undefined> =
  ExportedApi<typeof api, Name>;

/**
 * Offline codegen: the component's public functions as its parent calls them.
 */
type ExportedApi<Api, Name extends string | undefined> = {
  [Key in keyof Api]: Api[Key] extends FunctionReference<
    infer Type,
    "public",
    infer Args,
    infer Returns
  >
    ? FunctionReference<
        Type,
        "internal",
        PlainIds<Args>,
        PlainIds<Returns>,
        Name
      >
    : ExportedApi<Api[Key], Name>;
};

/**
 * Offline codegen: `Id<...>` becomes `string`, as in validator-derived component types.
 */
type PlainIds<T> =
  T extends GenericId<string>
    ? string
    : T extends ArrayBuffer
      ? T
      : T extends Array<infer Item>
        ? Array<PlainIds<Item>>
        : T extends object
          ? { [Key in keyof T]: PlainIds<T[Key]> }
          : T;
