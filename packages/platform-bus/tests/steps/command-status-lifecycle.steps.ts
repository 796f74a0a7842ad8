import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  COMMAND_NOT_FOUND,
  INVALID_STATUS_TRANSITION,
  commandLifecycle,
  isFinalStatus,
  vFinalCommandStatus,
} from "../../src/client/index.js";
import type {
  CommandStatus,
  FinalCommandStatus,
  UpdateCommandResultResult,
} from "../../src/client/index.js";
import { commandBus } from "../app/bus.js";
import { internal } from "../app/_generated/api.js";
import type { World } from "../support/world.js";
import {
  call,
  expectWrites,
  featurePath,
  list,
  newWorld,
  record,
  recordFinal,
  stored,
} from "../support/world.js";

const feature = await loadFeature(featurePath("command-status-lifecycle.feature", import.meta.url));

function asFinal(status: unknown): FinalCommandStatus {
  const value = String(status);
  if (!vFinalCommandStatus.members.some((member) => member.value === value)) {
    throw new Error(`"${value}" is not a final command status`);
  }
  return value as FinalCommandStatus;
}

describeFeature(feature, ({ BeforeEachScenario, Rule, defineSteps }) => {
  let world: World;
  BeforeEachScenario(() => {
    world = newWorld();
  });
  const last = () => world.last as UpdateCommandResultResult;
  const update = async (commandId: string, status: FinalCommandStatus, code: string) =>
    await call(world, (ctx) =>
      commandBus.updateCommandResult(ctx, {
        commandId,
        status,
        result: { code, message: `${status} with ${code}` },
      }),
    );

  defineSteps(({ Given, And }) => {
    Given("the pending command {string}", async (_ctx, commandId: string) => {
      await record(world, { commandId });
    });
    And("the call wrote {int} document", (_ctx, writes: number) => expectWrites(world, writes));
    And("the call wrote {int} documents", (_ctx, writes: number) => expectWrites(world, writes));
  });

  Rule("Status tracks the complete command lifecycle", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenario("The lifecycle allows each final status from pending only", ({ Then, And }) => {
      Then("the lifecycle starts at {string}", (_ctx, status: string) => {
        expect(commandLifecycle.initial).toBe(status);
        expect(isFinalStatus(status as CommandStatus)).toBe(false);
      });
      And("from {string} it allows {string}", (_ctx, from: string, targets: string) => {
        expect(commandLifecycle.validTransitions(from as CommandStatus)).toEqual(list(targets));
      });
      And("{string} are final and allow nothing", (_ctx, statuses: string) => {
        for (const status of list(statuses).map(asFinal)) {
          expect(isFinalStatus(status)).toBe(true);
          expect(commandLifecycle.validTransitions(status)).toEqual([]);
        }
      });
    });

    RuleScenarioOutline(
      "A pending command takes a final status with its result in one write",
      ({ When, Then, And }, variables) => {
        When('its result is updated to "<status>" with the code "<code>"', async () => {
          await update("cmd-1", asFinal(variables.status), String(variables.code));
        });
        Then("the update is accepted", () => {
          expect(last()).toMatchObject({ ok: true, commandId: "cmd-1", status: variables.status });
        });
        And('the command "cmd-1" has status "<status>" with the code "<code>"', async () => {
          const command = await stored(world, "cmd-1");
          expect(command).toMatchObject({
            status: variables.status,
            result: { code: variables.code },
            completedAt: last().ok ? (last() as { completedAt: number }).completedAt : -1,
          });
        });
      },
    );

    RuleScenarioOutline("A final status never changes", ({ Given, When, Then, And }, variables) => {
      Given('the command "cmd-1" that ended "<from>"', async () => {
        await recordFinal(world, "cmd-1", asFinal(variables.from), { code: "FIRST" });
      });
      When('its result is updated to "<to>" with the code "LATE"', async () => {
        await update("cmd-1", asFinal(variables.to), "LATE");
      });
      Then('the update is refused with INVALID_STATUS_TRANSITION from "<from>" to "<to>"', () => {
        expect(last()).toMatchObject({
          ok: false,
          code: INVALID_STATUS_TRANSITION,
          currentStatus: variables.from,
          requestedStatus: variables.to,
        });
      });
      And('the message names "<from>" and "<to>"', () => {
        const refused = last();
        expect(refused.ok).toBe(false);
        if (refused.ok) return;
        expect(refused.message).toContain(
          `cannot change from status "${variables.from}" to "${variables.to}"`,
        );
      });
      And('the command "cmd-1" still has status "<from>"', async () => {
        expect(await stored(world, "cmd-1")).toMatchObject({
          status: variables.from,
          result: { code: "FIRST" },
        });
      });
    });

    RuleScenario("Updating an unknown command reports COMMAND_NOT_FOUND", ({ When, Then }) => {
      When(
        "the result of the unknown command {string} is updated to {string} with the code {string}",
        async (_ctx, commandId: string, status: string, code: string) => {
          await update(commandId, asFinal(status), code);
        },
      );
      Then("the update is refused with COMMAND_NOT_FOUND naming {string}", (_ctx, id: string) => {
        expect(last()).toEqual({
          ok: false,
          code: COMMAND_NOT_FOUND,
          commandId: id,
          message: expect.stringContaining(`no command is recorded under commandId "${id}"`),
        });
      });
    });
  });

  Rule("Failure statuses survive the failure", ({ RuleScenario }) => {
    RuleScenario(
      "A failed status and its error are readable after the call",
      ({ When, Then, And }) => {
        When(
          "the handler fails with {string} and the failure is recorded",
          async (_ctx, message: string) => {
            // The app's execution step catches the handler's error and records it as a value.
            await world.t.mutation(internal.execution.executePending, {
              commandId: "cmd-1",
              failWith: message,
            });
          },
        );
        Then(
          "the command {string} has status {string} with the error {string}",
          async (_ctx, commandId: string, status: string, message: string) => {
            expect(await stored(world, commandId)).toMatchObject({
              status,
              result: { code: "HANDLER_FAILED", message },
            });
          },
        );
        And(
          "sending the command {string} again answers with the stored failure",
          async (_ctx, commandId: string) => {
            await record(world, { commandId });
            expect(world.last).toMatchObject({
              isNew: false,
              status: "failed",
              result: { code: "HANDLER_FAILED" },
            });
          },
        );
      },
    );
  });
});
