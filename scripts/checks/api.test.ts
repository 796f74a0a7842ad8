// @vitest-environment node
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import { runCheckApi, serializeSurface } from "./api-surface.mjs";
import { allowsBreakingChange, nextBreakingVersion } from "./semver.mjs";
import { copyToTemp, edit, editJson, FIXTURES, removeTemps, runScript } from "./test-helpers.js";

const FIXTURE = join(FIXTURES, "api");
const OUT_OF_DATE = "api-surface.json is out of date, run `node scripts/check-api.mjs --write`";

afterAll(removeTemps);

/** A copy of the fixture: @fixture/widgets 1.2.0 and @fixture/gadgets 0.3.1, both recorded. */
function workspace() {
  const root = copyToTemp(FIXTURE);
  const widgets = join(root, "packages", "widgets");
  const gadgets = join(root, "packages", "gadgets");
  return {
    root,
    widgets,
    gadgets,
    removeIsWidget: () =>
      edit(join(widgets, "lib", "index.js"), (text) =>
        text.replace("export function isWidget", "function isWidget"),
      ),
    setVersion: (dir: string, version: string) =>
      editJson(join(dir, "package.json"), (json) => {
        json.version = version;
      }),
    surface: (dir: string) => JSON.parse(readFileSync(join(dir, "api-surface.json"), "utf8")),
  };
}

describe("check-api --check", () => {
  it("passes when the surface matches the recorded files", async () => {
    const { exitCode, report } = await runCheckApi(workspace().root);
    expect(report).toContain("✓ @fixture/widgets@1.2.0: unchanged");
    expect(report).toContain("✓ @fixture/gadgets@0.3.1: unchanged");
    expect(report).not.toContain("tooling");
    expect(exitCode).toBe(0);
  });

  it("fails on a removed name: a breaking change without a major bump", async () => {
    const ws = workspace();
    ws.removeIsWidget();
    const { exitCode, report } = await runCheckApi(ws.root);
    expect(exitCode).toBe(1);
    expect(report).toContain(
      "packages/widgets/api-surface.json: BREAKING change in @fixture/widgets",
    );
    expect(report).toContain('removed "isWidget" from "."');
    expect(report).toContain("needs 2.0.0 or later. Bump the version or restore the export.");
  });

  it("fails on a minor bump of a 1.x package too", async () => {
    const ws = workspace();
    ws.removeIsWidget();
    ws.setVersion(ws.widgets, "1.3.0");
    expect((await runCheckApi(ws.root)).exitCode).toBe(1);
  });

  it("passes a removed name when the major version was bumped", async () => {
    const ws = workspace();
    ws.removeIsWidget();
    ws.setVersion(ws.widgets, "2.0.0");
    const { exitCode, report } = await runCheckApi(ws.root);
    expect(report).toContain("BREAKING change allowed by the version bump 1.2.0 -> 2.0.0");
    expect(report).toContain("--write` to record it");
    expect(exitCode).toBe(0);
  });

  it("fails on a removed entry", async () => {
    const ws = workspace();
    editJson(join(ws.widgets, "package.json"), (json) => {
      delete (json.exports as Record<string, unknown>)["./testing"];
    });
    const { exitCode, report } = await runCheckApi(ws.root);
    expect(exitCode).toBe(1);
    expect(report).toContain('removed entry "./testing"');
  });

  it("treats the minor as the breaking boundary before 1.0", async () => {
    const ws = workspace();
    edit(join(ws.gadgets, "lib", "index.js"), (text) =>
      text.replace("export function gizmo", "function gizmo"),
    );
    ws.setVersion(ws.gadgets, "0.3.2");
    const patch = await runCheckApi(ws.root);
    expect(patch.exitCode).toBe(1);
    expect(patch.report).toContain(
      "needs 0.4.0 or later (before 1.0 the minor is the breaking boundary)",
    );
    ws.setVersion(ws.gadgets, "0.4.0");
    expect((await runCheckApi(ws.root)).exitCode).toBe(0);
  });

  it("asks for --write when a name is added", async () => {
    const ws = workspace();
    edit(
      join(ws.widgets, "lib", "testing.js"),
      (text) => `${text}\nexport const fakeWidget = { kind: "knob" };\n`,
    );
    const { exitCode, report } = await runCheckApi(ws.root);
    expect(exitCode).toBe(1);
    expect(report).toContain(`packages/widgets/api-surface.json: ${OUT_OF_DATE}`);
    expect(report).toContain('added "fakeWidget" to "./testing"');
  });

  it("asks for --write when a package has no recorded surface yet", async () => {
    const ws = workspace();
    rmSync(join(ws.gadgets, "api-surface.json"));
    const { exitCode, report } = await runCheckApi(ws.root);
    expect(exitCode).toBe(1);
    expect(report).toContain(
      "packages/gadgets/api-surface.json is missing: run `node scripts/check-api.mjs --write`",
    );
  });

  it("fails with a build hint when an entry's file is missing", async () => {
    const ws = workspace();
    rmSync(join(ws.gadgets, "lib", "index.js"));
    const { exitCode, report } = await runCheckApi(ws.root);
    expect(exitCode).toBe(1);
    expect(report).toContain(
      "packages/gadgets/lib/index.js, which does not exist; run `pnpm build` first",
    );
  });
});

describe("check-api --write", () => {
  it("records additions, then --check passes", async () => {
    const ws = workspace();
    edit(join(ws.gadgets, "lib", "index.js"), (text) => `${text}\nexport const widgetry = 1;\n`);
    expect((await runCheckApi(ws.root, { write: true })).exitCode).toBe(0);
    expect(ws.surface(ws.gadgets)).toEqual({
      version: "0.3.1",
      entries: { ".": ["gadget", "gizmo", "widgetry"] },
    });
    expect((await runCheckApi(ws.root)).exitCode).toBe(0);
  });

  it("refuses to record a breaking change without a bump unless told to", async () => {
    const ws = workspace();
    ws.removeIsWidget();
    const refused = await runCheckApi(ws.root, { write: true });
    expect(refused.exitCode).toBe(1);
    expect(refused.report).toContain("not written: BREAKING change");
    expect(ws.surface(ws.widgets).entries["."]).toContain("isWidget");
    const accepted = await runCheckApi(ws.root, { write: true, acceptBreaking: true });
    expect(accepted.exitCode).toBe(0);
    expect(ws.surface(ws.widgets).entries["."]).not.toContain("isWidget");
  });

  it("records runtime names only: TypeScript source entries through the checker, types-only entries empty", async () => {
    const ws = workspace();
    rmSync(join(ws.widgets, "api-surface.json"));
    await runCheckApi(ws.root, { write: true });
    expect(ws.surface(ws.widgets)).toEqual({
      version: "1.2.0",
      entries: {
        ".": ["WIDGET_KINDS", "default", "isWidget", "makeWidget"],
        "./testing": ["assertWidget"],
        "./test": ["register", "schema"],
        "./component.js": [],
      },
    });
  });
});

describe("the command line", () => {
  it("writes and checks through --root", () => {
    const ws = workspace();
    rmSync(join(ws.gadgets, "api-surface.json"));
    const check = runScript("check-api.mjs", ["--root", ws.root]);
    expect(check.code).toBe(1);
    const write = runScript("check-api.mjs", ["--root", ws.root, "--write"]);
    expect(write.output).toContain("wrote packages/gadgets/api-surface.json");
    expect(write.code).toBe(0);
    expect(existsSync(join(ws.gadgets, "api-surface.json"))).toBe(true);
    expect(runScript("check-api.mjs", ["--root", ws.root, "--check"]).code).toBe(0);
  });

  it("rejects --check with --write", () => {
    const { code, output } = runScript("check-api.mjs", ["--check", "--write"]);
    expect(code).toBe(2);
    expect(output).toContain("--check and --write exclude each other");
  });
});

describe("serializeSurface", () => {
  it("writes what Prettier would, so format:check passes on api-surface.json", async () => {
    const long = Array.from({ length: 12 }, (_, i) => `exportedName${i}`);
    const surface = {
      version: "0.1.0",
      entries: { ".": long, "./testing": ["given", "when"], "./types": [] },
    };
    const text = serializeSurface(surface);
    expect(await format(text, { parser: "json", printWidth: 100 })).toBe(text);
    expect(JSON.parse(text)).toEqual(surface);
    const empty = serializeSurface({ version: "1.0.0", entries: {} });
    expect(await format(empty, { parser: "json", printWidth: 100 })).toBe(empty);
  });
});

describe("semver boundaries", () => {
  it.each([
    ["1.2.0", "2.0.0", true],
    ["1.2.0", "1.9.0", false],
    ["1.2.0", "1.2.0", false],
    ["2.0.0", "1.0.0", false],
    ["1.2.0", "2.0.0-beta.1", true],
    ["0.1.0", "0.2.0", true],
    ["0.1.0", "0.1.5", false],
    ["0.9.3", "1.0.0", true],
    ["0.0.3", "0.0.4", true],
    ["not-a-version", "2.0.0", false],
  ])("%s -> %s allows a breaking change: %s", (recorded, current, allowed) => {
    expect(allowsBreakingChange(recorded, current)).toBe(allowed);
  });

  it.each([
    ["1.2.3", "2.0.0"],
    ["0.1.3", "0.2.0"],
    ["0.0.3", "0.0.4"],
  ])("after %s a breaking change needs %s", (recorded, next) => {
    expect(nextBreakingVersion(recorded)).toBe(next);
  });
});
