// Static reading of a `convex.config.ts` (or a published `convex.config.js`): which definition it
// makes, the component's name, declared env vars, and the components it uses. The file is parsed
// with the TypeScript compiler API, never executed (`app.use()` only works inside Convex).
import { readFileSync } from "node:fs";
import ts from "typescript";
import { v } from "convex/values";

/**
 * An env var in the shape of the Convex CLI's component analysis (`definition.envVars`).
 * @typedef {[string, { type: "value", value: string, optional?: true }]} EnvVar
 */

/**
 * A `<definition>.use(child, options)` call.
 * @typedef {object} ChildUse
 * @property {string} specifier module the child definition was imported from
 * @property {string | null} name `options.name`, or null to default to the child's own name
 * @property {number} line 1-based line of the call
 */

/**
 * @typedef {object} ConvexConfig
 * @property {"app" | "component"} kind
 * @property {string | null} name the `defineComponent` name (null for an app)
 * @property {EnvVar[] | undefined} env declared env vars, undefined when there is no `env` option
 * @property {ChildUse[]} uses in call order, which is the order of `components` in the CLI output
 */

/**
 * Reads a convex.config file. Returns null when it calls neither `defineApp` nor
 * `defineComponent` from "convex/server".
 *
 * Supported forms (anything else is an error naming the line, rather than a silent guess):
 * `const x = defineApp(options?)` or `defineComponent("literal name", options?)` (or the call
 * as the default export when nothing is used);
 * `x.use(importedDefinition, { name: "literal", ... }?)` where the definition is an imported
 * binding; `env: { NAME: v.string(), OTHER: v.optional(v.union(v.literal("a"), ...)) }` with
 * validators written inline.
 *
 * @param {string} path
 * @returns {ConvexConfig | null}
 */
export function parseConvexConfig(path) {
  const text = readFileSync(path, "utf8");
  const kind = /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  /** @param {ts.Node} node @param {string} message */
  const fail = (node, message) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return new Error(`${path}:${line + 1}: ${message}`);
  };

  /** @type {Map<string, { specifier: string, imported: string }>} local name -> import */
  const imports = new Map();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const specifier = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (clause?.name) imports.set(clause.name.text, { specifier, imported: "default" });
    if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      for (const element of clause.namedBindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        imports.set(element.name.text, { specifier, imported });
      }
    }
  }
  /** @param {ts.Expression} callee @param {string} module @param {string} name */
  const isImported = (callee, module, name) => {
    if (!ts.isIdentifier(callee)) return false;
    const binding = imports.get(callee.text);
    return binding?.specifier === module && binding.imported === name;
  };

  /** @type {ts.CallExpression[]} */
  const calls = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);

  const definitions = calls.filter(
    (call) =>
      isImported(call.expression, "convex/server", "defineApp") ||
      isImported(call.expression, "convex/server", "defineComponent"),
  );
  const definition = definitions[0];
  if (!definition) return null;
  if (definitions.length > 1) {
    throw fail(definitions[1] ?? definition, "more than one defineApp/defineComponent call");
  }
  const isComponent = isImported(definition.expression, "convex/server", "defineComponent");
  // `const app = defineApp(); app.use(...)`, or `export default defineComponent("x")` (no uses).
  const binding = definition.parent;
  const variable =
    ts.isVariableDeclaration(binding) && ts.isIdentifier(binding.name) ? binding.name.text : null;
  if (variable === null && !ts.isExportAssignment(binding)) {
    throw fail(definition, "assign the definition to a const, e.g. `const app = defineApp();`");
  }

  /** @type {string | null} */
  let name = null;
  if (isComponent) {
    const first = definition.arguments[0];
    if (!first || !ts.isStringLiteralLike(first)) {
      throw fail(definition, "defineComponent needs a string literal name");
    }
    name = first.text;
  }
  const options = definition.arguments[isComponent ? 1 : 0];
  const envProperty = options && objectProperty(options, "env", fail);
  const env = envProperty ? readEnv(envProperty, imports, fail) : undefined;

  /** @type {ChildUse[]} */
  const uses = [];
  for (const call of calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "use") continue;
    if (!ts.isIdentifier(callee.expression) || callee.expression.text !== variable) continue;
    const [child, useOptions] = call.arguments;
    const childImport = child && ts.isIdentifier(child) ? imports.get(child.text) : undefined;
    if (!childImport || childImport.imported !== "default") {
      throw fail(call, `${variable}.use() needs a component definition imported by default`);
    }
    const nameNode = useOptions && objectProperty(useOptions, "name", fail);
    if (nameNode && !ts.isStringLiteralLike(nameNode)) {
      throw fail(nameNode, "the component name in use(..., { name }) must be a string literal");
    }
    const { line } = file.getLineAndCharacterOfPosition(call.getStart(file));
    uses.push({
      specifier: childImport.specifier,
      name: nameNode && ts.isStringLiteralLike(nameNode) ? nameNode.text : null,
      line: line + 1,
    });
  }
  return { kind: isComponent ? "component" : "app", name, env, uses };
}

/**
 * @param {ts.Expression} node
 * @param {string} key
 * @param {(node: ts.Node, message: string) => Error} fail
 * @returns {ts.Expression | undefined}
 */
function objectProperty(node, key, fail) {
  if (!ts.isObjectLiteralExpression(node)) throw fail(node, "options must be an object literal");
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) throw fail(property, "spread options are not supported");
    const propertyName = property.name && ts.isIdentifier(property.name) ? property.name.text : "";
    const literalName =
      property.name && ts.isStringLiteral(property.name) ? property.name.text : propertyName;
    if (literalName !== key) continue;
    if (!ts.isPropertyAssignment(property)) throw fail(property, `write \`${key}: ...\` inline`);
    return property.initializer;
  }
  return undefined;
}

/**
 * Evaluates inline `v.*` validators with the real `v`, producing the CLI's env var analysis.
 * @param {ts.Expression} node
 * @param {Map<string, { specifier: string, imported: string }>} imports
 * @param {(node: ts.Node, message: string) => Error} fail
 * @returns {EnvVar[]}
 */
function readEnv(node, imports, fail) {
  if (!ts.isObjectLiteralExpression(node)) throw fail(node, "env must be an object literal");
  /** @type {EnvVar[]} */
  const env = [];
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property) || !property.name) {
      throw fail(property, "write each env var as `NAME: v.string()`");
    }
    if (!ts.isIdentifier(property.name) && !ts.isStringLiteral(property.name)) {
      throw fail(property, "env var names must be identifiers or string literals");
    }
    const validator = evaluateValidator(property.initializer, imports, fail);
    if (!isValidator(validator)) throw fail(property.initializer, "expected a `v.*` validator");
    env.push([
      property.name.text,
      {
        type: "value",
        value: JSON.stringify(validator.json),
        ...(validator.isOptional === "optional" ? { optional: /** @type {const} */ (true) } : {}),
      },
    ]);
  }
  return env;
}

/**
 * @param {ts.Expression} node
 * @param {Map<string, { specifier: string, imported: string }>} imports
 * @param {(node: ts.Node, message: string) => Error} fail
 * @returns {unknown}
 */
function evaluateValidator(node, imports, fail) {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  ) {
    return -Number(node.operand.text);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const target = node.expression.expression;
    const method = node.expression.name.text;
    const binding = ts.isIdentifier(target) ? imports.get(target.text) : undefined;
    const builder = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (v))[method];
    if (binding?.specifier === "convex/values" && binding.imported === "v") {
      if (typeof builder !== "function") throw fail(node, `unknown validator v.${method}`);
      const args = node.arguments.map((arg) => evaluateValidator(arg, imports, fail));
      return builder(...args);
    }
  }
  throw fail(node, "env validators must be inline `v.*` calls with literal arguments");
}

/**
 * @param {unknown} value
 * @returns {value is { json: unknown, isOptional: string }}
 */
function isValidator(value) {
  return typeof value === "object" && value !== null && "json" in value && "isOptional" in value;
}
