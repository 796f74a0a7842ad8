import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import type { CommandPage } from "../../src/client/index.js";
import { commandBus } from "../app/bus.js";
import { internal } from "../app/_generated/api.js";
import { measure } from "../support/convex.js";
import type { World } from "../support/world.js";
import { call, featurePath, list, newWorld, record, recordFinal } from "../support/world.js";

const feature = await loadFeature(featurePath("command-correlations.feature", import.meta.url));

describeFeature(feature, ({ BeforeEachScenario, Rule }) => {
  let world: World;
  BeforeEachScenario(() => {
    world = newWorld();
  });
  const eventsOf = async (commandId: string) =>
    await world.t.run((ctx) => commandBus.getEventsForCommand(ctx, commandId));

  Rule("The events a command produced are found from the command", ({ RuleScenario }) => {
    RuleScenario(
      "Events recorded with the outcome are found from the command",
      ({ Given, Then }) => {
        Given(
          "the command {string} of type {string} executed with result version {int} and events {string}",
          async (_ctx, commandId: string, commandType: string, version: number, events: string) => {
            await recordFinal(world, commandId, "executed", { version }, list(events), {
              commandType,
            });
          },
        );
        Then(
          "the events of {string} are {string}",
          async (_ctx, commandId: string, events: string) => {
            expect(await eventsOf(commandId)).toEqual({
              commandId,
              commandType: "SubmitOrder",
              boundedContext: "orders",
              status: "executed",
              eventIds: list(events),
            });
          },
        );
      },
    );

    RuleScenario(
      "Events of an asynchronous command are recorded with its final status",
      ({ Given, When, Then, And }) => {
        Given("the pending command {string}", async (_ctx, commandId: string) => {
          await record(world, { commandId });
          expect(await eventsOf(commandId)).toMatchObject({ status: "pending", eventIds: [] });
        });
        When(
          "it executes asynchronously producing the events {string}",
          async (_ctx, events: string) => {
            const cost = await measure(world.t, (ctx) =>
              ctx.runMutation(internal.execution.executePending, {
                commandId: "cmd-1",
                eventIds: list(events),
              }),
            );
            world.writes = cost.writes;
            expect(cost.value).toMatchObject({ recorded: true, outcome: { status: "executed" } });
          },
        );
        Then(
          "the events of {string} are {string}",
          async (_ctx, commandId: string, events: string) => {
            expect(await eventsOf(commandId)).toMatchObject({
              status: "executed",
              eventIds: list(events),
            });
          },
        );
        And("the call wrote {int} document", (_ctx, writes: number) => {
          expect(world.writes).toBe(writes);
        });
      },
    );

    RuleScenario("An unknown command has no events and no record", ({ Then }) => {
      Then("the command {string} has no events and no record", async (_ctx, commandId: string) => {
        expect(await eventsOf(commandId)).toBeNull();
        expect(await world.t.query(internal.commands.byId, { commandId })).toBeNull();
        expect(await world.t.query(internal.commands.statusOf, { commandId })).toBeNull();
      });
    });
  });

  Rule("correlationId links the commands of one user action", ({ RuleScenario }) => {
    RuleScenario(
      "The commands of one correlation are listed oldest first, limited",
      ({ Given, And, When, Then }) => {
        Given(
          "{int} commands of the correlation {string}, each caused by the one before",
          async (_ctx, count: number, correlationId: string) => {
            for (let i = 1; i <= count; i++) {
              await record(world, {
                commandId: `cmd-${i}`,
                correlationId,
                ...(i > 1 ? { causationId: `cmd-${i - 1}` } : {}),
              });
            }
          },
        );
        And(
          "a command {string} of the correlation {string}",
          async (_ctx, commandId: string, correlationId: string) => {
            await record(world, { commandId, correlationId });
            expect(await world.t.query(internal.commands.statusOf, { commandId })).toBe("pending");
          },
        );
        When(
          "the commands of {string} are listed with a limit of {int}",
          async (_ctx, correlationId: string, limit: number) => {
            await call(world, (ctx) =>
              commandBus.getCommandsByCorrelationId(ctx, { correlationId, limit }),
            );
          },
        );
        Then("the page holds {string} and says there are more", (_ctx, ids: string) => {
          const page = world.last as CommandPage;
          expect(page.commands.map((command) => command.commandId)).toEqual(list(ids));
          expect(page.hasMore).toBe(true);
        });
        And(
          "the causation chain of {string} is {string}",
          async (_ctx, correlationId: string, chain: string) => {
            const page = await world.t.run((ctx) =>
              commandBus.getCommandsByCorrelationId(ctx, { correlationId }),
            );
            expect(page.hasMore).toBe(false);
            expect(page.commands.map((command) => command.causationId ?? "-")).toEqual(list(chain));
          },
        );
      },
    );
  });
});
