import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  exportTargets,
  filesUnder,
  packageNamed,
  publishablePackages,
  workspacePackages,
} from "./support/repo.js";
import type { WorkspacePackage } from "./support/repo.js";
import {
  copyWorkspace,
  pnpmCommand,
  removeDirectory,
  run,
  runScript,
  temporaryDirectory,
} from "./support/tooling.js";
import type { RunResult } from "./support/tooling.js";
import { createWorld } from "./support/world.js";

const feature = await loadFeature("./package-architecture.feature");

const world = createWorld(() => ({
  packages: [] as WorkspacePackage[],
  result: undefined as RunResult | undefined,
  workspace: undefined as string | undefined,
  installDir: undefined as string | undefined,
  violatingFile: "",
}));

function lastRun(): RunResult {
  if (!world.value.result) throw new Error("No check has run in this scenario");
  return world.value.result;
}

describeFeature(feature, ({ Rule, BeforeEachScenario, AfterEachScenario, defineSteps }) => {
  BeforeEachScenario(() => world.reset());
  AfterEachScenario(() => {
    for (const dir of [world.value.workspace, world.value.installDir])
      if (dir) removeDirectory(dir);
  });

  defineSteps(({ Given }) => {
    Given("the publishable packages", () => {
      world.value.packages = publishablePackages();
      expect(world.value.packages.length).toBeGreaterThanOrEqual(2);
    });
  });

  Rule("Layer 0 packages have no framework dependencies", ({ RuleScenario }) => {
    RuleScenario("The layer 0 packages declare no dependencies", ({ Given, Then }) => {
      Given("the layer 0 packages {string}", (_ctx, names: string) => {
        world.value.packages = names.split(", ").map(packageNamed);
      });
      Then("none of them declares a dependency or a peer dependency", () => {
        const declared = world.value.packages.flatMap((pkg) =>
          Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies }).map(
            (dependency) => `${pkg.manifest.name} -> ${dependency}`,
          ),
        );
        expect(declared).toEqual([]);
      });
    });

    RuleScenario("The layer check passes on the repository", ({ When, Then }) => {
      When("the layer check runs on the repository", () => {
        world.value.result = runScript("check-layers.mjs");
      });
      Then("it reports no violation", () => {
        expect(lastRun().output).toContain("layer rules hold");
        expect(lastRun().status).toBe(0);
      });
    });

    RuleScenario(
      "The layer check refuses a framework import in layer 0",
      ({ Given, When, Then }) => {
        Given(
          "a workspace whose {string} source imports {string}",
          (_ctx, name: string, specifier: string) => {
            const pkg = packageNamed(name);
            world.value.workspace = copyWorkspace([pkg.dir], (path) => !path.includes("/dist"));
            world.value.violatingFile = join("packages", name, "src", "clock.ts");
            writeFileSync(
              join(world.value.workspace, world.value.violatingFile),
              `import { cronJobs } from "${specifier}";\nexport const jobs = cronJobs;\n`,
            );
          },
        );
        When("the layer check runs on that workspace", () => {
          world.value.result = runScript("check-layers.mjs", ["--root", world.value.workspace!]);
        });
        Then("it fails naming the file and the import {string}", (_ctx, specifier: string) => {
          expect(lastRun().status).toBe(1);
          expect(lastRun().output).toContain(world.value.violatingFile);
          expect(lastRun().output).toContain(`"${specifier}"`);
        });
      },
    );
  });

  Rule("Consumers can install individual packages", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenario("Each package declares what it ships", ({ Then }) => {
      Then(
        "each has an exports map, a files list with {string} and type {string}",
        (_ctx, folder: string, type: string) => {
          const problems = world.value.packages.flatMap((pkg) => {
            const { manifest } = pkg;
            return [
              !manifest.exports?.["."] && `${manifest.name} has no "." export`,
              !manifest.files?.includes(folder) && `${manifest.name} does not ship ${folder}`,
              manifest.type !== type && `${manifest.name} is not type ${type}`,
            ].filter((problem): problem is string => typeof problem === "string");
          });
          expect(problems).toEqual([]);
        },
      );
    });

    RuleScenarioOutline(
      "A package installs alone from its tarball",
      ({ When, Then }, variables) => {
        When(
          '"<package>" is packed and installed into an empty project outside the workspace',
          () => {
            const pkg = packageNamed(variables.package);
            const dir = temporaryDirectory("install");
            world.value.installDir = dir;
            const [pnpm, pnpmArgs] = pnpmCommand();
            const packed = run(pnpm, [...pnpmArgs, "pack", "--pack-destination", dir], pkg.dir);
            expect(packed.status, packed.output).toBe(0);
            const tarball = readdirSync(dir).find((file) => file.endsWith(".tgz"));
            expect(tarball).toBeDefined();
            writeFileSync(
              join(dir, "package.json"),
              JSON.stringify({ name: "consumer", private: true, type: "module" }),
            );
            const installed = run(
              "npm",
              ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`],
              dir,
            );
            expect(installed.status, installed.output).toBe(0);
            expect(existsSync(join(dir, "node_modules", variables.package, "package.json"))).toBe(
              true,
            );
          },
        );
        Then('its entry points "<entries>" import in that project', () => {
          const specifiers = variables.entries
            .split(", ")
            .map((entry: string) =>
              entry === "." ? variables.package : `${variables.package}/${entry.slice(2)}`,
            );
          const script = specifiers
            .map(
              (specifier: string) =>
                `const m${specifiers.indexOf(specifier)} = await import("${specifier}"); if (Object.keys(m${specifiers.indexOf(specifier)}).length === 0) throw new Error("${specifier} exports nothing");`,
            )
            .join("\n");
          const imported = run(
            process.execPath,
            ["--input-type=module", "-e", `${script}\nconsole.log("imported")`],
            world.value.installDir,
          );
          expect(imported.output).toContain("imported");
          expect(imported.status).toBe(0);
        });
      },
    );
  });

  Rule("Tests ship with framework packages", ({ RuleScenario }) => {
    RuleScenario("Each platform package exports its testing helpers", ({ Then, And }) => {
      Then(
        "each has a {string} or {string} entry point that exports at least one helper",
        async (_ctx, testing: string, test: string) => {
          for (const pkg of world.value.packages) {
            const targets = exportTargets(pkg);
            const target = targets[testing] ?? targets[test];
            expect(target, `${pkg.manifest.name} has neither ${testing} nor ${test}`).toBeDefined();
            const module = (await import(join(pkg.dir, target!.import))) as object;
            expect(Object.keys(module).length, pkg.manifest.name).toBeGreaterThan(0);
          }
        },
      );
      And("each package's tarball contains its feature files", () => {
        for (const pkg of world.value.packages) {
          const listed = run("npm", ["pack", "--dry-run", "--json"], pkg.dir);
          expect(listed.status, listed.output).toBe(0);
          const [report] = JSON.parse(listed.stdout) as {
            files: { path: string }[];
          }[];
          const shipped = new Set(report!.files.map((file) => file.path));
          const features = filesUnder(join(pkg.dir, "tests/features"), (path) =>
            path.endsWith(".feature"),
          );
          expect(features.length).toBeGreaterThan(0);
          expect(
            features.map((file) => relative(pkg.dir, file)).filter((file) => !shipped.has(file)),
          ).toEqual([]);
        }
      });
    });
  });

  Rule("Backward compatibility is maintained", ({ RuleScenario }) => {
    RuleScenario("The public API matches the recorded surface", ({ When, Then }) => {
      When("the API surface check runs on the repository", () => {
        world.value.result = runScript("check-api.mjs");
      });
      Then("it reports no change", () => {
        expect(lastRun().status, lastRun().output).toBe(0);
        expect(lastRun().output).not.toMatch(/BREAKING|out of date/);
      });
    });

    RuleScenario(
      "Removing a public name is refused without a breaking version",
      ({ Given, When, Then }) => {
        Given(
          "a workspace whose recorded API of {string} lists a name the package no longer exports",
          (_ctx, name: string) => {
            const pkg = packageNamed(name);
            world.value.workspace = copyWorkspace([pkg.dir], (path) => !path.includes("/tests"));
            const recorded = join(world.value.workspace, "packages", name, "api-surface.json");
            const surface = JSON.parse(readFileSync(recorded, "utf8")) as {
              entries: Record<string, string[]>;
            };
            surface.entries["."] = [...(surface.entries["."] ?? []), "retiredHelper"].sort();
            writeFileSync(recorded, JSON.stringify(surface, null, 2));
          },
        );
        When("the API surface check runs on that workspace", () => {
          world.value.result = runScript("check-api.mjs", ["--root", world.value.workspace!]);
        });
        Then("it fails naming the removed export", () => {
          expect(lastRun().status).toBe(1);
          expect(lastRun().output).toContain("retiredHelper");
          expect(lastRun().output).toMatch(/BREAKING/i);
        });
      },
    );
  });

  Rule("No naming conflicts with libar-ai project", ({ RuleScenario }) => {
    RuleScenario("Every package lives under the @convex-es scope", ({ Given, Then, And }) => {
      Given("the workspace packages", () => {
        world.value.packages = workspacePackages();
        expect(world.value.packages.length).toBeGreaterThanOrEqual(4);
      });
      Then("every package name starts with {string}", (_ctx, scope: string) => {
        const outside = world.value.packages
          .map((pkg) => pkg.manifest.name)
          .filter((name) => !name.startsWith(scope));
        expect(outside).toEqual([]);
      });
      And("no package name uses the scopes {string}", (_ctx, scopes: string) => {
        const taken = world.value.packages
          .map((pkg) => pkg.manifest.name)
          .filter((name) => scopes.split(", ").some((scope) => name.startsWith(`${scope}/`)));
        expect(taken).toEqual([]);
      });
      And("no two packages share a name", () => {
        const names = world.value.packages.map((pkg) => pkg.manifest.name);
        expect(new Set(names).size).toBe(names.length);
      });
    });
  });
});
