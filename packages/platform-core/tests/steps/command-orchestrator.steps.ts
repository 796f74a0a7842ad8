// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  FAILURE_STREAM_SUFFIX,
  failureStreamTypeOf,
  HANDLER_FAILED,
  isOrchestratorError,
  ORCHESTRATOR_ERROR_CODES,
  orchestratorError,
  payloadHash,
  vHandlerContextArgs,
  vHandlerEvent,
  vHandlerResult,
} from "../../src/index.js";
import type { CommandOutcome } from "../../src/index.js";
import { internal } from "../orchestratorApp/convex/_generated/api.js";
import * as appCounters from "../orchestratorApp/convex/counters.js";
import { captureAsyncError, featurePath, listFrom, world } from "../support/helpers.js";
import { runMeasured } from "../support/measuredRun.js";
import { newOrchestratorApp } from "../support/orchestratorApp.js";
import type { OrchestratorApp } from "../support/orchestratorApp.js";

const feature = await loadFeature(featurePath("command-orchestrator.feature"));

type StoredEvent = {
  eventId: string;
  eventType: string;
  metadata: Record<string, unknown>;
};

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  let t: OrchestratorApp | undefined;
  const state = world(() => ({
    outcomes: [] as CommandOutcome[],
    error: undefined as unknown,
    cost: undefined as { calls: number; writes: number } | undefined,
    /** The counter the last command was about (a failed result names no stream). */
    counterId: "c-1",
  }));
  BeforeEachScenario(() => state.reset());
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const last = (): CommandOutcome => {
    const outcome = state.value.outcomes.at(-1);
    if (outcome === undefined) throw new Error("no outcome");
    return outcome;
  };
  const increment = async (
    userId: string,
    counterId: string,
    by: number,
    commandId: string,
    more: {
      correlationId?: string;
      causationId?: string;
      roles?: string[];
      withHook?: boolean;
    } = {},
  ) => {
    state.value.counterId = counterId;
    return app().mutation(internal.counters.increment, {
      commandId,
      correlationId: more.correlationId ?? `corr-${commandId}`,
      ...(more.causationId !== undefined && { causationId: more.causationId }),
      userId,
      roles: more.roles ?? ["counter:write"],
      counterId,
      by,
      ...(more.withHook === true && { withHook: true }),
    }) as Promise<CommandOutcome>;
  };
  const record = async (outcome: Promise<CommandOutcome>) => {
    state.value.outcomes.push(await outcome);
  };
  const stream = async (counterId: string, failures = false): Promise<StoredEvent[]> =>
    (
      (await app().query(internal.counters.readStream, { counterId, failures })) as {
        events: StoredEvent[];
      }
    ).events;
  const command = async (commandId: string) =>
    app().query(internal.counters.getCommand, { commandId }) as Promise<{
      status: string;
      result?: { code?: string };
      eventIds: string[];
      correlationId: string;
      causationId?: string;
    } | null>;

  const incrementsIn = async (
    _ctx: unknown,
    userId: string,
    counterId: string,
    by: number,
    commandId: string,
    correlationId: string,
  ) => record(increment(userId, counterId, by, commandId, { correlationId }));
  const streamHolds = async (_ctx: unknown, counterId: string, types: string) => {
    expect((await stream(counterId)).map((e) => e.eventType)).toEqual(listFrom(types));
  };
  const counterIs = async (_ctx: unknown, counterId: string, value: number, version: number) => {
    expect(await app().query(internal.counters.getCounter, { counterId })).toEqual({
      counterId,
      value,
      version,
    });
  };
  const recordedWithOutcomeEvents = async (_ctx: unknown, commandId: string, status: string) => {
    const stored = await command(commandId);
    const outcome = last();
    expect(outcome.eventIds.length).toBeGreaterThan(0);
    expect(stored).toMatchObject({ status, eventIds: [...outcome.eventIds] });
    expect(stored?.result).toEqual(outcome.result);
    // The ids are the events' own ids in the store.
    // A failure's audit event is in the entity's failure stream, not in the entity's stream.
    const counterId = state.value.counterId;
    const ids = (await stream(counterId, status === "failed")).map((e) => e.eventId);
    for (const id of outcome.eventIds) expect(ids).toContain(id);
  };
  const failureStreamHolds = async (
    _ctx: unknown,
    counterId: string,
    types: string,
    correlationId: string,
  ) => {
    const events = await stream(counterId, true);
    expect(failureStreamTypeOf("Counter")).toBe(`Counter${FAILURE_STREAM_SUFFIX}`);
    expect(events.map((e) => e.eventType)).toEqual(listFrom(types));
    for (const event of events) {
      expect(event).toMatchObject({
        streamType: failureStreamTypeOf("Counter"),
        streamId: counterId,
        category: "domain",
        metadata: { correlationId, causationId: last().commandId, commandId: last().commandId },
      });
    }
  };
  const failedWith = (_ctx: unknown, code: string) => {
    expect(code).toBe(HANDLER_FAILED);
    expect(last()).toMatchObject({ status: "failed", duplicate: false, result: { code } });
    expect(last().eventIds).toHaveLength(1);
  };
  const createsIn = async (
    _ctx: unknown,
    userId: string,
    counterId: string,
    start: number,
    commandId: string,
    correlationId: string,
  ) => {
    state.value.counterId = counterId;
    return record(
      app().mutation(internal.counters.create, {
        commandId,
        correlationId,
        userId,
        roles: ["counter:write"],
        counterId,
        start,
      }) as Promise<CommandOutcome>,
    );
  };
  const rejectedWith = (_ctx: unknown, code: string) => {
    expect(last()).toMatchObject({ status: "rejected", duplicate: false, eventIds: [] });
    expect(last().result).toMatchObject({ code });
  };
  const recordedRejected = async (
    _ctx: unknown,
    commandId: string,
    status: string,
    code: string,
  ) => {
    const stored = await command(commandId);
    expect(stored).toMatchObject({ status, eventIds: [] });
    expect(stored?.result?.code).toBe(code);
  };

  Background(({ Given, And }) => {
    Given("the orchestrator test app", () => {
      t = newOrchestratorApp();
      // Outcomes are collected across the Background and the scenario, so reset here too.
      state.reset();
      expect(ORCHESTRATOR_ERROR_CODES).toContain("CONCURRENT_MODIFICATION");
      // Handlers answer one of three plain shapes; events cross the boundary as type + payload,
      // with their definition's category and version when the handler has them, and a scope
      // (DCB) handler's events also name their stream within the scope.
      expect(vHandlerResult.members.map((member) => member.fields.status.value)).toEqual([
        "success",
        "rejected",
        "failed",
      ]);
      expect(Object.keys(vHandlerEvent.fields)).toEqual([
        "eventType",
        "payload",
        "category",
        "schemaVersion",
        "streamType",
        "streamId",
      ]);
      for (const field of ["category", "schemaVersion", "streamType", "streamId"] as const) {
        expect(vHandlerEvent.fields[field].isOptional).toBe("optional");
      }
      // Every handler receives the decision context besides its own arguments.
      expect(Object.keys(vHandlerContextArgs)).toEqual(["commandId", "correlationId", "now"]);
    });
    And(
      "{string} created counter {string} at {int} as command {string}",
      async (_ctx, userId: string, counterId: string, start: number, commandId: string) => {
        const created = (await app().mutation(internal.counters.create, {
          commandId,
          correlationId: "corr-create",
          userId,
          roles: ["counter:write"],
          counterId,
          start,
        })) as CommandOutcome;
        expect(created).toMatchObject({ status: "executed", eventIds: [expect.any(String)] });
      },
    );
  });

  Rule(
    "A command that succeeds appends its events and records executed",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("The events are appended and the status is executed with the event ids", (s) => {
        s.When(
          "{string} increments counter {string} by {int} as command {string} in correlation {string}",
          incrementsIn,
        );
        s.Then(
          "the outcome is {string} with the counter at {int}",
          (_ctx, status: string, value: number) => {
            expect(last()).toMatchObject({
              status,
              duplicate: false,
              result: { streamType: "Counter", streamId: "c-1", version: 2, data: { value } },
            });
          },
        );
        s.And("the stream of counter {string} holds {string}", streamHolds);
        s.And(
          "the command {string} is recorded {string} with the event ids of the outcome",
          recordedWithOutcomeEvents,
        );
        s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
      });

      RuleScenario("The correlation chain reaches the event metadata", (s) => {
        s.When(
          "{string} increments counter {string} by {int} as command {string} in correlation {string} caused by {string}",
          async (
            _ctx,
            userId: string,
            counterId: string,
            by: number,
            commandId: string,
            correlationId: string,
            causationId: string,
          ) => record(increment(userId, counterId, by, commandId, { correlationId, causationId })),
        );
        s.Then(
          "the last event of counter {string} has correlationId {string}, causationId {string}, commandId {string} and userId {string}",
          async (
            _ctx,
            counterId: string,
            correlationId: string,
            causationId: string,
            commandId: string,
            userId: string,
          ) => {
            const events = await stream(counterId);
            expect(events.at(-1)?.metadata).toMatchObject({
              correlationId,
              causationId,
              commandId,
              userId,
            });
            expect(events.at(-1)?.metadata.timestamp).toEqual(expect.any(Number));
          },
        );
        s.And(
          "the command {string} is recorded with correlationId {string} and causationId {string}",
          async (_ctx, commandId: string, correlationId: string, causationId: string) => {
            expect(await command(commandId)).toMatchObject({
              correlationId,
              causationId,
              status: "executed",
            });
          },
        );
      });

      RuleScenario(
        "The projection hook receives the triggered projections with their partition keys",
        (s) => {
          s.When(
            "{string} increments counter {string} by {int} as command {string} with the projection hook",
            async (_ctx, userId: string, counterId: string, by: number, commandId: string) =>
              record(increment(userId, counterId, by, commandId, { withHook: true })),
          );
          s.Then(
            "the hook received projection {string} in partition {string} for command {string}",
            async (_ctx, projection: string, partitionKey: string, commandId: string) => {
              const rows = (await app().query(internal.counters.triggered, {
                commandId,
              })) as unknown[];
              expect(rows).toEqual([
                expect.objectContaining({ commandId, projection, partitionKey }),
              ]);
              expect(last().status).toBe("executed");
            },
          );
        },
      );

      RuleScenarioOutline(
        "Each outcome has a bounded cost in component calls and document writes",
        ({ Given, When, Then, And }, variables) => {
          Given(
            "{string} incremented counter {string} by {int} as command {string}",
            async (_ctx, userId: string, counterId: string, by: number, commandId: string) => {
              expect(await increment(userId, counterId, by, commandId)).toMatchObject({
                status: "executed",
              });
            },
          );
          When(
            '"<user>" with roles "<roles>" increments counter "c-1" by <by> as command "<commandId>", measured',
            async () => {
              const { value: outcome, cost } = await runMeasured(app(), (ctx) =>
                appCounters.orchestrator.execute(ctx, appCounters.incrementConfig, {
                  commandId: String(variables.commandId),
                  correlationId: "corr-m",
                  caller: {
                    userId: String(variables.user),
                    roles: listFrom(String(variables.roles ?? "")),
                  },
                  payload: { counterId: "c-1", by: Number(variables.by) },
                }),
              );
              state.value.outcomes.push(outcome);
              state.value.cost = { calls: cost.calls, writes: cost.documentsWritten };
            },
          );
          Then('the outcome is "<status>" with duplicate <duplicate>', () => {
            expect(last().status).toBe(variables.status);
            expect(String(last().duplicate)).toBe(String(variables.duplicate));
          });
          And("it cost <calls> component calls and <writes> document writes", () => {
            expect(state.value.cost).toEqual({
              calls: Number(variables.calls),
              writes: Number(variables.writes),
            });
          });
        },
      );
    },
  );

  Rule("A duplicate command returns the stored result and executes nothing", ({ RuleScenario }) => {
    RuleScenario("The same commandId twice runs once", (s) => {
      s.When(
        "{string} increments counter {string} by {int} as command {string} in correlation {string}",
        incrementsIn,
      );
      s.And(
        "{string} increments counter {string} by {int} as command {string} in correlation {string}",
        incrementsIn,
      );
      s.Then("the last outcome is the first one, marked as a duplicate", () => {
        const [first, second] = state.value.outcomes;
        expect(first?.duplicate).toBe(false);
        expect(second).toEqual({ ...first, duplicate: true });
      });
      s.And("the stream of counter {string} holds {string}", streamHolds);
      s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
    });

    RuleScenario("A commandId reused with another payload is refused and runs nothing", (s) => {
      s.When(
        "{string} increments counter {string} by {int} as command {string} in correlation {string}",
        incrementsIn,
      );
      s.And(
        "{string} increments counter {string} by {int} reusing command {string}",
        async (_ctx, userId: string, counterId: string, by: number, commandId: string) => {
          state.value.error = await captureAsyncError(() =>
            increment(userId, counterId, by, commandId, { correlationId: "corr-1" }),
          );
        },
      );
      s.Then("the error is COMMAND_ID_REUSED because the payloadHash differs", () => {
        const error = state.value.error as { data: { mismatch: string[]; message: string } };
        expect(isOrchestratorError(error, "COMMAND_ID_REUSED")).toBe(true);
        expect(error.data.mismatch).toEqual(["payloadHash"]);
        // The hash ignores key order and tells payloads apart.
        expect(payloadHash({ counterId: "c-1", by: 3 })).toBe(
          payloadHash({ by: 3, counterId: "c-1" }),
        );
        expect(payloadHash({ counterId: "c-1", by: 3 })).not.toBe(
          payloadHash({ counterId: "c-1", by: 4 }),
        );
        expect(payloadHash({ counterId: "c-1", by: 3 })).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
      });
      s.And("the stream of counter {string} holds {string}", streamHolds);
      s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
    });
  });

  Rule("Rejections and failures are recorded and emit no domain event", ({ RuleScenario }) => {
    RuleScenario("A business rule rejects the command", (s) => {
      s.When(
        "{string} increments counter {string} by {int} as command {string} in correlation {string}",
        incrementsIn,
      );
      s.Then("the outcome is rejected with code {string}", rejectedWith);
      s.And("the stream of counter {string} holds {string}", streamHolds);
      s.And(
        "the command {string} is recorded {string} with code {string} and no events",
        recordedRejected,
      );
      s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
    });

    RuleScenario("The entity handler refuses to create an existing entity", (s) => {
      s.When(
        "{string} creates counter {string} at {int} as command {string}",
        async (_ctx, userId: string, counterId: string, start: number, commandId: string) =>
          record(
            app().mutation(internal.counters.create, {
              commandId,
              correlationId: "corr-c2",
              userId,
              roles: ["counter:write"],
              counterId,
              start,
            }) as Promise<CommandOutcome>,
          ),
      );
      s.Then("the outcome is rejected with code {string}", rejectedWith);
      s.And(
        "the command {string} is recorded {string} with code {string} and no events",
        recordedRejected,
      );
    });

    RuleScenario("A command on a missing entity is rejected", (s) => {
      s.When(
        "{string} increments counter {string} by {int} as command {string} in correlation {string}",
        incrementsIn,
      );
      s.Then("the outcome is rejected with code {string}", rejectedWith);
      s.And("the stream of counter {string} holds {string}", streamHolds);
    });

    RuleScenario(
      "A failed decision records failed and appends its audit event to the failure stream",
      (s) => {
        s.When(
          "{string} increments counter {string} by {int} as command {string} in correlation {string}",
          incrementsIn,
        );
        s.Then("the outcome is failed with code {string}", (ctx, code: string) => {
          failedWith(ctx, code);
          expect(last().result).toMatchObject({ context: { by: 5000 } });
        });
        s.And("the stream of counter {string} holds {string}", streamHolds);
        s.And(
          "the failure stream of counter {string} holds {string} in correlation {string}",
          failureStreamHolds,
        );
        s.And(
          "the command {string} is recorded {string} with the event ids of the outcome",
          recordedWithOutcomeEvents,
        );
        s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
      },
    );

    RuleScenario("A failed creation with an audit event does not block a later creation", (s) => {
      s.When(
        "{string} creates counter {string} at {int} as command {string} in correlation {string}",
        createsIn,
      );
      s.Then("the outcome is failed with code {string}", (ctx, code: string) => {
        failedWith(ctx, code);
        expect(last().result).toMatchObject({ context: { start: 2000000 } });
      });
      s.And("the stream of counter {string} holds {string}", streamHolds);
      s.And(
        "the failure stream of counter {string} holds {string} in correlation {string}",
        failureStreamHolds,
      );
      s.And(
        "the command {string} is recorded {string} with the event ids of the outcome",
        recordedWithOutcomeEvents,
      );
      s.When(
        "{string} later creates counter {string} at {int} as command {string} in correlation {string}",
        createsIn,
      );
      s.Then(
        "the outcome is {string} for counter {string} at version {int}",
        (_ctx, status: string, counterId: string, version: number) => {
          expect(last()).toMatchObject({
            status,
            duplicate: false,
            result: { streamType: "Counter", streamId: counterId, version },
          });
        },
      );
      s.And("the stream of counter {string} now holds {string}", streamHolds);
      s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
    });

    RuleScenario(
      "Middleware refuses a caller without the role and the refusal is recorded",
      (s) => {
        s.When(
          "{string} without roles increments counter {string} by {int} as command {string}",
          async (_ctx, userId: string, counterId: string, by: number, commandId: string) =>
            record(increment(userId, counterId, by, commandId, { roles: [] })),
        );
        s.Then("the outcome is rejected with code {string}", rejectedWith);
        s.And("the stream of counter {string} holds {string}", streamHolds);
        s.And(
          "the command {string} is recorded {string} with code {string} and no events",
          recordedRejected,
        );
        s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
      },
    );
  });

  Rule("A stream that disagrees with its CMS rolls the whole command back", ({ RuleScenario }) => {
    RuleScenario("A stream ahead of the CMS leaves nothing half-written", (s) => {
      s.Given(
        "an event was appended to the stream of counter {string} outside its CMS",
        async (_ctx, counterId: string) => {
          await app().mutation(internal.counters.appendBehindCMS, { counterId });
          expect(await stream(counterId)).toHaveLength(2);
        },
      );
      s.When(
        "{string} increments counter {string} by {int} as command {string}, expecting an error",
        async (_ctx, userId: string, counterId: string, by: number, commandId: string) => {
          state.value.error = await captureAsyncError(() =>
            increment(userId, counterId, by, commandId),
          );
        },
      );
      s.Then("the error is CONCURRENT_MODIFICATION saying {string}", (_ctx, message: string) => {
        const error = state.value.error;
        expect(isOrchestratorError(error, "CONCURRENT_MODIFICATION")).toBe(true);
        expect(isOrchestratorError(error, "COMMAND_ID_REUSED")).toBe(false);
        expect((error as { data: { message: string } }).data.message).toBe(message);
        // The same shape orchestratorError builds.
        expect(
          isOrchestratorError(
            orchestratorError({ code: "CONCURRENT_MODIFICATION", message, commandId: "x" }),
          ),
        ).toBe(true);
      });
      s.And("the stream of counter {string} holds {string}", streamHolds);
      s.And("the counter {string} is at {int} with CMS version {int}", counterIs);
      s.And("the command {string} is not recorded", async (_ctx, commandId: string) => {
        expect(await command(commandId)).toBeNull();
      });
    });
  });
});
