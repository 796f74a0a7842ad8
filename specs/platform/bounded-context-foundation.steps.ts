// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import {
  declaresErrorCode,
  defineDualWriteContract,
  handlesCommand,
  isBoundedContextDefinitionError,
  producesEvent,
} from "@convex-es/platform-bc";
import type { AnyDualWriteContract, DefinitionErrorCode } from "@convex-es/platform-bc";
import { assertContractCovers, assertDefinitionRefused } from "@convex-es/platform-bc/testing";
import { ConvexError } from "convex/values";
import type { FunctionReturnType, TableNamesInDataModel } from "convex/server";
import { expect, expectTypeOf } from "vitest";
import { components, internal } from "./support/bankApp/convex/_generated/api.js";
import type { DataModel, Id } from "./support/bankApp/convex/_generated/dataModel.js";
import type { BankOutcome } from "./support/bankApp/convex/accounts.js";
import { depositConfig, openConfig, withdrawConfig } from "./support/bankApp/convex/bank.js";
import { accountsContract, accountsContractInput } from "./support/bankApp/domain/contract.js";
import { accountCMS } from "./support/bankApp/domain/messages.js";
import { accountStream, expectAccount, listFrom, open, send } from "./support/bankSteps.js";
import { accountsTables, appTables, identityOf, newBankApp } from "./support/bankTestApp.js";
import type { BankApp } from "./support/bankTestApp.js";
import { rejectionOf } from "./support/eventStoreApp.js";
import { createWorld, thrownBy } from "./support/world.js";

const feature = await loadFeature("./bounded-context-foundation.feature");

const world = createWorld(() => ({
  t: undefined as BankApp | undefined,
  answers: [] as BankOutcome[],
  error: undefined as unknown,
  limitIds: [] as string[],
  contract: undefined as AnyDualWriteContract | undefined,
  seen: undefined as FunctionReturnType<typeof internal.identity.identities> | undefined,
}));

const app = (): BankApp => {
  if (world.value.t === undefined) throw new Error("no bank app in this scenario");
  return world.value.t;
};
const last = (): BankOutcome => {
  const answer = world.value.answers.at(-1);
  if (answer === undefined) throw new Error("no command was answered in this scenario");
  return answer;
};
const limitId = (): string => {
  const [id] = world.value.limitIds;
  if (id === undefined) throw new Error("no limit id was returned in this scenario");
  return id;
};

/** "acc-1=500, acc-2=300" -> [{ accountId: "acc-1", limit: 500 }, ...]; "none" is no limit. */
function limitsFrom(text: string): { accountId: string; limit: number | null }[] {
  return listFrom(text).map((entry) => {
    const [accountId = "", limit = ""] = entry.split("=");
    return { accountId, limit: limit === "none" ? null : Number(limit) };
  });
}

async function setLimits(requestId: string, limits: string, crashAfterwards = false) {
  const answer = await app().mutation(internal.limits.requestDailyLimits, {
    requestId,
    limits: limitsFrom(limits).map(({ accountId, limit }) => ({ accountId, limit: Number(limit) })),
    ...(crashAfterwards && { crashAfterwards }),
  });
  world.value.limitIds = answer.limitIds;
  return answer;
}

/** The contract input with one change, as the outline names it. */
const malformed: Record<string, () => unknown> = {
  'execution mode "event-sourced"': () => ({
    ...accountsContractInput,
    executionMode: "event-sourced",
  }),
  "no command types": () => ({ ...accountsContractInput, commandTypes: [] }),
  '"Deposit" also listed as an event': () => ({
    ...accountsContractInput,
    eventTypes: [...accountsContractInput.eventTypes, "Deposit"],
  }),
  '"MoneyDeposited" listed twice': () => ({
    ...accountsContractInput,
    eventTypes: [...accountsContractInput.eventTypes, "MoneyDeposited"],
  }),
  'error code "notFound"': () => ({ ...accountsContractInput, errorCodes: ["notFound"] }),
  'CMS "accountCMS" at version 0': () => ({
    ...accountsContractInput,
    cmsTypes: { accountCMS: { currentVersion: 0 } },
  }),
  'context name "Accounts"': () => ({
    ...accountsContractInput,
    identity: { ...accountsContractInput.identity, name: "Accounts" },
  }),
};

describeFeature(feature, ({ Background, Rule }) => {
  Background(({ Given }) => {
    Given(
      "the bank app with account {string} opened for {string}",
      async (_ctx, accountId: string, owner: string) => {
        world.reset();
        world.value.t = newBankApp();
        const opened = await open(app(), "tina", accountId, owner, { commandId: "cmd-open" });
        expect(opened).toMatchObject({ status: "executed" });
      },
    );
  });

  Rule(
    "Components have isolated databases that parent cannot query directly",
    ({ RuleScenario }) => {
      RuleScenario(
        "The accounts CMS is reachable only through the accounts context's functions",
        (s) => {
          s.Then(
            "the accounts context answers account {string} of {string} with a balance of {int}",
            async (_ctx, accountId: string, owner: string, balance: number) => {
              expect(await app().query(internal.reads.account, { accountId })).toEqual({
                accountId,
                owner,
                status: "open",
                balance,
                version: 1,
              });
            },
          );
          s.And(
            "the app's schema declares {string} and the accounts context's declares {string}",
            (_ctx, appNames: string, contextNames: string) => {
              expect(appTables).toEqual(listFrom(appNames));
              expect(accountsTables).toEqual(listFrom(contextNames));
              // The app's typed data model agrees: "accounts" is no table name of the app.
              expectTypeOf<TableNamesInDataModel<DataModel>>().toEqualTypeOf<
                "limitRequests" | "accountBalances" | "balanceHistory" | "projectionFaults"
              >();
            },
          );
          s.And(
            "a full scan of {string} in the app's database finds no document",
            async (_ctx, table: string) => {
              const found = await app().run((ctx) =>
                ctx.db.query(table as TableNamesInDataModel<DataModel>).take(10),
              );
              expect(found).toEqual([]);
            },
          );
          s.And(
            "the app's database refuses the {string} index of {string}",
            async (_ctx, index: string, table: string) => {
              const error = await rejectionOf(() =>
                app().run((ctx) =>
                  ctx.db
                    .query(table as "limitRequests")
                    .withIndex(index as "by_request_id", (q) => q.eq("requestId", "acc-1"))
                    .take(1),
                ),
              );
              expect(String(error)).toContain(
                `Cannot use index "${index}" for table "${table}" because it is not declared in the schema`,
              );
            },
          );
        },
      );
    },
  );

  Rule("Sub-transactions are atomic within components", ({ RuleScenario }) => {
    const limitsAre = async (_ctx: unknown, limits: string) => {
      for (const { accountId, limit } of limitsFrom(limits)) {
        expect(await app().query(internal.limits.dailyLimitOf, { accountId })).toBe(limit);
      }
    };
    const setsLimits = async (_ctx: unknown, limits: string, requestId: string) => {
      await setLimits(requestId, limits);
    };

    RuleScenario("A component mutation's writes commit together", (s) => {
      s.Given(
        "account {string} was opened for {string}",
        async (_ctx, accountId: string, owner: string) => {
          const opened = await open(app(), "tina", accountId, owner, { commandId: "cmd-open-2" });
          expect(opened).toMatchObject({ status: "executed" });
        },
      );
      s.When("the app sets the daily limits {string} as request {string}", setsLimits);
      s.Then(
        "request {string} is recorded {string}",
        async (_ctx, requestId: string, status: string) => {
          expect(await app().query(internal.limits.limitRequest, { requestId })).toEqual({
            status,
          });
          expect(world.value.limitIds).toHaveLength(2);
        },
      );
      s.And("the daily limits are {string}", limitsAre);
    });

    RuleScenario(
      "A component mutation that throws takes back all its writes while its caller commits",
      (s) => {
        s.When("the app sets the daily limits {string} as request {string}", setsLimits);
        s.Then(
          "request {string} is recorded {string} with code {string}",
          async (_ctx, requestId: string, status: string, code: string) => {
            // The caller caught the refusal and committed its own record of it.
            expect(await app().query(internal.limits.limitRequest, { requestId })).toEqual({
              status,
              code,
            });
          },
        );
        // acc-1's limit was written before acc-404 was reached: it went with the throw.
        s.And("the daily limits are {string}", limitsAre);
      },
    );

    RuleScenario("A committed sub-transaction rolls back with its caller", (s) => {
      s.When(
        "the app sets the daily limits {string} as request {string} and then crashes",
        async (_ctx, limits: string, requestId: string) => {
          world.value.error = await rejectionOf(() => setLimits(requestId, limits, true));
        },
      );
      s.Then("the call failed saying {string}", (_ctx, message: string) => {
        expect(String(world.value.error)).toContain(message);
      });
      s.And("request {string} is not recorded", async (_ctx, requestId: string) => {
        expect(await app().query(internal.limits.limitRequest, { requestId })).toBeNull();
      });
      s.And("the daily limits are {string}", limitsAre);
    });
  });

  Rule("ctx.auth does not cross component boundaries", ({ RuleScenario }) => {
    RuleScenario("A component sees no identity while the app's caller is signed in", (s) => {
      s.When("{string} signed in asks who is calling", async (_ctx, userId: string) => {
        world.value.seen = await app()
          .withIdentity(identityOf(userId))
          .query(internal.identity.identities, {});
      });
      s.Then(
        "the app sees {string} and the accounts context sees nobody",
        (_ctx, userId: string) => {
          expect(world.value.seen).toEqual({ inApp: { subject: userId }, inComponent: null });
        },
      );
    });

    RuleScenario("The app hands the identity it resolved to the command as data", (s) => {
      s.When(
        "teller {string} signed in deposits {int} into account {string} as command {string}",
        async (_ctx, caller: string, amount: number, accountId: string, commandId: string) => {
          world.value.answers.push(
            await send(app(), caller, "deposit", accountId, amount, { commandId }),
          );
        },
      );
      s.Then(
        "the deposit is {string} and its event names {string} as the user",
        async (_ctx, status: string, userId: string) => {
          expect(last()).toMatchObject({ status });
          const events = await accountStream(app(), "acc-1");
          expect(events.at(-1)).toMatchObject({
            eventType: "MoneyDeposited",
            metadata: { userId, commandId: last().commandId },
          });
        },
      );
    });

    RuleScenario("Without a signed-in caller the app refuses before the context is called", (s) => {
      s.When(
        "an anonymous caller deposits {int} into account {string} as command {string}",
        async (_ctx, amount: number, accountId: string, commandId: string) => {
          world.value.answers.push(
            await send(app(), "anonymous", "deposit", accountId, amount, { commandId }),
          );
        },
      );
      s.Then("the deposit is {string} with code {string}", (_ctx, status: string, code: string) => {
        expect(last()).toMatchObject({ status, eventIds: [], result: { code } });
      });
      s.And(
        "account {string} still has a balance of {int} at CMS version {int}",
        (_ctx, accountId: string, balance: number, version: number) =>
          expectAccount(app(), accountId, balance, version),
      );
    });
  });

  Rule('Id<"table"> inside component becomes string at API boundary', ({ RuleScenario }) => {
    const setsLimits = async (_ctx: unknown, limits: string, requestId: string) => {
      expect(await setLimits(requestId, limits)).toMatchObject({ status: "applied" });
    };

    RuleScenario("A document id leaves the accounts context as a plain string", (s) => {
      s.When("the app sets the daily limits {string} as request {string}", setsLimits);
      s.Then("the returned limit id is a string", () => {
        expect(typeof limitId()).toBe("string");
        // The generated component API types it as a string too, not as an Id of some table.
        type LimitIds = FunctionReturnType<
          typeof components.accounts.limits.setDailyLimits
        >["limitIds"];
        expectTypeOf<LimitIds>().toEqualTypeOf<string[]>();
      });
      s.And(
        "the accounts context finds the limit {int} of {string} by that id",
        async (_ctx, limit: number, accountId: string) => {
          expect(await app().query(internal.limits.dailyLimitById, { limitId: limitId() })).toEqual(
            { accountId, limit },
          );
        },
      );
    });

    RuleScenario("An id from a component is no id of the app's database", (s) => {
      s.When("the app sets the daily limits {string} as request {string}", setsLimits);
      s.Then("the app's database finds no document under the returned limit id", async () => {
        const id = limitId();
        // @ts-expect-error a string from a component does not type-check as an Id of the app
        const asAppId: Id<"limitRequests"> = id;
        expect(await app().run((ctx) => ctx.db.get(asAppId))).toBeNull();
      });
      s.And(
        "the app's database does not take the returned limit id for one of its {string}",
        async (_ctx, table: string) => {
          const normalized = await app().run(async (ctx) =>
            ctx.db.normalizeId(table as "limitRequests", limitId()),
          );
          expect(normalized).toBeNull();
        },
      );
    });

    RuleScenario("A component refuses an id of the app's database", (s) => {
      s.When("the app sets the daily limits {string} as request {string}", setsLimits);
      s.And(
        "the app passes the id of its own request {string} to the accounts context",
        async (_ctx, requestId: string) => {
          const request = await app().run((ctx) =>
            ctx.db
              .query("limitRequests")
              .withIndex("by_request_id", (q) => q.eq("requestId", requestId))
              .unique(),
          );
          expect(request).not.toBeNull();
          world.value.error = await rejectionOf(() =>
            app().query(internal.limits.dailyLimitById, { limitId: String(request?._id) }),
          );
        },
      );
      s.Then("the accounts context refuses it with code {string}", (_ctx, code: string) => {
        const error = world.value.error;
        expect(error).toBeInstanceOf(ConvexError);
        expect((error as ConvexError<{ code: string; message: string }>).data).toMatchObject({
          code,
          message: expect.stringContaining("dailyLimits"),
        });
      });
    });
  });

  Rule("DualWriteContextContract formalizes the bounded context API", (r) => {
    const contract = (): AnyDualWriteContract => {
      if (world.value.contract === undefined) throw new Error("no contract in this scenario");
      return world.value.contract;
    };
    const commandDefinitions = [openConfig, depositConfig, withdrawConfig].map(
      (config) => config.definition,
    );

    r.RuleScenario(
      "The accounts contract is accepted and declares what the context really does",
      (s) => {
        s.Given("the accounts contract", () => {
          world.value.contract = accountsContract;
          expect(Object.isFrozen(accountsContract)).toBe(true);
        });
        s.Then(
          "it names context {string} at version {int} in {string} mode with stream type prefix {string}",
          (_ctx, name: string, version: number, mode: string, prefix: string) => {
            expect(contract().identity).toMatchObject({ name, version, streamTypePrefix: prefix });
            expect(contract().executionMode).toBe(mode);
            // The component is installed under the context's name, and its commands say so.
            expect(components.accounts).toBeDefined();
            for (const definition of commandDefinitions) {
              expect(definition.boundedContext).toBe(name);
            }
          },
        );
        s.When(
          "teller {string} deposits {int}, withdraws {int} and deposits {int} on account {string}",
          async (
            _ctx,
            caller: string,
            first: number,
            withdrawal: number,
            second: number,
            accountId: string,
          ) => {
            world.value.answers.push(
              await send(app(), caller, "deposit", accountId, first, { commandId: "cmd-d1" }),
              await send(app(), caller, "withdraw", accountId, withdrawal, { commandId: "cmd-w" }),
              await send(app(), caller, "deposit", accountId, second, { commandId: "cmd-d2" }),
            );
            expect(world.value.answers.map((a) => a.status)).toEqual([
              "executed",
              "failed",
              "rejected",
            ]);
          },
        );
        s.Then(
          "every event type in the streams of account {string} is one the contract produces",
          async (_ctx, accountId: string) => {
            const events = [
              ...(await accountStream(app(), accountId)),
              ...(await accountStream(app(), accountId, true)),
            ];
            const types = events.map((event) => event.eventType);
            expect(types).toEqual(["AccountOpened", "MoneyDeposited", "OverdraftAttempted"]);
            for (const type of types) expect(producesEvent(contract(), type), type).toBe(true);
          },
        );
        s.And(
          "every rejection code recorded for those commands is one the contract declares",
          () => {
            const codes = world.value.answers
              .filter((a) => a.status === "rejected")
              .map((a) => (a.result as { code: string }).code);
            expect(codes).toEqual(["INVALID_AMOUNT"]);
            for (const code of codes) expect(declaresErrorCode(contract(), code), code).toBe(true);
          },
        );
        s.And("the contract covers the context's command definitions and its CMS", () => {
          expect(() =>
            assertContractCovers(contract(), {
              commandTypes: commandDefinitions,
              cms: [accountCMS],
            }),
          ).not.toThrow();
          for (const definition of commandDefinitions) {
            expect(handlesCommand(contract(), definition.commandType)).toBe(true);
          }
        });
      },
    );

    r.RuleScenario(
      "A contract that misses a command the context handles fails the coverage check",
      (s) => {
        s.Given("the accounts contract without {string}", (_ctx, commandType: string) => {
          world.value.contract = defineDualWriteContract({
            ...accountsContractInput,
            commandTypes: accountsContractInput.commandTypes.filter((t) => t !== commandType),
          });
          expect(handlesCommand(contract(), commandType)).toBe(false);
        });
        s.Then(
          "checking it against the context's command definitions fails naming {string}",
          (_ctx, problem: string) => {
            expect(() =>
              assertContractCovers(contract(), { commandTypes: commandDefinitions }),
            ).toThrow(problem);
          },
        );
      },
    );

    r.RuleScenarioOutline("A malformed contract is refused with its code", (s, variables) => {
      s.When("the accounts contract is defined with <change>", () => {
        const input = malformed[String(variables.change)];
        if (input === undefined) throw new Error(`no malformed contract "${variables.change}"`);
        world.value.error = thrownBy(() => defineDualWriteContract(input() as never));
      });
      s.Then('it is refused with code "<code>"', () => {
        const code = String(variables.code) as DefinitionErrorCode;
        expect(isBoundedContextDefinitionError(world.value.error, code)).toBe(true);
        // Exactly this problem, not a side effect of another one.
        expect((world.value.error as { codes: readonly string[] }).codes).toEqual([code]);
        const input = malformed[String(variables.change)];
        assertDefinitionRefused(() => defineDualWriteContract(input?.() as never), code);
      });
    });
  });
});
