// The text of each `_generated/` file. The Convex CLI's own pure templates (api.js, server.js,
// component_server.js, common.js in convex/dist/esm/cli/codegen_templates/) are imported by
// path; dataModel.js and component_api.js import bundled-only CLI internals, so their small
// templates are restated here from convex 1.48.0. Output is unformatted, as in the CLI, which
// runs prettier afterwards.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const convexRoot = dirname(require.resolve("convex/package.json"));

/** The convex version whose templates are used. */
export const convexVersion = /** @type {{ version: string }} */ (
  JSON.parse(readFileSync(join(convexRoot, "package.json"), "utf8"))
).version;

/** @param {string} name */
const template = (name) =>
  import(pathToFileURL(join(convexRoot, "dist", "esm", "cli", "codegen_templates", name)).href);

const [common, apiTemplates, serverTemplates, componentServerTemplates] = await Promise.all([
  template("common.js"),
  template("api.js"),
  template("server.js"),
  template("component_server.js"),
]);

/** @type {(description: string) => string} */
const header = common.header;
/** @type {(apiName: string, type: string | undefined) => string} */
const apiComment = common.apiComment;
/** @type {(modulePath: string) => string} */
const importPath = apiTemplates.importPath;
/** @type {(modulePath: string) => string} */
const moduleIdentifier = apiTemplates.moduleIdentifier;
/** @type {(options: { useTypeScript: boolean, envVars: unknown[] | undefined }) => { JS?: string, DTS?: string, TS?: string }} */
const serverCodegen = serverTemplates.serverCodegen;
/** @type {(isRoot: boolean, envVars: unknown[] | undefined) => string} */
const componentServerTS = componentServerTemplates.componentServerTS;

/**
 * A child component as the parent's `components` export sees it.
 * @typedef {object} ChildComponent
 * @property {string} name the name the parent installed it under
 * @property {string} importPath module path before `/_generated/component.js`
 */

/**
 * What one functions directory needs for its `_generated/`.
 * @typedef {object} TemplateInput
 * @property {string[]} modules module paths relative to the functions directory
 * @property {boolean} hasSchema
 * @property {ChildComponent[]} children
 * @property {import("./config.mjs").EnvVar[]} envVars
 */

/**
 * Files of an app (the root component), as `convex dev`/`convex codegen` write them with a
 * deployment: `js/dts` by default, `.ts` files with `codegen.fileType: "ts"` in convex.json.
 * @param {TemplateInput} input
 * @param {{ typescript: boolean }} options
 * @returns {Record<string, string>} file name -> unformatted TypeScript/JavaScript
 */
export function appFiles(input, options) {
  const server = serverCodegen({ useTypeScript: options.typescript, envVars: input.envVars });
  if (options.typescript) {
    return {
      "api.ts": apiTS(input),
      "dataModel.ts": dataModel(input.hasSchema),
      "server.ts": server.TS ?? "",
    };
  }
  return {
    "api.d.ts": apiDTS(input),
    "api.js": apiJS(),
    "dataModel.d.ts": dataModel(input.hasSchema),
    "server.d.ts": server.DTS ?? "",
    "server.js": server.JS ?? "",
  };
}

/**
 * Files of a component (always TypeScript in the CLI), including `component.ts`.
 * @param {TemplateInput} input
 * @returns {Record<string, string>}
 */
export function componentFiles(input) {
  return {
    "api.ts": apiTS(input),
    "component.ts": componentTS(),
    "dataModel.ts": dataModel(input.hasSchema),
    "server.ts": componentServerTS(false, input.envVars),
  };
}

/** componentApiJs */
function apiJS() {
  return [
    header("Generated `api` utility."),
    `
    import { anyApi, componentsGeneric } from "convex/server";

    ${apiComment("api", undefined)}
    export const api = anyApi;
    export const internal = anyApi;
    export const components = componentsGeneric();
  `,
  ].join("\n");
}

/**
 * componentApiDTS with the dynamic (module-derived) api.
 * @param {TemplateInput} input
 */
function apiDTS(input) {
  return [
    header("Generated `api` utility."),
    ...moduleImports(input.modules),
    `
    import type {
      ApiFromModules,
      FilterApi,
      FunctionReference,
    } from "convex/server";

    declare const fullApi: ApiFromModules<{
  `,
    ...fullApiEntries(input.modules),
    `}>;`,
    `
    ${apiComment("api", "public")}
    export declare const api: FilterApi<typeof fullApi, FunctionReference<any, "public">>;
    ${apiComment("internal", "internal")}
    export declare const internal: FilterApi<typeof fullApi, FunctionReference<any, "internal">>;
  `,
    `
  export declare const components: {`,
    ...childLines(input.children),
    "};",
  ].join("\n");
}

/**
 * componentApiTSWithTypes with the dynamic api.
 * @param {TemplateInput} input
 */
function apiTS(input) {
  return [
    header("Generated `api` utility."),
    ...moduleImports(input.modules),
    `
    import type {
      ApiFromModules,
      FilterApi,
      FunctionReference,
    } from "convex/server";
    import { anyApi, componentsGeneric } from "convex/server";

    const fullApi: ApiFromModules<{
  `,
    ...fullApiEntries(input.modules),
    `}> = anyApi as any;`,
    `
    ${apiComment("api", "public")}
    export const api: FilterApi<typeof fullApi, FunctionReference<any, "public">> = anyApi as any;
    ${apiComment("internal", "internal")}
    export const internal: FilterApi<typeof fullApi, FunctionReference<any, "internal">> = anyApi as any;
  `,
    `
  export const components = componentsGeneric() as unknown as {`,
    ...childLines(input.children),
    "};",
  ].join("\n");
}

/** @param {string[]} modules */
function moduleImports(modules) {
  return modules.map(
    (module) => `import type * as ${moduleIdentifier(module)} from "../${importPath(module)}.js";`,
  );
}

/** @param {string[]} modules */
function fullApiEntries(modules) {
  return modules.map((module) => `  "${importPath(module)}": typeof ${moduleIdentifier(module)},`);
}

/** @param {ChildComponent[]} children */
function childLines(children) {
  return children.map(
    ({ name, importPath: path }) =>
      `  "${name}": import("${path}/_generated/component.js").ComponentApi<"${name}">,`,
  );
}

/**
 * The CLI builds `ComponentApi` from the deployment's analysis of each exported function's
 * validators. Offline it is derived at type level from the component's own public `api`:
 * each public reference becomes an internal one carrying the component name, and `Id<...>`
 * values become `string` as in the CLI's output (ids are plain strings outside a component).
 */
function componentTS() {
  return [
    header("Generated `ComponentApi` utility."),
    `
    import type { FunctionReference } from "convex/server";
    import type { GenericId } from "convex/values";
    import type { api } from "./api.js";

    /**
    * A utility for referencing a Convex component's exposed API.
    *
    * Useful when expecting a parameter like \`components.myComponent\`.
    * Usage:
    * \`\`\`ts
    * async function myFunction(ctx: QueryCtx, component: ComponentApi) {
    *   return ctx.runQuery(component.someFile.someQuery, { ...args });
    * }
    * \`\`\`
    */`,
    `export type ComponentApi<Name extends string | undefined = string | undefined> = `,
    `ExportedApi<typeof api, Name>;`,
    `
    /**
     * Offline codegen: the component's public functions as its parent calls them.
     */
    type ExportedApi<Api, Name extends string | undefined> = {
      [Key in keyof Api]: Api[Key] extends FunctionReference<infer Type, "public", infer Args, infer Returns>
        ? FunctionReference<Type, "internal", PlainIds<Args>, PlainIds<Returns>, Name>
        : ExportedApi<Api[Key], Name>;
    };

    /**
     * Offline codegen: \`Id<...>\` becomes \`string\`, as in validator-derived component types.
     */
    type PlainIds<T> = T extends GenericId<string>
      ? string
      : T extends ArrayBuffer
        ? T
        : T extends Array<infer Item>
          ? Array<PlainIds<Item>>
          : T extends object
            ? { [Key in keyof T]: PlainIds<T[Key]> }
            : T;
  `,
  ].join("\n");
}

/** @param {boolean} hasSchema */
function dataModel(hasSchema) {
  return hasSchema ? dynamicDataModel() : noSchemaDataModel();
}

function noSchemaDataModel() {
  return `
  ${header("Generated data model types.")}
  import { AnyDataModel } from "convex/server";
  import type { GenericId } from "convex/values";

  /**
   * No \`schema.ts\` file found!
   *
   * This generated code has permissive types like \`Doc = any\` because
   * Convex doesn't know your schema. If you'd like more type safety, see
   * https://docs.convex.dev/using/schemas for instructions on how to add a
   * schema file.
   *
   * After you change a schema, rerun codegen with \`npx convex dev\`.
   */

  /**
   * The names of all of your Convex tables.
   */
  export type TableNames = string;

  /**
   * The type of a document stored in Convex.
   */
  export type Doc = any;

  /**
   * An identifier for a document in Convex.
   *
   * Convex documents are uniquely identified by their \`Id\`, which is accessible
   * on the \`_id\` field. To learn more, see [Document IDs](https://docs.convex.dev/using/document-ids).
   *
   * Documents can be loaded using \`db.get(tableName, id)\` in query and mutation functions.
   *
   * IDs are just strings at runtime, but this type can be used to distinguish them from other
   * strings when type checking.
   */
  export type Id<TableName extends TableNames = TableNames> = GenericId<TableName>;

  /**
   * A type describing your Convex data model.
   *
   * This type includes information about what tables you have, the type of
   * documents stored in those tables, and the indexes defined on them.
   *
   * This type is used to parameterize methods like \`queryGeneric\` and
   * \`mutationGeneric\` to make them type-safe.
   */
  export type DataModel = AnyDataModel;`;
}

function dynamicDataModel() {
  return `
  ${header("Generated data model types.")}
  import type { DataModelFromSchemaDefinition, DocumentByName, TableNamesInDataModel, SystemTableNames } from "convex/server";
  import type { GenericId } from "convex/values";
  import schema from "../schema.js";

  /**
   * The names of all of your Convex tables.
   */
  export type TableNames = TableNamesInDataModel<DataModel>;

  /**
   * The type of a document stored in Convex.
   *
   * @typeParam TableName - A string literal type of the table name (like "users").
   */
  export type Doc<TableName extends TableNames> = DocumentByName<DataModel, TableName>;

  /**
   * An identifier for a document in Convex.
   *
   * Convex documents are uniquely identified by their \`Id\`, which is accessible
   * on the \`_id\` field. To learn more, see [Document IDs](https://docs.convex.dev/using/document-ids).
   *
   * Documents can be loaded using \`db.get(tableName, id)\` in query and mutation functions.
   *
   * IDs are just strings at runtime, but this type can be used to distinguish them from other
   * strings when type checking.
   *
   * @typeParam TableName - A string literal type of the table name (like "users").
   */
  export type Id<TableName extends TableNames | SystemTableNames> = GenericId<TableName>;

  /**
   * A type describing your Convex data model.
   *
   * This type includes information about what tables you have, the type of
   * documents stored in those tables, and the indexes defined on them.
   *
   * This type is used to parameterize methods like \`queryGeneric\` and
   * \`mutationGeneric\` to make them type-safe.
   */
  export type DataModel = DataModelFromSchemaDefinition<typeof schema>;
  `;
}
