import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  createConsoleSink,
  createLogger,
  formatLogLine,
  isLevelEnabled,
  isLogLevel,
  LOG_LEVELS,
  parseLogLevel,
} from "../../src/index.js";
import type { ConsoleLike, Logger, LogLevel } from "../../src/index.js";
import { createMemorySink } from "../../src/testing/index.js";
import type { MemorySink } from "../../src/testing/index.js";
import { captureError, featurePath, listFrom, onlyProblem, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("logging.feature"));

function fakeConsole() {
  const calls: { method: string; line: string }[] = [];
  const target: ConsoleLike = {
    debug: (line) => calls.push({ method: "debug", line }),
    info: (line) => calls.push({ method: "info", line }),
    warn: (line) => calls.push({ method: "warn", line }),
    error: (line) => calls.push({ method: "error", line }),
  };
  return { calls, target };
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    logger: undefined as Logger | undefined,
    sink: createMemorySink() as MemorySink,
    console: fakeConsole(),
    refusal: undefined as unknown,
    level: undefined as LogLevel | undefined,
  }));
  BeforeEachScenario(() => state.reset());
  const logger = () => {
    if (state.value.logger === undefined) throw new Error("no logger");
    return state.value.logger;
  };

  const memoryLogger = (_ctx: unknown, scope: string, level: string, time: number) => {
    expect(isLogLevel(level)).toBe(true);
    state.value.logger = createLogger(scope, {
      level: level as LogLevel,
      sink: state.value.sink,
      now: () => time,
    });
    expect(logger().scope).toBe(scope);
    expect(logger().now()).toBe(time);
  };
  const consoleLogger = (_ctx: unknown, scope: string, level: string, time: number) => {
    state.value.logger = createLogger(scope, {
      level: level as LogLevel,
      sink: createConsoleSink(state.value.console.target),
      now: () => time,
    });
    expect(logger().level).toBe(level);
  };
  const logsAtEveryLevel = () => {
    for (const level of LOG_LEVELS) {
      const method = level.toLowerCase() as "debug" | "info" | "warn" | "error";
      logger()[method](`${method} line`);
    }
  };
  const logsWithFields = (_ctx: unknown, message: string, level: string, fields: string) => {
    logger().log(level as LogLevel, message, JSON.parse(fields));
  };
  const recordIs = (_ctx: unknown, record: string) => {
    expect(state.value.sink.records).toHaveLength(1);
    expect(state.value.sink.records[0]).toEqual(JSON.parse(record));
    expect(state.value.sink.lines()).toEqual([record]);
  };

  Rule("Records are structured and filtered by level", ({ RuleScenario }) => {
    RuleScenario(
      "An INFO logger drops DEBUG lines and keeps the others, in order",
      ({ Given, When, Then, And }) => {
        Given(
          "a logger {string} at level {string} writing to a memory sink at time {int}",
          memoryLogger,
        );
        When("it logs at every level", logsAtEveryLevel);
        Then("the sink holds {string}", (_ctx, lines: string) => {
          expect(state.value.sink.messages()).toEqual(listFrom(lines));
          expect(state.value.sink.atLevel("WARN").map((r) => r.message)).toEqual(["warn line"]);
          state.value.sink.clear();
          expect(state.value.sink.records).toEqual([]);
        });
        And("DEBUG is not enabled and WARN is", () => {
          expect(logger().isEnabled("DEBUG")).toBe(false);
          expect(logger().isEnabled("WARN")).toBe(true);
          expect(isLevelEnabled("INFO", "DEBUG")).toBe(false);
          expect(isLevelEnabled("ERROR", "ERROR")).toBe(true);
        });
      },
    );

    RuleScenario(
      "A record carries the level, scope, message, injected timestamp and fields",
      ({ Given, When, Then }) => {
        Given(
          "a logger {string} at level {string} writing to a memory sink at time {int}",
          memoryLogger,
        );
        When(
          "it logs {string} at DEBUG with the fields {string}",
          (ctx, message: string, fields: string) => logsWithFields(ctx, message, "DEBUG", fields),
        );
        Then("the record is {string}", recordIs);
      },
    );

    RuleScenario(
      "A field named like a record key is kept beside it, not over it",
      ({ Given, When, Then }) => {
        Given(
          "a logger {string} at level {string} writing to a memory sink at time {int}",
          memoryLogger,
        );
        When(
          "it logs {string} at INFO with the fields {string}",
          (ctx, message: string, fields: string) => logsWithFields(ctx, message, "INFO", fields),
        );
        Then("the record is {string}", recordIs);
      },
    );

    RuleScenario("A logger without options logs at INFO", ({ Given, Then }) => {
      Given("a logger {string} without options", (_ctx, scope: string) => {
        state.value.logger = createLogger(scope);
      });
      Then("its level is {string}", (_ctx, level: string) => {
        expect(logger().level).toBe(level);
        expect(logger().scope).toBe("billing");
      });
    });
  });

  Rule("Child loggers extend the scope", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenario(
      "A child writes under parent:child with the parent's fields and its own level",
      ({ Given, When, Then, And }) => {
        Given(
          "a logger {string} at level {string} writing to a memory sink at time {int}",
          memoryLogger,
        );
        When(
          "a child {string} at level {string} with the field {string} = {string} logs {string} at DEBUG",
          (_ctx, name: string, level: string, field: string, value: string, message: string) => {
            const child = logger().child(name, {
              level: level as LogLevel,
              fields: { [field]: value },
            });
            expect(child.scope).toBe(`orders:${name}`);
            child.debug(message);
          },
        );
        Then("the record is {string}", recordIs);
        And("the parent still drops DEBUG lines", () => {
          logger().debug("dropped");
          expect(state.value.sink.records).toHaveLength(1);
        });
      },
    );

    RuleScenarioOutline("A malformed scope or level is refused", ({ When, Then }, variables) => {
      When("a logger is created with <what>", () => {
        const [, kind, value] = /^the (\w+) "(.*)"$/.exec(variables.what!)!;
        state.value.refusal = captureError(() => {
          if (kind === "scope") createLogger(value!);
          if (kind === "level") createLogger("orders", { level: value as LogLevel });
          if (kind === "child") createLogger("orders").child(value!);
        });
      });
      Then("it is refused with the single problem '<problem>'", () => {
        expect(onlyProblem(state.value.refusal)).toBe(variables.problem);
      });
    });
  });

  Rule(
    "The console sink writes one JSON line per record, at the console method of its level",
    ({ RuleScenario }) => {
      RuleScenario(
        "Each level goes to its console method as one JSON line",
        ({ Given, When, Then }) => {
          Given(
            "a logger {string} at level {string} writing to a fake console at time {int}",
            consoleLogger,
          );
          When("it logs at every level", logsAtEveryLevel);
          Then(
            "the console received {string} calls, each one JSON line of its record",
            (_ctx, methods: string) => {
              const { calls } = state.value.console;
              expect(calls.map((c) => c.method)).toEqual(listFrom(methods));
              for (const call of calls) {
                expect(call.line).not.toContain("\n");
                expect(JSON.parse(call.line)).toEqual({
                  level: call.method.toUpperCase(),
                  scope: "orders",
                  message: `${call.method} line`,
                  timestamp: 0,
                });
              }
            },
          );
        },
      );

      RuleScenario(
        "Values JSON cannot hold are written, not lost or thrown",
        ({ Given, When, Then }) => {
          Given(
            "a logger {string} at level {string} writing to a fake console at time {int}",
            consoleLogger,
          );
          When("it logs an error with a code, a bigint, a cycle, a Map and a Set", () => {
            const error = Object.assign(new Error("stream conflict"), {
              code: "STREAM_VERSION_CONFLICT",
            });
            const cycle: Record<string, unknown> = { name: "loop" };
            cycle.self = cycle;
            logger().error("append failed", {
              error,
              position: 12n,
              cycle,
              byStream: new Map([["s-1", 2]]),
              tags: new Set(["a", "b"]),
            });
          });
          Then(
            'the line holds the error as name, message and code, "12n", "[Circular]", an object and an array',
            () => {
              const [call] = state.value.console.calls;
              expect(call?.method).toBe("error");
              const line = JSON.parse(call!.line) as Record<string, unknown>;
              expect(line.error).toMatchObject({
                name: "Error",
                message: "stream conflict",
                code: "STREAM_VERSION_CONFLICT",
              });
              expect((line.error as { stack?: string }).stack).toContain("stream conflict");
              expect(line.position).toBe("12n");
              expect(line.cycle).toEqual({ name: "loop", self: "[Circular]" });
              expect(line.byStream).toEqual({ "s-1": 2 });
              expect(line.tags).toEqual(["a", "b"]);
              expect(
                formatLogLine({ level: "INFO", scope: "x", message: "m", timestamp: 1, n: 1n }),
              ).toBe('{"level":"INFO","scope":"x","message":"m","timestamp":1,"n":"1n"}');
            },
          );
        },
      );
    },
  );

  Rule("Levels are read from configuration", ({ RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "A configured level is read in any case, or refused",
      ({ When, Then }, variables) => {
        When('the configured level <value> is read with the fallback "WARN"', () => {
          const value =
            variables.value === "nothing" ? undefined : (JSON.parse(variables.value!) as string);
          state.value.refusal = captureError(() => {
            state.value.level = parseLogLevel(value, "WARN");
          });
        });
        Then("the level read is <result>", () => {
          const result = variables.result!;
          if (result.startsWith("refused: ")) {
            expect(state.value.level).toBeUndefined();
            expect(onlyProblem(state.value.refusal)).toBe(result.slice("refused: ".length));
          } else {
            expect(state.value.refusal).toBeUndefined();
            expect(state.value.level).toBe(JSON.parse(result));
          }
        });
      },
    );
  });
});
