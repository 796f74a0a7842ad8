// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { afterAll, expect, vi } from "vitest";
import { isProcessManagerError, vProcessManagerResult } from "../../src/index.js";
import { internal } from "../eventBusApp/convex/_generated/api.js";
import { captureAsyncError, featurePath, listFrom } from "../support/helpers.js";
import { processManagerWorld } from "../support/processManagerWorld.js";

const feature = await loadFeature(featurePath("process-manager.feature"));

describeFeature(feature, ({ Rule, Background, defineSteps }) => {
  const pm = processManagerWorld();
  const {
    runPools,
    state,
    app,
    lastEvent,
    commandIdOf,
    createCounter,
    place,
    placeAndRun,
    counterIs,
    instanceIs,
    deadLetters,
    deadLetterOf,
    deadLettered,
    retry,
    deliveredOnce,
  } = pm;
  afterAll(() => {
    vi.useRealTimers();
  });

  Background(({ Given }) => {
    Given("the event bus test app with counter {string} at {int}", async (_ctx, id, initial) =>
      pm.start(id as string, initial as number),
    );
  });

  defineSteps(({ Given, When, Then, And }) => {
    for (const keyword of [When, And]) keyword("the pools run", async () => runPools());
    for (const keyword of [Then, And]) {
      keyword("counter {string} is at {int}", counterIs);
      keyword("instance {string} is {string} with {int} placed after {int} event", instanceIs);
      keyword("instance {string} is {string} with {int} placed after {int} events", instanceIs);
    }
    for (const keyword of [Given, And]) {
      keyword(
        "order {string} placed {int} on counter {string} in correlation {string} and the pools ran",
        placeAndRun,
      );
    }
    When(
      "order {string} places {int} on counter {string} in correlation {string}",
      async (_ctx, orderId: string, quantity: number, counterId: string, correlationId: string) =>
        place(orderId, quantity, counterId, correlationId),
    );
    Then(
      "the event is dead-lettered with {string} saying {string}",
      async (_ctx, code: string, text: string) => deadLettered(lastEvent(), code, text),
    );
    And("the bus delivered the event to {string} once", deliveredOnce);
    And("the dead letters of orderTally are {string}", async (_ctx, statuses: string) => {
      const all = [
        ...(await deadLetters("pending")),
        ...(await deadLetters("resolved")),
        ...(await deadLetters("ignored")),
      ].sort((a, b) => a.createdAt - b.createdAt || a.eventId.localeCompare(b.eventId));
      expect(all.map((d) => d.status)).toEqual(listFrom(statuses));
    });
  });

  Rule("A process manager reacts to events by sending commands", ({ RuleScenario }) => {
    RuleScenario("An order placed increments its counter through the orchestrator", (s) => {
      s.And(
        "the command of {string} for the event is recorded {string} in correlation {string}, caused by the event",
        async (_ctx, orderId: string, status: string, correlationId: string) => {
          const eventId = lastEvent();
          const command = await app().query(internal.counters.getCommand, {
            commandId: commandIdOf(orderId, eventId),
          });
          expect(command).toMatchObject({
            status,
            commandType: "IncrementCounter",
            correlationId,
            causationId: eventId,
          });
        },
      );
      s.And(
        "instance {string} checkpointed the event with its command",
        async (_ctx, instanceId: string) => {
          const eventId = lastEvent();
          expect(await app().query(internal.orderTally.checkpoints, { instanceId })).toEqual([
            { eventId, commandIds: [commandIdOf(instanceId, eventId)] },
          ]);
          expect(await app().query(internal.orderTally.getInstance, { instanceId })).toMatchObject({
            lastEventId: eventId,
            lastGlobalPosition: expect.any(Number),
          });
        },
      );
    });
  });

  Rule("An event an instance handled before changes nothing", ({ RuleScenario }) => {
    RuleScenario("The same event handled twice sends one command", (s) => {
      s.When("the process manager is handed the same event again", async () => {
        const event = await app().query(internal.inspect.storedEvent, { eventId: lastEvent() });
        if (event === null) throw new Error("the bus does not hold the event");
        state.value.result = await app().mutation(internal.orderTally.handle, { event });
      });
      s.Then("it answers {string} with the command it sent the first time", (_ctx, status) => {
        expect(vProcessManagerResult.members.map((m) => m.fields.status.value)).toContain(status);
        expect(state.value.result).toEqual({
          status,
          instanceId: "o-1",
          commandIds: [commandIdOf("o-1", lastEvent())],
        });
      });
      s.And(
        "correlation {string} holds {int} command",
        async (_ctx, correlationId: string, count: number) => {
          const { commands: recorded } = await app().query(
            internal.counters.commandsOfCorrelation,
            {
              correlationId,
            },
          );
          expect(recorded).toHaveLength(count);
        },
      );
    });
  });

  Rule(
    "The lifecycle moves with the events and refuses what it does not allow",
    ({ RuleScenario }) => {
      RuleScenario(
        "Closing the order completes the instance, and a late event is refused by the FSM",
        (s) => {
          s.When("order {string} is closed and the pools run", async (_ctx, orderId: string) => {
            const { eventId } = await app().mutation(internal.orders.closeOrder, {
              orderId,
              correlationId: "corr-close",
            });
            state.value.events.push(eventId);
            await runPools();
          });
          s.When(
            "order {string} places {int} more on counter {string} and the pools run",
            async (ctx, orderId: string, quantity: number, counterId: string) =>
              placeAndRun(ctx, orderId, quantity, counterId, "corr-late"),
          );
        },
      );
    },
  );

  Rule("A failed reaction is dead-lettered, and can be retried or ignored", ({ RuleScenario }) => {
    RuleScenario("A refused command fails the instance and rolls the reaction back", (s) => {
      s.And("instance {string} is {string} on the event", async (_ctx, id: string, status) => {
        const instance = await app().query(internal.orderTally.getInstance, { instanceId: id });
        expect(instance).toMatchObject({
          status,
          failedEventId: lastEvent(),
          eventsHandled: 0,
          state: { counterId: null, placed: 0 },
        });
        expect(instance?.lastError).toMatch(/^PROCESS_MANAGER_COMMAND_REFUSED: /);
      });
      s.And("no command of {string} for the event is recorded", async (_ctx, orderId: string) => {
        expect(
          await app().query(internal.counters.getCommand, {
            commandId: commandIdOf(orderId, lastEvent()),
          }),
        ).toBeNull();
      });
    });

    RuleScenario(
      "Events after a failure wait, and are retried in order once the fault is gone",
      (s) => {
        s.And(
          "order {string} placed {int} more on counter {string} in correlation {string} and the pools ran",
          placeAndRun,
        );
        s.Then(
          "the second event is dead-lettered with {string} saying {string}",
          async (_ctx, code: string, text: string) =>
            deadLettered(state.value.events[1]!, code, text),
        );
        s.When("the operator retries the second event first", async () =>
          retry(state.value.events[1]!),
        );
        s.Then("the retry answers {string} with {string}", (_ctx, status, code) => {
          expect(state.value.retries.at(-1)).toMatchObject({ status, code, instanceId: "o-2" });
        });
        s.And(
          "its dead letter is {string} after {int} attempts",
          async (_ctx, status: string, attempts: number) => {
            expect(await deadLetterOf(state.value.events[1]!)).toMatchObject({
              status,
              attempts,
            });
          },
        );
        s.When("counter {string} is created at {int}", async (_ctx, id: string, start: number) =>
          createCounter(id, start),
        );
        s.And("the operator retries the first event", async () => retry(state.value.events[0]!));
        s.And("the operator retries the second event", async () => retry(state.value.events[1]!));
        s.Then("both retries answer {string}", (_ctx, status: string) => {
          expect(state.value.retries.slice(-2)).toEqual([
            {
              status,
              instanceId: "o-2",
              lifecycle: "idle",
              commandIds: [commandIdOf("o-2", state.value.events[0]!)],
            },
            {
              status,
              instanceId: "o-2",
              lifecycle: "idle",
              commandIds: [commandIdOf("o-2", state.value.events[1]!)],
            },
          ]);
        });
      },
    );

    RuleScenario("Ignoring the event an instance failed on resumes the instance", (s) => {
      s.When(
        "the operator ignores the first event because {string}",
        async (_ctx, reason: string) => {
          await app().mutation(internal.orderTally.ignoreDeadLetter, {
            eventId: state.value.events[0]!,
            reason,
          });
          expect(await deadLetterOf(state.value.events[0]!)).toMatchObject({
            status: "ignored",
            ignoredReason: reason,
          });
        },
      );
      s.And("retrying the first event is refused with {string}", async (_ctx, code: string) => {
        const error = await captureAsyncError(() => retry(state.value.events[0]!));
        expect(isProcessManagerError(error, code as never)).toBe(true);
        expect((error as { data: { message: string } }).data.message).toContain("is ignored");
      });
    });
  });
});
