// Structure of the specification tree: specs/<area>/<name>.feature beside <name>.steps.ts.
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import ts from "typescript";
import { filesUnder, readText, repoRoot } from "./repo.js";

export const specsRoot = join(repoRoot, "specs");

export function specAreas(): string[] {
  return readdirSync(specsRoot).filter(
    (name) =>
      !name.startsWith(".") &&
      name !== "node_modules" &&
      statSync(join(specsRoot, name)).isDirectory(),
  );
}

export function featureFiles(root = specsRoot): string[] {
  return filesUnder(root, (path) => path.endsWith(".feature"));
}

export function stepFiles(root = specsRoot): string[] {
  return filesUnder(root, (path) => path.endsWith(".steps.ts"));
}

/** File names of the feature files a step file names, e.g. ["decider-pattern.feature"]. */
export function featureNamesIn(stepFile: string): string[] {
  const literals = readText(stepFile).matchAll(/["'`](?:[^"'`\s]*\/)?([\w-]+\.feature)["'`]/g);
  return [...new Set([...literals].map((match) => match[1]!))];
}

/** Every module specifier a source file imports or re-exports, read by the TypeScript parser. */
export function importSpecifiers(file: string): string[] {
  return ts.preProcessFile(readText(file), true, true).importedFiles.map((found) => found.fileName);
}

/** Relative module specifiers a source file imports. */
export function relativeImportsOf(file: string): string[] {
  return importSpecifiers(file).filter((specifier) => specifier.startsWith("."));
}

export function areaOf(file: string): string {
  return relative(specsRoot, file).split("/")[0]!;
}

export function stemOf(file: string): string {
  return basename(file).replace(/\.(feature|steps\.ts)$/, "");
}

/**
 * Areas whose rules run in an example's own tests, by step folder: nothing may import
 * `examples/`, so the example loads the feature instead (decision 0022).
 */
export const exampleStepFolders: Readonly<Record<string, string>> = {
  "example-app": join(repoRoot, "examples", "order-management", "tests", "steps"),
};

/** The step file a feature needs: beside it, or in the example its area specifies. */
export function stepFileOf(featureFile: string): string {
  const folder = exampleStepFolders[areaOf(featureFile)] ?? dirname(featureFile);
  return join(folder, `${stemOf(featureFile)}.steps.ts`);
}

export type RuleBlock = { file: string; title: string };

export function ruleBlocks(featureFile: string): RuleBlock[] {
  return readText(featureFile)
    .split(/\r?\n/)
    .map((line) => /^\s*Rule:\s*(.+?)\s*$/.exec(line)?.[1])
    .filter((title): title is string => title !== undefined)
    .map((title) => ({ file: featureFile, title }));
}

/** The business rules table: one `<feature file>\t<rule title>` line per rule. */
export function businessRules(): { feature: string; title: string }[] {
  return readText(join(specsRoot, "business-rules.tsv"))
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [feature, title] = line.split("\t");
      if (!feature || !title) throw new Error(`Malformed business rule line: "${line}"`);
      return { feature, title };
    });
}
