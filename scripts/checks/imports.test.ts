// @vitest-environment node
import { describe, expect, it } from "vitest";
import { extractImports } from "./imports.mjs";

const summarize = (fileName: string, text: string) =>
  extractImports(fileName, text).map((ref) => [ref.specifier, ref.kind, ref.typeOnly, ref.line]);

describe("extractImports", () => {
  it("tells value references from type-only ones in TypeScript", () => {
    const source = [
      'import a from "a";',
      'import type { B } from "b";',
      'import { type C, type D } from "c";',
      'import { type E, e } from "e";',
      'import type F, { type G } from "f";',
      'import {} from "empty";',
      'import "side-effect";',
      'export * from "star";',
      'export type * from "star-types";',
      'export { type H } from "h";',
      'export { i } from "i";',
      'import j = require("j");',
      'import type k = require("k");',
      'const l = await import("l");',
      'type M = typeof import("m");',
      'let n: import("n").N;',
      "const o = import(`o`);",
      "const dynamic = import(name);",
      "export { a, e, j, l, n, o, dynamic };",
      "export type { B, C, D, F, G, M };",
    ].join("\n");
    expect(summarize("x.ts", source)).toEqual([
      ["a", "import", false, 1],
      ["b", "import", true, 2],
      ["c", "import", true, 3],
      ["e", "import", false, 4],
      ["f", "import", true, 5],
      ["empty", "import", false, 6],
      ["side-effect", "import", false, 7],
      ["star", "export", false, 8],
      ["star-types", "export", true, 9],
      ["h", "export", true, 10],
      ["i", "export", false, 11],
      ["j", "import-equals", false, 12],
      ["k", "import-equals", true, 13],
      ["l", "dynamic-import", false, 14],
      ["m", "import-type", true, 15],
      ["n", "import-type", true, 16],
      ["o", "dynamic-import", false, 17],
    ]);
  });

  it("reads require() in JavaScript and JSX in .tsx", () => {
    expect(summarize("x.cjs", 'const fs = require("node:fs");\nmodule.exports = fs;')).toEqual([
      ["node:fs", "require", false, 1],
    ]);
    const tsx = 'import { h } from "preact";\nexport const view = () => <div>{h}</div>;';
    expect(summarize("x.tsx", tsx)).toEqual([["preact", "import", false, 1]]);
  });

  it("reports the line of the specifier in a multi-line import", () => {
    const source = 'import {\n  a,\n  b,\n} from "multi";\nexport { a, b };';
    expect(summarize("x.ts", source)).toEqual([["multi", "import", false, 4]]);
  });
});
