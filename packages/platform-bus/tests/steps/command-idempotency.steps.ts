import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  DEFAULT_TTL_MS,
  INVALID_ARGUMENT,
  isCommandBusError,
  isCommandIdReused,
  isDuplicateCommand,
  isNewCommand,
} from "../../src/client/index.js";
import type {
  CheckCommandResult,
  RecordCommandArgs,
  RecordCommandResult,
} from "../../src/client/index.js";
import { commandBus } from "../app/bus.js";
import { command } from "../support/commands.js";
import type { World } from "../support/world.js";
import {
  attempt,
  call,
  expectWrites,
  featurePath,
  list,
  newWorld,
  record,
  recordFinal,
  stored,
} from "../support/world.js";

const feature = await loadFeature(featurePath("command-idempotency.feature", import.meta.url));

const badArguments: Record<string, Partial<RecordCommandArgs>> = {
  "an empty commandType": { commandType: "" },
  "a TTL of 0 ms": { ttlMs: 0 },
  "a rejection with an event": {
    outcome: { status: "rejected", result: { code: "NO" }, eventIds: ["evt-1"] },
  },
};

describeFeature(feature, ({ BeforeEachScenario, Rule, defineSteps }) => {
  let world: World;
  BeforeEachScenario(() => {
    world = newWorld();
  });
  const last = () => world.last as RecordCommandResult | CheckCommandResult;

  defineSteps(({ Given, When, And }) => {
    Given(
      "the command {string} of type {string} executed with result version {int} and events {string}",
      async (_ctx, commandId: string, commandType: string, version: number, events: string) => {
        await recordFinal(world, commandId, "executed", { version }, list(events), { commandType });
      },
    );
    When(
      "the command {string} of type {string} is recorded",
      async (_ctx, commandId: string, commandType: string) => {
        await record(world, { commandId, commandType });
      },
    );
    And("the call wrote {int} document", (_ctx, writes: number) => expectWrites(world, writes));
    And("the call wrote {int} documents", (_ctx, writes: number) => expectWrites(world, writes));
  });

  Rule("Commands are idempotent via commandId deduplication", ({ RuleScenario }) => {
    RuleScenario("A new command is recorded as pending in one write", ({ Then, And }) => {
      Then("it is new with status {string}", (_ctx, status: string) => {
        expect(isNewCommand(last())).toBe(true);
        expect(last()).toMatchObject({ isNew: true, commandId: "cmd-1", status });
      });
      And(
        "the command {string} expires 7 days after it was recorded",
        async (_ctx, commandId: string) => {
          const record = await stored(world, commandId);
          expect(record).not.toBeNull();
          expect(record!.expiresAt - record!.createdAt).toBe(DEFAULT_TTL_MS);
          expect(DEFAULT_TTL_MS).toBe(7 * 24 * 60 * 60 * 1000);
        },
      );
    });

    RuleScenario(
      "The same command sent again gets its stored result without a write",
      ({ Then, And }) => {
        Then(
          "it is a duplicate with status {string} and result version {int}",
          (_ctx, status: string, version: number) => {
            expect(isDuplicateCommand(last())).toBe(true);
            expect(last()).toMatchObject({ isNew: false, status, result: { version } });
          },
        );
        And("the duplicate carries the events {string}", (_ctx, events: string) => {
          expect(last()).toMatchObject({ eventIds: list(events) });
        });
      },
    );

    RuleScenario("A commandId reused for another command type is a conflict", ({ Then, And }) => {
      Then("it is a COMMAND_ID_REUSED conflict on {string}", (_ctx, field: string) => {
        expect(isCommandIdReused(last())).toBe(true);
        expect(last()).toMatchObject({ conflict: "COMMAND_ID_REUSED", mismatch: [field] });
      });
      And("the conflict message says {string}", (_ctx, text: string) => {
        expect(isCommandIdReused(last()) && last()).toMatchObject({
          message: expect.stringContaining(text),
        });
      });
      And("the conflict does not reveal the stored result", () => {
        expect(last()).not.toHaveProperty("result");
        expect(JSON.stringify(last())).not.toContain("version");
      });
    });

    RuleScenario(
      "A commandId reused with another payload is a conflict",
      ({ Given, When, Then }) => {
        Given(
          "the command {string} of type {string} with payload hash {string} is recorded",
          async (_ctx, commandId: string, commandType: string, payloadHash: string) => {
            await record(world, { commandId, commandType, payloadHash });
          },
        );
        When(
          "the command {string} of type {string} with payload hash {string} is recorded",
          async (_ctx, commandId: string, commandType: string, payloadHash: string) => {
            await record(world, { commandId, commandType, payloadHash });
          },
        );
        Then("it is a COMMAND_ID_REUSED conflict on {string}", (_ctx, field: string) => {
          expect(isCommandIdReused(last())).toBe(true);
          expect(last()).toMatchObject({ mismatch: [field], existing: { payloadHash: "h1" } });
        });
      },
    );
  });

  Rule(
    "A command executed in one transaction is recorded once, with its outcome",
    ({ RuleScenario }) => {
      RuleScenario(
        "The synchronous path checks, executes and records the outcome in one write",
        ({ When, Then, And }) => {
          When(
            "the command {string} is checked, executed and recorded as {string} with events {string} in one transaction",
            async (_ctx, commandId: string, status: "executed", events: string) => {
              await call(world, async (ctx) => {
                const check = await commandBus.checkCommand(ctx, command({ commandId }));
                if (!check.isNew) return check;
                // The bounded context's handler and the event append run here.
                return await commandBus.recordCommand(
                  ctx,
                  command({
                    commandId,
                    outcome: { status, result: { ok: true }, eventIds: list(events) },
                  }),
                );
              });
            },
          );
          Then(
            "the transaction made {int} command bus calls and wrote {int} document",
            (_ctx, calls: number, writes: number) => {
              expect(world.calls).toBe(calls);
              expectWrites(world, writes);
            },
          );
          And(
            "the command {string} has status {string} with events {string}",
            async (_ctx, commandId: string, status: string, events: string) => {
              expect(await stored(world, commandId)).toMatchObject({
                status,
                eventIds: list(events),
              });
            },
          );
          And(
            "the command {string} completed when it was recorded",
            async (_ctx, commandId: string) => {
              const record = await stored(world, commandId);
              expect(record?.completedAt).toBe(record?.createdAt);
            },
          );
        },
      );

      RuleScenario(
        "A duplicate found by the check is answered without executing",
        ({ When, Then }) => {
          When(
            "the command {string} of type {string} is checked",
            async (_ctx, commandId: string, commandType: string) => {
              await call(world, (ctx) =>
                commandBus.checkCommand(ctx, command({ commandId, commandType })),
              );
            },
          );
          Then(
            "the check finds a duplicate with status {string} and result version {int}",
            (_ctx, status: string, version: number) => {
              expect(world.writes).toBe(0);
              expect(isDuplicateCommand(last())).toBe(true);
              expect(last()).toMatchObject({ status, result: { version } });
            },
          );
        },
      );
    },
  );

  Rule("Bad input is refused with a clear error", ({ RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "An argument the validators accept but the bus cannot use is refused",
      ({ When, Then, And }, variables) => {
        When('the command "cmd-1" is recorded with <argument>', async () => {
          const change = badArguments[String(variables.argument)];
          expect(change, `no arguments named ${String(variables.argument)}`).toBeDefined();
          await attempt(world, (ctx) => commandBus.recordCommand(ctx, command(change)));
        });
        Then('it is refused with INVALID_ARGUMENT saying "<message>"', () => {
          expect(isCommandBusError(world.error, INVALID_ARGUMENT), String(world.error)).toBe(true);
          expect(isCommandBusError(world.error) && world.error.data).toEqual({
            code: INVALID_ARGUMENT,
            message: variables.message,
          });
        });
        And('no command "cmd-1" is recorded', async () => {
          expect(await stored(world, "cmd-1")).toBeNull();
        });
      },
    );
  });
});
