import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { existsSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { isSuccess } from "@convex-es/platform-decider";
import type { DeciderOutput } from "@convex-es/platform-decider";
import { deciderSpec, outcomeOf } from "@convex-es/platform-decider/testing";
import { accountDecider, contextAt } from "./support/account.js";
import type { AccountCommand, AccountEvent, AccountState } from "./support/account.js";
import {
  exportTargets,
  filesUnder,
  packageNamed,
  publishablePackages,
  readText,
  repoRoot,
} from "./support/repo.js";
import type { WorkspacePackage } from "./support/repo.js";
import {
  areaOf,
  businessRules,
  featureFiles,
  featureNamesIn,
  importSpecifiers,
  relativeImportsOf,
  ruleBlocks,
  specsRoot,
  stemOf,
  stepFileOf,
  stepFiles,
} from "./support/specTree.js";
import { createWorld, thrownBy } from "./support/world.js";

const feature = await loadFeature("./bdd-testing-infrastructure.feature");

const opening: AccountEvent = {
  type: "AccountOpened",
  data: { accountId: "acc-1", owner: "Ada", openedAt: 1 },
};

const world = createWorld(() => ({
  packages: [] as WorkspacePackage[],
  history: [] as AccountEvent[],
  specResult: undefined as
    ReturnType<ReturnType<ReturnType<typeof deciderSpec>["given"]>["when"]> | undefined,
  error: undefined as unknown,
  amount: 0,
  exported: new Map<string, string[]>(),
  state: null as AccountState,
  outputs: [] as DeciderOutput<AccountEvent, { balance: number }>[],
  events: [] as AccountEvent[],
}));

function featureFilesOf(pkg: WorkspacePackage): string[] {
  return filesUnder(join(pkg.dir, "tests"), (path) => path.endsWith(".feature"));
}

function testFilesOf(pkg: WorkspacePackage): string[] {
  return filesUnder(join(pkg.dir, "tests"), (path) => /\.(test|spec|steps)\.tsx?$/.test(path));
}

describeFeature(feature, ({ Rule, BeforeEachScenario, defineSteps }) => {
  BeforeEachScenario(() => world.reset());

  defineSteps(({ Given }) => {
    Given("an account history with an opening and a deposit of {int}", (_ctx, amount: number) => {
      world.value.history = [
        opening,
        { type: "MoneyDeposited", data: { amount, balanceAfter: amount, at: 2 } },
      ];
    });
    Given("the specification tree", () => {
      expect(featureFiles().length).toBeGreaterThan(0);
    });
    Given("the platform packages of the workspace", () => {
      world.value.packages = publishablePackages();
      expect(world.value.packages.map((pkg) => pkg.manifest.name)).toEqual(
        expect.arrayContaining(["@convex-es/platform-fsm", "@convex-es/platform-decider"]),
      );
    });
  });

  Rule("All domain logic tests must be Gherkin", ({ RuleScenario }) => {
    RuleScenario(
      "Domain packages are tested only through feature files",
      ({ Given, Then, And }) => {
        Given("the domain logic packages {string}", (_ctx, names: string) => {
          world.value.packages = names.split(", ").map(packageNamed);
        });
        Then("every test file of those packages is a step file bound to a feature file", () => {
          const problems = world.value.packages.flatMap((pkg) =>
            testFilesOf(pkg).flatMap((file) => {
              const where = relative(repoRoot, file);
              if (!file.endsWith(".steps.ts")) return [`${where} is not a Gherkin step file`];
              const features = new Set(featureFilesOf(pkg).map((feature) => basename(feature)));
              const named = featureNamesIn(file).filter((name) => features.has(name));
              return named.length === 0
                ? [`${where} loads none of its package's feature files`]
                : [];
            }),
          );
          expect(problems).toEqual([]);
          expect(world.value.packages.flatMap(testFilesOf).length).toBeGreaterThan(0);
        });
        And("every feature file of those packages is bound by a step file", () => {
          const bound = new Set(world.value.packages.flatMap(testFilesOf).flatMap(featureNamesIn));
          const features = world.value.packages.flatMap(featureFilesOf);
          expect(features.length).toBeGreaterThan(0);
          expect(
            features
              .filter((file) => !bound.has(basename(file)))
              .map((file) => relative(repoRoot, file)),
          ).toEqual([]);
        });
      },
    );

    RuleScenario(
      "Each business rule stands as a Rule block with its exact title",
      ({ Given, Then, And }) => {
        const rulesByFeature = new Map<string, string[]>();
        Given("the business rules table", () => {
          for (const rule of businessRules()) {
            rulesByFeature.set(rule.feature, [
              ...(rulesByFeature.get(rule.feature) ?? []),
              rule.title,
            ]);
          }
          expect(rulesByFeature.size).toBe(24);
        });
        Then("every spec feature file holds each rule of the table as a Rule block", () => {
          const present = featureFiles().filter((file) => rulesByFeature.has(basename(file)));
          expect(present.length).toBeGreaterThan(0);
          const missing = present.flatMap((file) => {
            const titles = new Set(ruleBlocks(file).map((block) => block.title));
            return (rulesByFeature.get(basename(file)) ?? [])
              .filter((title) => !titles.has(title))
              .map((title) => `${relative(specsRoot, file)}: missing Rule "${title}"`);
          });
          expect(missing).toEqual([]);
        });
        And("every Rule block of a spec feature file is a rule of the table", () => {
          const unknown = featureFiles()
            .flatMap(ruleBlocks)
            .filter(
              (block) => !(rulesByFeature.get(basename(block.file)) ?? []).includes(block.title),
            )
            .map(
              (block) =>
                `${relative(specsRoot, block.file)}: Rule "${block.title}" is not in the table`,
            );
          expect(unknown).toEqual([]);
        });
      },
    );
  });

  Rule("Deciders enable perfect test isolation", ({ RuleScenario }) => {
    RuleScenario(
      "A decider is specified from prior events with no infrastructure",
      ({ When, Then, And }) => {
        When("a withdrawal of {int} is specified", (_ctx, amount: number) => {
          world.value.amount = amount;
          world.value.specResult = deciderSpec(accountDecider, { context: contextAt(10) })
            .given(world.value.history)
            .when({ type: "Withdraw", data: { amount } });
        });
        Then(
          "the spec sees a {string} event with a balance of {int}",
          (_ctx, type: string, balance: number) => {
            world.value.specResult!.thenEvents([
              {
                type,
                data: { amount: world.value.amount, balanceAfter: balance, at: 10 },
              } as AccountEvent,
            ]);
          },
        );
        And("the spec sees a resulting state with a balance of {int}", (_ctx, balance: number) => {
          world.value.specResult!.thenStateMatches({ balance, status: "open" });
        });
      },
    );

    RuleScenario("A wrong expectation fails with a diff naming the field", ({ When, Then }) => {
      When(
        "a withdrawal of {int} is specified expecting a balance of {int}",
        (_ctx, amount: number, balance: number) => {
          const result = deciderSpec(accountDecider, { context: contextAt(10) })
            .given(world.value.history)
            .when({ type: "Withdraw", data: { amount } });
          world.value.error = thrownBy(() =>
            result.thenEvents([
              { type: "MoneyWithdrawn", data: { amount, balanceAfter: balance, at: 10 } },
            ]),
          );
        },
      );
      Then("the spec fails with a diff naming {string}", (_ctx, path: string) => {
        const error = world.value.error as { code?: string; message: string };
        expect(error.code).toBe("DECIDER_SPEC_MISMATCH");
        expect(error.message).toContain(path);
        expect(error.message).toMatch(/expected 70, received 60/);
      });
    });

    RuleScenario("The decider packages load without any framework", ({ When, Then }) => {
      let imports: { file: string; specifier: string }[] = [];
      When("the built files of {string} are inspected", (_ctx, names: string) => {
        imports = names.split(", ").flatMap((name) => {
          const dist = join(packageNamed(name).dir, "dist");
          const files = filesUnder(dist, (path) => path.endsWith(".js"));
          expect(files.length).toBeGreaterThan(0);
          return files.flatMap((file) =>
            importSpecifiers(file).map((specifier) => ({
              file: relative(repoRoot, file),
              specifier,
            })),
          );
        });
        expect(imports.length).toBeGreaterThan(0);
      });
      Then("they import nothing but their own modules", () => {
        expect(imports.filter((found) => !found.specifier.startsWith("."))).toEqual([]);
      });
    });
  });

  Rule("Step definitions must be organized to prevent conflicts", ({ RuleScenario }) => {
    RuleScenario("Each feature file has its own step file beside it", ({ Then, And }) => {
      Then(
        "every feature file has a step file of the same name in its area folder, or in the example its area specifies",
        () => {
          const orphans = featureFiles()
            .filter((file) => !existsSync(stepFileOf(file)))
            .map((file) => relative(specsRoot, file));
          expect(orphans).toEqual([]);
        },
      );
      And("every step file loads only the feature file of its name", () => {
        const exampleSteps = featureFiles()
          .map(stepFileOf)
          .filter((file) => !file.startsWith(specsRoot));
        const wrong = [...stepFiles(), ...exampleSteps]
          .filter((file) => {
            const named = featureNamesIn(file);
            return named.length !== 1 || named[0] !== `${stemOf(file)}.feature`;
          })
          .map((file) => relative(repoRoot, file));
        expect(wrong).toEqual([]);
        expect(exampleSteps.length).toBeGreaterThan(0);
      });
    });

    RuleScenario("Shared step helpers stay within their area", ({ Then }) => {
      Then("no step file imports the support modules of another area", () => {
        const crossings = stepFiles().flatMap((file) =>
          relativeImportsOf(file)
            .filter((specifier) => specifier.includes("support/"))
            .filter((specifier) => areaOf(join(dirname(file), specifier)) !== areaOf(file))
            .map((specifier) => `${relative(specsRoot, file)} imports ${specifier}`),
        );
        expect(crossings).toEqual([]);
        expect(stepFiles().length).toBeGreaterThan(0);
      });
    });
  });

  Rule("Integration tests use action-focused steps", ({ RuleScenario }) => {
    RuleScenario(
      "A command lifecycle is told one action at a time",
      ({ Given, When, And, Then }) => {
        let clock = 0;
        function act(command: AccountCommand): void {
          clock += 1;
          const output = accountDecider.decide(world.value.state, command, contextAt(clock));
          world.value.outputs.push(output);
          if (isSuccess(output)) {
            world.value.events.push(...output.events);
            world.value.state = output.events.reduce(accountDecider.evolve, world.value.state);
          }
        }
        Given("a new account {string} for {string}", (_ctx, accountId: string, owner: string) => {
          act({ type: "OpenAccount", data: { accountId, owner } });
          expect(world.value.state?.accountId).toBe(accountId);
          world.value.outputs = [];
        });
        When("the owner deposits {int}", (_ctx, amount: number) => {
          act({ type: "Deposit", data: { amount } });
        });
        And("the owner withdraws {int}", (_ctx, amount: number) => {
          act({ type: "Withdraw", data: { amount } });
        });
        And("the bank freezes the account", () => {
          act({ type: "FreezeAccount", data: { reason: "suspicious activity" } });
        });
        And("the owner tries to deposit {int}", (_ctx, amount: number) => {
          act({ type: "Deposit", data: { amount } });
        });
        Then("the commands were decided as {string}", (_ctx, outcomes: string) => {
          expect(world.value.outputs.map(outcomeOf).join(", ")).toBe(outcomes);
        });
        And(
          "the account is {string} with a balance of {int}",
          (_ctx, status: string, balance: number) => {
            expect(world.value.state).toMatchObject({ status, balance });
          },
        );
        And("the recorded events are {string}", (_ctx, types: string) => {
          expect(world.value.events.map((event) => event.type).join(", ")).toBe(types);
        });
      },
    );
  });

  Rule("Platform packages must have feature coverage", ({ RuleScenario }) => {
    RuleScenario("Every platform package ships feature files", ({ Then }) => {
      Then("each has at least one feature file under tests/features", () => {
        const without = world.value.packages
          .filter(
            (pkg) =>
              filesUnder(join(pkg.dir, "tests/features"), (p) => p.endsWith(".feature")).length ===
              0,
          )
          .map((pkg) => pkg.manifest.name);
        expect(without).toEqual([]);
      });
    });

    RuleScenario(
      "Every public function of a platform package is exercised by its steps",
      ({ When, Then }) => {
        When("their built entry points are imported", async () => {
          for (const pkg of world.value.packages) {
            const names = new Set<string>();
            for (const target of Object.values(exportTargets(pkg))) {
              const module = (await import(
                pathToFileURL(join(pkg.dir, target.import)).href
              )) as object;
              Object.keys(module).forEach((name) => names.add(name));
            }
            expect(names.size).toBeGreaterThan(0);
            world.value.exported.set(pkg.manifest.name, [...names]);
          }
        });
        Then("every exported name is used by a step file of that package", () => {
          const uncovered = world.value.packages.flatMap((pkg) => {
            const steps = filesUnder(join(pkg.dir, "tests"), (p) => /\.tsx?$/.test(p))
              .map(readText)
              .join("\n");
            return (world.value.exported.get(pkg.manifest.name) ?? [])
              .filter((name) => !new RegExp(`\\b${name}\\b`).test(steps))
              .map((name) => `${pkg.manifest.name}: ${name}`);
          });
          expect(uncovered).toEqual([]);
        });
      },
    );
  });
});
