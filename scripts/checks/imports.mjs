// Every module reference in a source file, read from the TypeScript AST so that `import type`,
// inline `type` specifiers, `export ... from`, dynamic `import()`, `require()` and type-level
// `import("x")` are told apart. Parsing only: no program, no module resolution.
import ts from "typescript";

/**
 * @typedef {object} ImportRef
 * @property {string} specifier the module specifier as written
 * @property {number} line 1-based line of the specifier
 * @property {boolean} typeOnly true when the reference is erased from the emitted JavaScript
 * @property {"import" | "export" | "dynamic-import" | "require" | "import-type" | "import-equals"} kind
 */

/** @param {string} fileName */
function scriptKind(fileName) {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/**
 * @param {ts.NamedImportBindings | ts.NamedExportBindings | undefined} bindings
 * @returns {boolean} true when the braces list at least one specifier and every one is `type`
 */
function everySpecifierIsType(bindings) {
  if (!bindings || !(ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

/**
 * @param {string} fileName used to pick the dialect (.ts, .tsx, .js, ...)
 * @param {string} text
 * @returns {ImportRef[]}
 */
export function extractImports(fileName, text) {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    scriptKind(fileName),
  );
  /** @type {ImportRef[]} */
  const refs = [];
  /**
   * @param {ts.Node} literal
   * @param {boolean} typeOnly
   * @param {ImportRef["kind"]} kind
   */
  const add = (literal, typeOnly, kind) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const { line } = source.getLineAndCharacterOfPosition(literal.getStart(source));
    refs.push({ specifier: literal.text, line: line + 1, typeOnly, kind });
  };

  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      // `import "x"` and `import {} from "x"` run the module: value imports.
      const typeOnly =
        clause !== undefined &&
        (clause.phaseModifier === ts.SyntaxKind.TypeKeyword ||
          (clause.name === undefined && everySpecifierIsType(clause.namedBindings)));
      add(node.moduleSpecifier, typeOnly, "import");
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(
        node.moduleSpecifier,
        node.isTypeOnly || everySpecifierIsType(node.exportClause),
        "export",
      );
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node.moduleReference.expression, node.isTypeOnly, "import-equals");
    } else if (ts.isCallExpression(node) && node.arguments[0]) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        add(node.arguments[0], false, "dynamic-import");
      } else if (ts.isIdentifier(node.expression) && node.expression.text === "require") {
        add(node.arguments[0], false, "require");
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true, "import-type");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}
