// Reading the example's README as a newcomer would: its sections, tables, links and diagrams.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// Tests run from the example's root (happy-dom gives modules no file URL to resolve from).
const readmePath = resolve("README.md");

export interface Readme {
  /** The first paragraph or quote after the `# title` line. */
  firstBlock(): string;
  /** The text of the `## title` section, or undefined when there is none. */
  section(title: string): string | undefined;
  /** The body rows of the first table of a section, as cells. */
  table(sectionTitle: string): string[][];
  /** Local link targets in a piece of markdown (web links and anchors left out). */
  linksIn(markdown: string): string[];
  /** Whether a link target, relative to the README, is a file or folder. */
  resolves(link: string): boolean;
  /** The mermaid diagrams of a section (and its subsections). */
  mermaidIn(sectionTitle: string): string[];
  /** The links of a section into docs/decisions/. */
  decisionLinks(sectionTitle: string): string[];
  /** The `# title` of a linked markdown file. */
  titleOf(link: string): string;
}

export function readmeOf(path = readmePath): Readme {
  const text = readFileSync(path, "utf8");
  const base = dirname(path);
  const target = (link: string) => resolve(base, link.split("#")[0]!);

  const section = (title: string): string | undefined => {
    const lines = text.split("\n");
    const start = lines.findIndex((line) => line.trim() === `## ${title}`);
    if (start < 0) return undefined;
    const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
    return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
  };

  const linksIn = (markdown: string): string[] =>
    [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1]!)
      .filter((link) => !/^(https?:|mailto:|#)/.test(link));

  return {
    firstBlock() {
      const afterTitle = text.slice(text.indexOf("\n", text.indexOf("# ")) + 1).trimStart();
      return afterTitle.split(/\n\s*\n/)[0] ?? "";
    },
    section,
    table(sectionTitle) {
      const rows = (section(sectionTitle) ?? "")
        .split("\n")
        .filter((line) => line.trimStart().startsWith("|"));
      // The header, then the separator row of dashes.
      return rows.slice(2).map((row) =>
        row
          .trim()
          .replace(/^\||\|$/g, "")
          .split("|")
          .map((cell) => cell.trim()),
      );
    },
    linksIn,
    resolves: (link) => existsSync(target(link)),
    mermaidIn(sectionTitle) {
      const body = section(sectionTitle) ?? "";
      return [...body.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]!);
    },
    decisionLinks(sectionTitle) {
      return linksIn(section(sectionTitle) ?? "").filter((link) =>
        /docs\/decisions\/\d{4}-[\w-]+\.md$/.test(link),
      );
    },
    titleOf(link) {
      const heading = /^# (.+)$/m.exec(readFileSync(target(link), "utf8"));
      return heading?.[1]?.trim() ?? "";
    },
  };
}
