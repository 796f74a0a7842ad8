import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import projections, { modules, register, schema } from "../../src/test.js";
import type { ComponentRegistrar } from "../../src/test.js";
import { featurePath, list } from "../support/world.js";

const feature = await loadFeature(featurePath("testing-with-convex-test.feature", import.meta.url));

type Registration = Parameters<ComponentRegistrar["registerComponent"]>;

describeFeature(feature, ({ BeforeEachScenario, Rule }) => {
  let registrations: Registration[];
  BeforeEachScenario(() => {
    registrations = [];
  });

  Rule("register installs the component in a convex-test instance", ({ RuleScenario }) => {
    RuleScenario(
      "The component is registered under its default name or another one",
      ({ When, Then, And }) => {
        When("register is called without a name and then with {string}", (_ctx, name: string) => {
          const t: ComponentRegistrar = {
            registerComponent: (...args) => void registrations.push(args),
          };
          projections.register(t);
          register(t, name);
        });
        Then("the component was registered as {string}", (_ctx, names: string) => {
          expect(registrations.map(([name]) => name)).toEqual(list(names));
        });
        And("each registration carries the component's schema and module map", () => {
          expect(projections).toEqual({ register, schema, modules });
          for (const [, registeredSchema, registeredModules] of registrations) {
            expect(registeredSchema).toBe(schema);
            expect(registeredModules).toBe(modules);
          }
          expect(Object.keys(schema.tables).sort()).toEqual([
            "checkpoints",
            "cursors",
            "failedJobs",
            "poisonEvents",
            "routedEvents",
          ]);
        });
      },
    );

    RuleScenario("The module map lists every function module of the component", ({ Then, And }) => {
      Then(
        "the module map of {string} lists every module of src/component",
        (_ctx, entry: string) => {
          const manifest = JSON.parse(
            readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8"),
          ) as { exports: Record<string, { import: string }> };
          expect(manifest.exports[entry]?.import).toBe("./dist/test.js");
          const dir = fileURLToPath(new URL("../../src/component/", import.meta.url));
          const onDisk = readdirSync(dir, { recursive: true, encoding: "utf8" })
            .filter((path) => path.endsWith(".ts") && !/^(schema|convex\.config)\.ts$/.test(path))
            .filter((path) => !/_generated\/(component|dataModel)\.ts$/.test(path))
            .map((path) => `./component/${path}`)
            .sort();
          expect(Object.keys(modules).sort()).toEqual(onDisk);
        },
      );
      And("every entry of the module map resolves to a module with exports", async () => {
        for (const [path, load] of Object.entries(modules)) {
          const module = (await load()) as Record<string, unknown>;
          expect(Object.keys(module).length, path).toBeGreaterThan(0);
        }
      });
    });
  });
});
