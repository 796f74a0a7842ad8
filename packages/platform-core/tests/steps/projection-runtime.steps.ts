// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import type { StepTest } from "@amiceli/vitest-cucumber";
import { ProjectionStore } from "@convex-es/platform-projections";
import type { PoisonRecord } from "@convex-es/platform-projections";
import { EventStore } from "@convex-es/platform-store";
import { Workpool } from "@convex-dev/workpool";
import { v } from "convex/values";
import { expect, vi } from "vitest";
import {
  byStream,
  clientProjectionQuery,
  defineProjectionHandlers,
  internalProjectionQuery,
  MAX_RETRY_DELAY_MS,
  ProjectionRuntime,
  retryDelayMs,
  vCatchUpCompletion,
  vCatchUpReport,
  vDispatchReport,
  vPartitionJob,
} from "../../src/index.js";
import type { CatchUpReport, DispatchReport, ProjectionFunctionRefs } from "../../src/index.js";
import { api, internal } from "../projectionApp/convex/_generated/api.js";
import {
  counterFeed,
  counterReport,
  counterTotals,
  counterTotalsHandlers,
} from "../projectionApp/convex/counterTotals.js";
import { createConfig } from "../projectionApp/convex/counters.js";
import { orchestrator } from "../projectionApp/convex/runtime.js";
import {
  captureAsyncError,
  captureError,
  coreError,
  featurePath,
  world,
} from "../support/helpers.js";
import { runMeasured } from "../support/measuredRun.js";
import type { TransactionCost } from "../support/measuredRun.js";
import { newProjectionApp } from "../support/projectionApp.js";
import type { ProjectionApp } from "../support/projectionApp.js";

const feature = await loadFeature(featurePath("projection-runtime.feature"));

/** Past the event store's default settle window (5 s), so the last appends are readable. */
const SETTLE_MS = 6_000;

type StoredEvent = { eventId: string; eventType: string; globalPosition: number };
type Applied = { eventId: string; eventType: string; globalPosition: number; projection: string };

describeFeature(feature, ({ Rule, Background, BeforeEachScenario, AfterEachScenario }) => {
  let t: ProjectionApp | undefined;
  const state = world(() => ({
    dispatches: [] as DispatchReport[][],
    catchUps: [] as CatchUpReport[],
    cost: undefined as TransactionCost | undefined,
    retry: undefined as { status: string } | undefined,
    error: undefined as unknown,
    job: undefined as { projection: string; partitionKey: string } | undefined,
  }));
  BeforeEachScenario(() => state.reset());
  AfterEachScenario(() => {
    vi.useRealTimers();
  });
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const settle = () => vi.setSystemTime(Date.now() + SETTLE_MS);
  const runAllJobs = () => app().finishAllScheduledFunctions(vi.runAllTimers);
  const dispatch = async () => {
    const reports = await app().mutation(internal.projections.dispatch, {});
    for (const report of reports) {
      expect(Object.keys(report).sort()).toEqual(Object.keys(vDispatchReport.fields).sort());
    }
    state.value.dispatches.push(reports);
    return reports;
  };
  const streamOf = async (counterId: string): Promise<StoredEvent[]> =>
    ((await app().query(internal.counters.readStream, { counterId })) as { events: StoredEvent[] })
      .events;
  const firstEventOf = async (counterId: string) => {
    const [first] = await streamOf(counterId);
    if (first === undefined) throw new Error(`no events for ${counterId}`);
    return first;
  };
  const applied = async (streamId: string) =>
    (await app().query(internal.counters.appliedEvents, { streamId })) as Applied[];
  const poisonOf = async (counterId: string) => {
    const first = await firstEventOf(counterId);
    const letters = [
      ...(await app().query(internal.projections.listDeadLetters, {
        projection: "counterTotals",
        status: "quarantined",
        limit: 50,
      })),
      ...(await app().query(internal.projections.listDeadLetters, {
        projection: "counterTotals",
        status: "ignored",
        limit: 50,
      })),
      ...(await app().query(internal.projections.listDeadLetters, {
        projection: "counterTotals",
        status: "recovered",
        limit: 50,
      })),
    ];
    return letters.find((record: PoisonRecord) => record.eventId === first.eventId);
  };
  const deadLetterIds = async (projection: string) =>
    (await app().query(internal.projections.listDeadLetters, { projection, limit: 50 })).map(
      (record: PoisonRecord) => record.eventId,
    );
  const refused = (code: string) => {
    const error = coreError(state.value.error);
    expect(error.codes).toContain(code);
    expect(error.message.length).toBeGreaterThan(20);
  };

  Background(({ Given }) => {
    Given("the counters app with the projection runtime and a real Workpool", () => {
      vi.useFakeTimers();
      t = newProjectionApp();
    });
  });

  const givenCommands = (s: StepTest) => {
    s.Given(
      "counter {string} is created at {int} with correlation {string}",
      async (_ctx: unknown, counterId: string, start: number, correlationId: string) => {
        const outcome = await app().mutation(internal.counters.create, {
          commandId: `create-${counterId}`,
          correlationId,
          counterId,
          start,
        });
        expect(outcome.status).toBe("executed");
      },
    );
  };

  Rule("Commands' events reach the read models through Workpool jobs", ({ RuleScenario }) => {
    RuleScenario("A counter's events are projected with the command's correlation", (s) => {
      givenCommands(s);
      s.And(
        "counter {string} is incremented by {int} with correlation {string}",
        async (_ctx, counterId: string, by: number, correlationId: string) => {
          const outcome = await app().mutation(internal.counters.increment, {
            commandId: `inc-${counterId}-${correlationId}`,
            correlationId,
            counterId,
            by,
          });
          expect(outcome.status).toBe("executed");
        },
      );
      s.When("the events settle and the projections are dispatched and run", async () => {
        settle();
        const [totals] = await dispatch();
        expect(totals).toMatchObject({ projection: "counterTotals", routed: 2, partitions: 1 });
        await runAllJobs();
      });
      s.Then(
        "the counterTotals row of {string} has value {int} and correlation {string}",
        async (_ctx, counterId: string, value: number, correlationId: string) => {
          const row = await app().query(internal.counters.counterTotal, { counterId });
          expect(row).toMatchObject({ value, correlationId });
        },
      );
      s.And(
        "the counterTotals partition {string} has its checkpoint at the last event of {string}",
        async (_ctx, partitionKey: string, counterId: string) => {
          const last = (await streamOf(counterId)).at(-1)!;
          const checkpoint = await app().query(internal.projections.getCheckpoint, {
            projection: "counterTotals",
            partitionKey,
          });
          expect(checkpoint).toMatchObject({
            lastPosition: last.globalPosition,
            lastEventId: last.eventId,
          });
        },
      );
      s.And(
        "every event of {string} was applied once, in stream order",
        async (_ctx, id: string) => {
          const events = await streamOf(id);
          const rows = (await applied(id)).filter((row) => row.projection === "counterTotals");
          expect(rows.map((row) => row.eventId)).toEqual(events.map((event) => event.eventId));
        },
      );
    });

    RuleScenario("Events younger than the settle window wait for the next dispatch", (s) => {
      givenCommands(s);
      s.When("the projections are dispatched before the events settle", async () => {
        await dispatch();
        await runAllJobs();
      });
      s.Then("the dispatch routed {int} events", (_ctx, routed: number) => {
        const total = state.value.dispatches
          .at(-1)!
          .reduce((sum, report) => sum + report.routed, 0);
        expect(total).toBe(routed);
      });
      s.And("there is no counterTotals row for {string}", async (_ctx, counterId: string) => {
        expect(await app().query(internal.counters.counterTotal, { counterId })).toBeNull();
      });
      s.When("the events settle and the projections are dispatched and run", async () => {
        settle();
        await dispatch();
        await runAllJobs();
      });
      s.Then(
        "the counterTotals row of {string} has value {int} and correlation {string}",
        async (_ctx, counterId: string, value: number, correlationId: string) => {
          const row = await app().query(internal.counters.counterTotal, { counterId });
          expect(row).toMatchObject({ value, correlationId });
        },
      );
    });

    RuleScenario("The command path writes nothing for projections", (s) => {
      s.When(
        "counter {string} is created at {int} with its cost measured",
        async (_ctx, id: string, start: number) => {
          const { value, cost } = await runMeasured(app(), (ctx) =>
            orchestrator.execute(ctx, createConfig, {
              commandId: `create-${id}`,
              correlationId: `corr-${id}`,
              caller: null,
              payload: { counterId: id, start },
            }),
          );
          expect(value.status).toBe("executed");
          state.value.cost = cost;
        },
      );
      s.Then(
        "the command made {int} component calls and wrote {int} documents",
        (_ctx, calls: number, writes: number) => {
          expect(state.value.cost).toMatchObject({ calls, documentsWritten: writes });
        },
      );
    });
  });

  Rule("Catch-up jobs are idempotent and order-safe per partition", ({ RuleScenario }) => {
    const incremented = (s: StepTest) =>
      s.And(
        "counter {string} is incremented by {int} with correlation {string}",
        async (_ctx: unknown, counterId: string, by: number, correlationId: string) => {
          const outcome = await app().mutation(internal.counters.increment, {
            commandId: `inc-${counterId}-${correlationId}`,
            correlationId,
            counterId,
            by,
          });
          expect(outcome.status).toBe("executed");
        },
      );
    const dispatchedOnly = (s: StepTest, batch: "first" | "second") =>
      s.And(`the ${batch} batch settles and is dispatched without running its job`, async () => {
        settle();
        const [totals] = await dispatch();
        expect(totals!.partitions).toBe(1);
      });

    RuleScenario("Two jobs for one partition run out of order", (s) => {
      givenCommands(s);
      dispatchedOnly(s, "first");
      s.And(
        "counter {string} is incremented by {int} twice with correlation {string}",
        async (_ctx, counterId: string, by: number, correlationId: string) => {
          for (const n of [1, 2]) {
            const outcome = await app().mutation(internal.counters.increment, {
              commandId: `inc-${counterId}-${n}`,
              correlationId,
              counterId,
              by,
            });
            expect(outcome.status).toBe("executed");
          }
        },
      );
      dispatchedOnly(s, "second");
      s.When(
        "the catch-up job of partition {string} runs for the second batch first",
        async (_ctx, partitionKey: string) => {
          const report = await app().mutation(internal.projections.catchUp, {
            projection: "counterTotals",
            partitionKey,
          });
          expect(Object.keys(vCatchUpReport.fields)).toEqual(
            expect.arrayContaining(Object.keys(report)),
          );
          state.value.catchUps.push(report);
          expect(report.applied).toBe(3);
        },
      );
      s.And(
        "the catch-up job of partition {string} runs again for the first batch",
        async (_ctx, partitionKey: string) => {
          const job = { projection: "counterTotals", partitionKey };
          expect(Object.keys(vPartitionJob.fields).sort()).toEqual(Object.keys(job).sort());
          state.value.catchUps.push(await app().mutation(internal.projections.catchUp, job));
          // The jobs the dispatches enqueued run too, late: they find nothing either.
          await runAllJobs();
        },
      );
      s.Then("the second run applied {int} events", (_ctx, count: number) => {
        expect(state.value.catchUps[1]).toMatchObject({ applied: count, skipped: 0 });
      });
      s.And(
        "every event of {string} was applied once, in stream order",
        async (_ctx, id: string) => {
          const events = await streamOf(id);
          expect(events).toHaveLength(3);
          const rows = await applied(id);
          expect(rows.map((row) => row.eventId)).toEqual(events.map((event) => event.eventId));
        },
      );
      s.And(
        "the counterTotals row of {string} has value {int} and correlation {string}",
        async (_ctx, counterId: string, value: number, correlationId: string) => {
          const row = await app().query(internal.counters.counterTotal, { counterId });
          expect(row).toMatchObject({ value, correlationId });
        },
      );
    });

    RuleScenario("Every queued job runs and the read model counts each event once", (s) => {
      givenCommands(s);
      dispatchedOnly(s, "first");
      incremented(s);
      dispatchedOnly(s, "second");
      s.When("the Workpool runs every queued job", async () => {
        const queued = state.value.dispatches.reduce(
          (sum, reports) => sum + reports.reduce((n, report) => n + report.partitions, 0),
          0,
        );
        expect(queued).toBe(2);
        await runAllJobs();
      });
      s.Then(
        "every event of {string} was applied once, in stream order",
        async (_ctx, id: string) => {
          const events = await streamOf(id);
          expect(events).toHaveLength(2);
          const rows = await applied(id);
          expect(rows.map((row) => row.eventId)).toEqual(events.map((event) => event.eventId));
        },
      );
    });
  });

  Rule(
    "A projection handler that keeps failing is quarantined after three attempts",
    ({ RuleScenario }) => {
      const faulted = (s: StepTest) =>
        s.And(
          "the counterTotals handler throws {string} for {string}",
          async (_ctx: unknown, message: string, counterId: string) => {
            await app().mutation(internal.counters.injectFault, { counterId, message });
          },
        );
      const dispatchedAndRun = (s: StepTest) =>
        s.When("the events settle and the projections are dispatched and run", async () => {
          settle();
          await dispatch();
          await runAllJobs();
        });
      const poisonRecorded = (s: StepTest, keyword: "Then" | "And") =>
        s[keyword](
          "the poison record of the first event of {string} has {int} attempts, status {string} and error {string}",
          async (
            _ctx: unknown,
            counterId: string,
            attempts: number,
            status: string,
            error: string,
          ) => {
            expect(await poisonOf(counterId)).toMatchObject({ attempts, status, lastError: error });
          },
        );

      RuleScenario("A projection that throws three times", (s) => {
        givenCommands(s);
        faulted(s);
        s.And(
          "counter {string} is incremented by {int} with correlation {string}",
          async (_ctx, counterId: string, by: number, correlationId: string) => {
            const outcome = await app().mutation(internal.counters.increment, {
              commandId: `inc-${counterId}`,
              correlationId,
              counterId,
              by,
            });
            expect(outcome.status).toBe("executed");
          },
        );
        dispatchedAndRun(s);
        poisonRecorded(s, "Then");
        s.And(
          "the counterTotals dead letters list the first event of {string}",
          async (_ctx, id: string) => {
            expect(await deadLetterIds("counterTotals")).toContain(
              (await firstEventOf(id)).eventId,
            );
          },
        );
        s.And(
          "the counterTotals partition {string} has its checkpoint at the last event of {string}",
          async (_ctx, partitionKey: string, counterId: string) => {
            const last = (await streamOf(counterId)).at(-1)!;
            const checkpoint = await app().query(internal.projections.getCheckpoint, {
              projection: "counterTotals",
              partitionKey,
            });
            expect(checkpoint).toMatchObject({
              lastPosition: last.globalPosition,
              eventsApplied: 0,
              eventsSkipped: 2,
            });
          },
        );
        s.And("no event of {string} was applied", async (_ctx, id: string) => {
          // The handler wrote before it threw: its sub-transaction rolled those writes back.
          expect(await applied(id)).toEqual([]);
          expect(await app().query(internal.counters.counterTotal, { counterId: id })).toBeNull();
        });
      });

      RuleScenario("A dead letter is retried after the fault is removed", (s) => {
        givenCommands(s);
        faulted(s);
        dispatchedAndRun(s);
        s.And(
          "the fault of {string} is removed and the dead letter of its first event is retried",
          async (_ctx, counterId: string) => {
            await app().mutation(internal.counters.removeFaults, { counterId });
            const first = await firstEventOf(counterId);
            state.value.retry = await app().mutation(internal.projections.retryDeadLetter, {
              projection: "counterTotals",
              eventId: first.eventId,
            });
          },
        );
        s.Then("the retry answered {string}", (_ctx, status: string) => {
          expect(state.value.retry?.status).toBe(status);
        });
        s.And(
          "the counterTotals row of {string} has value {int} and correlation {string}",
          async (_ctx, counterId: string, value: number, correlationId: string) => {
            const row = await app().query(internal.counters.counterTotal, { counterId });
            expect(row).toMatchObject({ value, correlationId });
          },
        );
        s.And(
          "the counterTotals dead letters do not list the first event of {string}",
          async (_ctx, id: string) => {
            expect(await deadLetterIds("counterTotals")).not.toContain(
              (await firstEventOf(id)).eventId,
            );
          },
        );
      });

      RuleScenario(
        "A dead letter that still fails stays quarantined with one more attempt",
        (s) => {
          givenCommands(s);
          faulted(s);
          dispatchedAndRun(s);
          s.And(
            "the dead letter of the first event of {string} is retried",
            async (_ctx, id: string) => {
              state.value.retry = await app().mutation(internal.projections.retryDeadLetter, {
                projection: "counterTotals",
                eventId: (await firstEventOf(id)).eventId,
              });
            },
          );
          s.Then("the retry answered {string}", (_ctx, status: string) => {
            expect(state.value.retry?.status).toBe(status);
          });
          poisonRecorded(s, "And");
        },
      );

      RuleScenario("A dead letter is ignored", (s) => {
        givenCommands(s);
        faulted(s);
        dispatchedAndRun(s);
        s.And(
          "the dead letter of the first event of {string} is ignored",
          async (_ctx, id: string) => {
            const result = await app().mutation(internal.projections.ignoreDeadLetter, {
              projection: "counterTotals",
              eventId: (await firstEventOf(id)).eventId,
            });
            expect(result.status).toBe("resolved");
          },
        );
        poisonRecorded(s, "Then");
      });

      RuleScenario("A handler that fails once recovers on its retry", (s) => {
        givenCommands(s);
        faulted(s);
        s.When(
          "the events settle and the projections are dispatched and the first job runs",
          async () => {
            settle();
            await dispatch();
            const report = await app().mutation(internal.projections.catchUp, {
              projection: "counterTotals",
              partitionKey: byStream("c-10").value,
            });
            expect(report).toMatchObject({ applied: 0, skipped: 0, checkpoint: null });
            expect(report.retryingEventId).toBe((await firstEventOf("c-10")).eventId);
            expect(retryDelayMs(1, 1_000)).toBe(1_000);
            expect(retryDelayMs(30, 1_000)).toBe(MAX_RETRY_DELAY_MS);
          },
        );
        s.And(
          "the fault of {string} is removed and the Workpool runs every queued job",
          async (_ctx, counterId: string) => {
            await app().mutation(internal.counters.removeFaults, { counterId });
            await runAllJobs();
          },
        );
        s.Then(
          "the counterTotals row of {string} has value {int} and correlation {string}",
          async (_ctx, counterId: string, value: number, correlationId: string) => {
            const row = await app().query(internal.counters.counterTotal, { counterId });
            expect(row).toMatchObject({ value, correlationId });
          },
        );
        poisonRecorded(s, "And");
      });
    },
  );

  Rule("Events and jobs that cannot be processed are kept for operators", ({ RuleScenario }) => {
    RuleScenario("An event without its partition key becomes a dead letter at once", (s) => {
      s.Given(
        "a CounterTouched event without counterId on stream {string}",
        async (_ctx, streamId: string) => {
          await app().mutation(internal.counters.touch, { streamId });
        },
      );
      s.And(
        "a CounterTouched event with counterId {string} on stream {string}",
        async (_ctx, counterId: string, streamId: string) => {
          await app().mutation(internal.counters.touch, { streamId, counterId });
        },
      );
      s.When("the events settle and the projections are dispatched and run", async () => {
        settle();
        const reports = await dispatch();
        expect(reports.find((r) => r.projection === "counterFeed")).toMatchObject({
          routed: 1,
          unroutable: 1,
        });
        await runAllJobs();
      });
      s.Then(
        "the counterFeed dead letters list the event of stream {string} with an error mentioning {string}",
        async (_ctx, streamId: string, fragment: string) => {
          const letters = await app().query(internal.projections.listDeadLetters, {
            projection: "counterFeed",
            limit: 10,
          });
          expect(letters).toHaveLength(1);
          expect(letters[0]!.lastError).toContain(fragment);
          const rows = await applied(streamId);
          expect(rows).toEqual([]);
        },
      );
      s.And(
        "the counterFeed applied the event of stream {string}",
        async (_ctx, streamId: string) => {
          expect((await applied(streamId)).map((row) => row.projection)).toEqual(["counterFeed"]);
        },
      );
    });

    RuleScenario("A catch-up job that fails is recorded by its onComplete and retried", (s) => {
      s.Given(
        "a catch-up job for projection {string} partition {string} is enqueued",
        async (_ctx, projection: string, partitionKey: string) => {
          await app().mutation(internal.counters.enqueueBrokenJob, { projection, partitionKey });
        },
      );
      s.When("the Workpool runs every queued job", async () => {
        await runAllJobs();
      });
      s.Then(
        "the failed jobs list {string} partition {string} with {int} failures and an error mentioning {string}",
        async (
          _ctx,
          projection: string,
          partitionKey: string,
          failures: number,
          fragment: string,
        ) => {
          const jobs = await app().query(internal.projections.listFailedJobs, { limit: 10 });
          expect(jobs).toHaveLength(1);
          expect(jobs[0]).toMatchObject({ projection, partitionKey, failures, status: "open" });
          expect(jobs[0]!.error).toContain(fragment);
          // The onComplete Workpool called takes exactly the completion validator's fields.
          expect(Object.keys(vCatchUpCompletion.fields).sort()).toEqual([
            "context",
            "result",
            "workId",
          ]);
          state.value.job = { projection, partitionKey };
        },
      );
      s.And("retrying that job is refused with code {string}", async (_ctx, code: string) => {
        const error = await captureAsyncError(() =>
          app().mutation(internal.projections.retryFailedJob, state.value.job!),
        );
        expect((error as { data?: { code?: string } }).data?.code).toBe(code);
      });
    });
  });

  Rule("Projection definitions are checked when they load", ({ RuleScenario }) => {
    const refusedWith = (s: StepTest) =>
      s.Then("the definition is refused with code {string}", (_ctx: unknown, code: string) =>
        refused(code),
      );

    RuleScenario("A projection without a partition is refused", (s) => {
      s.When("projection handlers are defined without a partition", () => {
        state.value.error = captureError(() =>
          defineProjectionHandlers(counterTotals, {
            partition: undefined as never,
            handlers: { CounterCreated: async () => {}, CounterIncremented: async () => {} },
          }),
        );
      });
      refusedWith(s);
    });

    RuleScenario("A subscribed event without a handler is refused", (s) => {
      s.When("projection handlers are defined without the CounterIncremented handler", () => {
        state.value.error = captureError(() =>
          defineProjectionHandlers(counterTotals, {
            partition: (event) => byStream(event.streamId),
            handlers: { CounterCreated: async () => {} } as never,
          }),
        );
      });
      refusedWith(s);
    });

    RuleScenario("A handler for an event the projection does not subscribe to is refused", (s) => {
      s.When("projection handlers are defined with a handler for CounterTouched", () => {
        state.value.error = captureError(() =>
          defineProjectionHandlers(counterTotals, {
            partition: (event) => byStream(event.streamId),
            handlers: {
              CounterCreated: async () => {},
              CounterIncremented: async () => {},
              CounterTouched: async () => {},
            } as never,
          }),
        );
      });
      refusedWith(s);
    });

    RuleScenario("A projection registered twice is refused by the runtime", (s) => {
      s.When("a runtime is made with counterTotals twice", () => {
        state.value.error = captureError(
          () =>
            new ProjectionRuntime({
              store: new ProjectionStore({} as never),
              eventStore: new EventStore({} as never),
              pool: new Workpool({} as never, {}),
              projections: [counterTotalsHandlers, counterTotalsHandlers] as never,
              functions: () => ({}) as ProjectionFunctionRefs,
            }),
        );
      });
      refusedWith(s);
    });
  });

  Rule("Read-model queries enforce their projection's category", ({ RuleScenario }) => {
    const dispatchedAndRun = (s: StepTest) =>
      s.When("the events settle and the projections are dispatched and run", async () => {
        settle();
        await dispatch();
        await runAllJobs();
      });
    const definitionRefused = (s: StepTest) =>
      s.Then(
        "the query definition is refused with code {string}",
        (_ctx: unknown, code: string) => {
          const error = state.value.error as { code?: string; message?: string };
          expect(error?.code).toBe(code);
          expect(error.message?.length).toBeGreaterThan(20);
        },
      );
    const readModel = {
      args: {},
      returns: v.null(),
      handler: async () => null,
    };

    RuleScenario("A view projection's query is open to every client", (s) => {
      givenCommands(s);
      dispatchedAndRun(s);
      s.Then(
        "a client without identity reads the total of {string} as {int}",
        async (_ctx, counterId: string, value: number) => {
          expect(await app().query(api.readModels.counterTotal, { counterId })).toEqual({
            counterId,
            value,
          });
        },
      );
    });

    RuleScenario("A reporting projection's query answers admins only", (s) => {
      givenCommands(s);
      dispatchedAndRun(s);
      s.Then(
        "a client without identity is refused the grand total with code {string}",
        async (_ctx, code: string) => {
          const error = await captureAsyncError(() => app().query(api.readModels.grandTotal, {}));
          expect((error as { data?: { code?: string } }).data?.code).toBe(code);
          const viewer = app().withIdentity({ subject: "u-1", role: "viewer" } as never);
          const refusal = await captureAsyncError(() =>
            viewer.query(api.readModels.grandTotal, {}),
          );
          expect((refusal as { data?: { code?: string } }).data?.code).toBe(code);
        },
      );
      s.And(
        "a client with the role {string} reads the grand total {int}",
        async (_ctx, role: string, total: number) => {
          const admin = app().withIdentity({ subject: "u-2", role } as never);
          expect(await admin.query(api.readModels.grandTotal, {})).toBe(total);
        },
      );
    });

    RuleScenario(
      "A client query of an integration projection is refused when it is defined",
      (s) => {
        s.When("a client query of the counterFeed projection is defined", () => {
          state.value.error = captureError(() => clientProjectionQuery(counterFeed, readModel));
        });
        definitionRefused(s);
      },
    );

    RuleScenario("A client query of a reporting projection without a caller is refused", (s) => {
      s.When("a client query of the counterReport projection is defined without a caller", () => {
        state.value.error = captureError(() => clientProjectionQuery(counterReport, readModel));
        expect(() => internalProjectionQuery(counterReport, readModel)).not.toThrow();
      });
      definitionRefused(s);
    });

    RuleScenario("Server code reads an integration projection through an internal query", (s) => {
      s.Given(
        "a CounterTouched event with counterId {string} on stream {string}",
        async (_ctx, counterId: string, streamId: string) => {
          await app().mutation(internal.counters.touch, { streamId, counterId });
        },
      );
      dispatchedAndRun(s);
      s.Then(
        "the internal feed query of stream {string} returns its one event",
        async (_ctx, streamId: string) => {
          const ids = await app().query(internal.readModels.feedEvents, { streamId });
          expect(ids).toHaveLength(1);
          expect((await applied(streamId)).map((row) => row.eventId)).toEqual(ids);
        },
      );
    });
  });
});
