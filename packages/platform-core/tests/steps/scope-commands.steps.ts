// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  createScopeDeciderHandler,
  failureStreamTypeOf,
  HANDLER_FAILED,
  isOrchestratorError,
} from "../../src/index.js";
import type { CommandOutcome } from "../../src/index.js";
import { internal } from "../scopeApp/convex/_generated/api.js";
import { eventStore, plainOrchestrator, reserveConfig } from "../scopeApp/convex/warehouse.js";
import { captureAsyncError, featurePath, listFrom, world } from "../support/helpers.js";
import { runMeasured } from "../support/measuredRun.js";
import { newScopeApp } from "../support/scopeApp.js";
import type { ScopeApp } from "../support/scopeApp.js";

const feature = await loadFeature(featurePath("scope-commands.feature"));

type StoredEvent = {
  eventId: string;
  eventType: string;
  streamId: string;
  tenantId?: string;
  scopeKey?: string;
  payload: { sku?: string };
  metadata: Record<string, unknown>;
};

/** "sku-a:2, sku-b:1" -> lines. */
function linesFrom(text: string) {
  return listFrom(text).map((entry) => {
    const [sku, quantity] = entry.split(":");
    return { sku: sku!, quantity: Number(quantity) };
  });
}

describeFeature(feature, ({ Rule, Background, BeforeEachScenario, defineSteps }) => {
  let t: ScopeApp | undefined;
  const state = world(() => ({
    outcomes: [] as CommandOutcome[],
    error: undefined as unknown,
    cost: undefined as { calls: number; writes: number } | undefined,
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
  const reserve = (
    reservationId: string,
    lines: string,
    warehouseId: string,
    commandId: string,
    handler?: "withoutStreams" | "withStrayStream",
  ) =>
    app().mutation(internal.warehouse.reserve, {
      commandId,
      reservationId,
      warehouseId,
      lines: linesFrom(lines),
      ...(handler !== undefined && { handler }),
    }) as Promise<CommandOutcome>;
  const virtualStream = async (warehouseId: string) =>
    (await app().query(internal.warehouse.virtualStream, { warehouseId })) as {
      events: StoredEvent[];
      scopeVersion: number;
    };
  const command = async (commandId: string) =>
    (await app().query(internal.warehouse.getCommand, { commandId })) as {
      status: string;
      eventIds: string[];
      result: unknown;
    } | null;
  const cmsIs = async (_ctx: unknown, warehouseId: string, version: number, stock: string) => {
    const lines = linesFrom(stock);
    expect(
      await app().query(internal.warehouse.getWarehouse, {
        warehouseId,
        skus: lines.map((line) => line.sku),
      }),
    ).toEqual({
      version,
      stock: Object.fromEntries(lines.map((line) => [line.sku, line.quantity])),
    });
  };
  const virtualStreamHolds = async (
    _ctx: unknown,
    warehouseId: string,
    entries: string,
    version: number,
  ) => {
    const page = await virtualStream(warehouseId);
    expect(page.events.map((e) => `${e.eventType} ${e.payload.sku}`)).toEqual(listFrom(entries));
    expect(page.scopeVersion).toBe(version);
  };
  const neverRecorded = async (_ctx: unknown, commandId: string) => {
    expect(await command(commandId)).toBeNull();
  };

  Background(({ Given, And }) => {
    Given("the scope command test app", () => {
      t = newScopeApp();
      state.reset();
      expect(typeof createScopeDeciderHandler).toBe("function");
    });
    And(
      "warehouse {string} was stocked with {string} as command {string}",
      async (_ctx, warehouseId: string, lines: string, commandId: string) => {
        const outcome = (await app().mutation(internal.warehouse.stock, {
          commandId,
          warehouseId,
          lines: linesFrom(lines),
        })) as CommandOutcome;
        expect(outcome).toMatchObject({ status: "executed", result: { version: 1 } });
      },
    );
  });

  defineSteps(({ When, Then, And, Given }) => {
    When(
      "reservation {string} of {string} is made in warehouse {string} as command {string}",
      async (
        _ctx,
        reservationId: string,
        lines: string,
        warehouseId: string,
        commandId: string,
      ) => {
        state.value.outcomes.push(await reserve(reservationId, lines, warehouseId, commandId));
      },
    );
    And(
      "reservation {string} of {string} is made in warehouse {string} as command {string}",
      async (
        _ctx,
        reservationId: string,
        lines: string,
        warehouseId: string,
        commandId: string,
      ) => {
        state.value.outcomes.push(await reserve(reservationId, lines, warehouseId, commandId));
      },
    );
    And(
      "the virtual stream of warehouse {string} holds {string} at version {int}",
      virtualStreamHolds,
    );
    And("the CMS of warehouse {string} is at version {int} with {string}", cmsIs);
    And("the command {string} was never recorded", neverRecorded);
    Given(
      "stock of {string} was committed to the scope of warehouse {string} behind its CMS",
      async (_ctx, sku: string, warehouseId: string) => {
        await app().mutation(internal.warehouse.stockBehindCMS, { warehouseId, sku, quantity: 1 });
      },
    );
    Then(
      "the error is CONCURRENT_MODIFICATION at scope version {int} for a decision on version {int}",
      (_ctx, current: number, expected: number) => {
        expect(isOrchestratorError(state.value.error, "CONCURRENT_MODIFICATION")).toBe(true);
        expect((state.value.error as { data: unknown }).data).toMatchObject({
          currentVersion: current,
          expectedVersion: expected,
        });
      },
    );
  });

  Rule(
    "A scope command commits the events of several streams in one scope commit",
    ({ RuleScenario }) => {
      RuleScenario(
        "A reservation over two products commits both lines at one scope version",
        ({ Then, And }) => {
          Then(
            "the outcome is executed at scope version {int} of scope {string}",
            (_ctx, version: number, scopeKey: string) => {
              expect(last()).toMatchObject({
                status: "executed",
                duplicate: false,
                result: {
                  streamType: "warehouse",
                  streamId: "wh-1",
                  version,
                  scopeKey,
                  data: { reserved: 2 },
                },
              });
              expect(last().eventIds).toHaveLength(2);
            },
          );
          And(
            "the events of command {string} carry its correlation and tenant {string}",
            async (_ctx, commandId: string, tenantId: string) => {
              const reserved = (await virtualStream("wh-1")).events.filter(
                (event) => event.metadata.commandId === commandId,
              );
              expect(reserved.map((event) => event.eventId)).toEqual([...last().eventIds]);
              for (const event of reserved) {
                expect(event).toMatchObject({
                  tenantId,
                  scopeKey: "tenant:t1:warehouse:wh-1",
                  metadata: { correlationId: `corr-${commandId}`, causationId: commandId },
                });
              }
              // Each event went to the stream of its product.
              expect(reserved.map((event) => event.streamId)).toEqual(["sku-a", "sku-b"]);
            },
          );
          And(
            "the command {string} is recorded {string} with the event ids of the outcome",
            async (_ctx, commandId: string, status: string) => {
              const stored = await command(commandId);
              expect(stored).toMatchObject({ status, eventIds: [...last().eventIds] });
              expect(stored?.result).toEqual(last().result);
            },
          );
          And(
            "the projection hook saw scope {string} at version {int} with {int} events for command {string}",
            async (_ctx, scopeKey: string, version: number, count: number, commandId: string) => {
              expect(
                await app().query(internal.warehouse.appendedFor, { commandId }),
              ).toMatchObject([
                {
                  streamType: "warehouse",
                  streamId: "wh-1",
                  streamVersion: version,
                  scopeKey,
                  tenantId: "t1",
                  eventCount: count,
                },
              ]);
            },
          );
        },
      );

      RuleScenario("A scope command costs 4 component calls", ({ When, Then }) => {
        When(
          "reservation {string} of {string} is made in warehouse {string} as command {string}, measured",
          async (
            _ctx,
            reservationId: string,
            lines: string,
            warehouseId: string,
            commandId: string,
          ) => {
            const { value, cost } = await runMeasured(app(), (ctx) =>
              plainOrchestrator.execute(ctx, reserveConfig("decider"), {
                commandId,
                correlationId: `corr-${commandId}`,
                caller: { userId: "clerk" },
                payload: { warehouseId, reservationId, lines: linesFrom(lines) },
              }),
            );
            expect(value.status).toBe("executed");
            state.value.cost = { calls: cost.calls, writes: cost.documentsWritten };
          },
        );
        Then(
          "it cost {int} component calls and {int} document writes",
          (_ctx, calls: number, writes: number) => {
            // Writes: the warehouse row and 2 stock rows (CMS), 2 events, 2 stream rows, the
            // scope row, the command record.
            expect(state.value.cost).toEqual({ calls, writes });
          },
        );
      });

      RuleScenario("A duplicate returns the stored result and commits nothing", ({ Then }) => {
        Then("the last outcome is the first one, marked as a duplicate", () => {
          const [first, second] = state.value.outcomes;
          expect(first?.duplicate).toBe(false);
          expect(second).toEqual({ ...first, duplicate: true });
        });
      });
    },
  );

  Rule(
    "A rejected or failed scope decision writes no CMS row and commits nothing to the scope",
    ({ RuleScenario }) => {
      RuleScenario("A line short of stock rejects the whole reservation", ({ Then, And }) => {
        Then(
          "the outcome is rejected with code {string} naming {string}",
          (_ctx, code: string, sku: string) => {
            expect(last()).toMatchObject({
              status: "rejected",
              eventIds: [],
              result: { code, context: { skus: [sku] } },
            });
          },
        );
        And(
          "the command {string} is recorded {string} with no event",
          async (_ctx, commandId: string, status: string) => {
            expect(await command(commandId)).toMatchObject({ status, eventIds: [] });
          },
        );
      });

      RuleScenario(
        "A failure's audit event goes to the scope's failure stream, in the scope's tenant",
        ({ Then, And }) => {
          Then("the outcome is failed with code {string}", (_ctx, code: string) => {
            expect(code).toBe(HANDLER_FAILED);
            expect(last()).toMatchObject({ status: "failed", result: { code } });
            expect(last().eventIds).toHaveLength(1);
          });
          And(
            "the failure stream {string} of {string} holds {string} for tenant {string}",
            async (
              _ctx,
              streamType: string,
              warehouseId: string,
              types: string,
              tenantId: string,
            ) => {
              expect(failureStreamTypeOf("warehouse")).toBe(streamType);
              const page = (await app().query(internal.warehouse.failures, { warehouseId })) as {
                events: StoredEvent[];
              };
              expect(page.events.map((event) => event.eventType)).toEqual(listFrom(types));
              expect(page.events.map((event) => event.eventId)).toEqual([...last().eventIds]);
              expect(page.events[0]).toMatchObject({ tenantId });
              expect(page.events[0]?.scopeKey).toBeUndefined();
            },
          );
        },
      );
    },
  );

  Rule("A scope that disagrees with its CMS rolls the whole command back", ({ RuleScenario }) => {
    RuleScenario(
      "Events committed to the scope outside the CMS make the next command conflict",
      ({ When }) => {
        When(
          "reservation {string} of {string} is made in warehouse {string} as command {string}",
          async (
            _ctx,
            reservationId: string,
            lines: string,
            warehouseId: string,
            commandId: string,
          ) => {
            state.value.error = await captureAsyncError(() =>
              reserve(reservationId, lines, warehouseId, commandId),
            );
          },
        );
      },
    );
  });

  Rule(
    "Events name their stream exactly when the handler names a scope",
    ({ RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "A handler result that mixes the two shapes is refused and rolled back",
        ({ When, Then, And }, variables) => {
          When(
            'reservation "r-1" of "sku-a:1" is made in warehouse "wh-1" as command "<commandId>" by the "<handler>" handler',
            async () => {
              state.value.error = await captureAsyncError(() =>
                reserve(
                  "r-1",
                  "sku-a:1",
                  "wh-1",
                  variables.commandId!,
                  variables.handler as "withoutStreams" | "withStrayStream",
                ),
              );
            },
          );
          Then('the error is INVALID_HANDLER_RESULT saying "<says>"', () => {
            expect(isOrchestratorError(state.value.error, "INVALID_HANDLER_RESULT")).toBe(true);
            expect((state.value.error as { data: { message: string } }).data.message).toContain(
              variables.says,
            );
          });
          And('the command "<commandId>" was never recorded', async () => {
            expect(await command(variables.commandId!)).toBeNull();
            // Nothing reached the scope either.
            expect((await virtualStream("wh-1")).scopeVersion).toBe(1);
            expect(eventStore).toBeDefined();
          });
        },
      );
    },
  );
});
