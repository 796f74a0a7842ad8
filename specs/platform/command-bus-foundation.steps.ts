// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { isCommandIdReused } from "@convex-es/platform-bus";
import { isOrchestratorError } from "@convex-es/platform-core";
import type { DispatchReport, OrchestratorErrorCode } from "@convex-es/platform-core";
import { expect, vi } from "vitest";
import { internal } from "./support/bankApp/convex/_generated/api.js";
import { toBankOutcome } from "./support/bankApp/convex/accounts.js";
import type { BankOutcome } from "./support/bankApp/convex/accounts.js";
import { commandBus, eventStore } from "./support/bankApp/convex/bank.js";
import {
  accountStream,
  callerNamed,
  commandRecord,
  expectAccount,
  expectRecorded,
  expectStream,
  listFrom,
  open,
  send,
  tracedDeposit,
} from "./support/bankSteps.js";
import type { TracedRun } from "./support/bankSteps.js";
import { newBankApp } from "./support/bankTestApp.js";
import type { BankApp } from "./support/bankTestApp.js";
import { rejectionOf } from "./support/eventStoreApp.js";
import { createWorld } from "./support/world.js";

const feature = await loadFeature("./command-bus-foundation.feature");

/** Past the event store's settle window (5 s): only events older than it are handed out. */
const SETTLE_MS = 6_000;

type BalanceRow = Awaited<ReturnType<typeof balanceOf>>;

const world = createWorld(() => ({
  t: undefined as BankApp | undefined,
  answers: [] as BankOutcome[],
  error: undefined as unknown,
  traced: undefined as TracedRun | undefined,
  /** The reports of every projection dispatch of the scenario, in order. */
  dispatches: [] as DispatchReport[][],
  /** The last balance read-model row a step read. */
  balanceSeen: undefined as BalanceRow | undefined,
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
const traced = (): TracedRun => {
  if (world.value.traced === undefined) throw new Error("no traced command in this scenario");
  return world.value.traced;
};
const answer = async (outcome: Promise<BankOutcome>) => {
  world.value.answers.push(await outcome);
};
const balanceOf = (accountId: string) => app().query(internal.reads.accountBalance, { accountId });

/** Moves the clock past the settle window and runs the projection dispatcher once. */
const settleAndDispatch = async () => {
  vi.setSystemTime(Date.now() + SETTLE_MS);
  const reports = await app().mutation(internal.projections.dispatch, {});
  world.value.dispatches.push(reports);
};
/** Runs every Workpool job and scheduled function until none is left. */
const runJobs = () => app().finishAllScheduledFunctions(vi.runAllTimers);
const dispatchReport = (index: number, projection: string): DispatchReport => {
  const report = world.value.dispatches.at(index)?.find((r) => r.projection === projection);
  if (report === undefined) throw new Error(`no dispatch report of ${projection} at ${index}`);
  return report;
};

/** The type of each event of the answer, read back from the event store by id. */
const eventTypesOf = async (eventIds: readonly string[]) =>
  Promise.all(
    eventIds.map(
      async (eventId) => (await app().query(internal.reads.event, { eventId }))?.eventType,
    ),
  );

describeFeature(feature, ({ Background, Rule, AfterEachScenario, defineSteps }) => {
  AfterEachScenario(() => {
    vi.useRealTimers();
  });
  defineSteps(({ When, Then, And }) => {
    // Then and And are matched by keyword, so shared readings are defined for both.
    const reading = (text: string, fn: (...args: never[]) => unknown) => {
      Then(text, fn as never);
      And(text, fn as never);
    };
    const acting = (text: string, fn: (...args: never[]) => unknown) => {
      When(text, fn as never);
      And(text, fn as never);
    };

    acting(
      "teller {string} deposits {int} into account {string} as command {string}",
      (_ctx: unknown, caller: string, amount: number, accountId: string, commandId: string) =>
        answer(send(app(), caller, "deposit", accountId, amount, { commandId })),
    );
    acting(
      "teller {string} withdraws {int} from account {string} as command {string}",
      (_ctx: unknown, caller: string, amount: number, accountId: string, commandId: string) =>
        answer(send(app(), caller, "withdraw", accountId, amount, { commandId })),
    );
    acting(
      "teller {string} deposits {int} into account {string} as command {string}, expecting an error",
      async (
        _ctx: unknown,
        caller: string,
        amount: number,
        accountId: string,
        commandId: string,
      ) => {
        world.value.error = await rejectionOf(() =>
          send(app(), caller, "deposit", accountId, amount, { commandId }),
        );
      },
    );
    acting(
      "teller {string} sends these commands for account {string} in correlation {string}",
      async (
        _ctx: unknown,
        caller: string,
        accountId: string,
        correlationId: string,
        rows: { commandId: string; command: string; amount: string }[],
      ) => {
        for (const row of rows) {
          const command = row.command === "withdraw" ? "withdraw" : "deposit";
          await answer(
            send(app(), caller, command, accountId, Number(row.amount), {
              commandId: row.commandId,
              correlationId,
            }),
          );
        }
      },
    );
    acting(
      "teller {string} deposits {int} into account {string} as command {string} in correlation {string} caused by {string}",
      (
        _ctx: unknown,
        caller: string,
        amount: number,
        accountId: string,
        commandId: string,
        correlationId: string,
        causationId: string,
      ) =>
        answer(
          send(app(), caller, "deposit", accountId, amount, {
            commandId,
            correlationId,
            causationId,
          }),
        ),
    );
    acting(
      "teller {string} withdraws {int} from account {string} as command {string} in correlation {string} caused by {string}",
      (
        _ctx: unknown,
        caller: string,
        amount: number,
        accountId: string,
        commandId: string,
        correlationId: string,
        causationId: string,
      ) =>
        answer(
          send(app(), caller, "withdraw", accountId, amount, {
            commandId,
            correlationId,
            causationId,
          }),
        ),
    );
    const dispatchAndRun = async () => {
      await settleAndDispatch();
      await runJobs();
    };
    acting("the events settle and the projections are dispatched and run", dispatchAndRun);
    acting(
      "the new events settle and the projections are dispatched and run again",
      dispatchAndRun,
    );
    reading(
      "the balance read model of account {string} holds {int} with correlationId {string}, causationId {string} and commandId {string}",
      async (
        _ctx: unknown,
        accountId: string,
        balance: number,
        correlationId: string,
        causationId: string,
        commandId: string,
      ) => {
        const row = await balanceOf(accountId);
        expect(row).toMatchObject({ accountId, balance, correlationId, causationId, commandId });
        world.value.balanceSeen = row;
      },
    );
    reading(
      "its last event applied is the {string} event of command {string}",
      async (_ctx: unknown, eventType: string, commandId: string) => {
        const produced = await app().query(internal.reads.eventsForCommand, { commandId });
        const [eventId] = produced?.eventIds ?? [];
        const event = await app().query(internal.reads.event, { eventId: String(eventId) });
        expect(event?.eventType).toBe(eventType);
        expect(world.value.balanceSeen).toMatchObject({
          lastEventId: event?.eventId,
          lastEventType: eventType,
          lastPosition: event?.globalPosition,
        });
      },
    );
    reading(
      "the {string} checkpoint of partition {string} is at the last event of the stream of account {string}",
      async (_ctx: unknown, projection: string, partitionKey: string, accountId: string) => {
        const last = (await accountStream(app(), accountId)).at(-1);
        const checkpoint = await app().query(internal.projections.getCheckpoint, {
          projection,
          partitionKey,
        });
        expect(checkpoint).toMatchObject({
          projection,
          partitionKey,
          lastPosition: last?.globalPosition,
          lastEventId: last?.eventId,
        });
      },
    );
    reading(
      "the stream of account {string} holds {string}",
      (_ctx: unknown, accountId: string, types: string) => expectStream(app(), accountId, types),
    );
    reading(
      "the failure stream of account {string} holds {string}",
      (_ctx: unknown, accountId: string, types: string) =>
        expectStream(app(), accountId, types, true),
    );
    reading(
      "account {string} has a balance of {int} at CMS version {int}",
      (_ctx: unknown, accountId: string, balance: number, version: number) =>
        expectAccount(app(), accountId, balance, version),
    );
    reading(
      "command {string} reads back as {string} with code {string} and {int} event ids",
      (_ctx: unknown, commandId: string, status: string, code: string, events: number) =>
        expectRecorded(app(), commandId, status, code, events),
    );
    reading(
      "the answer is {string} with code {string} and no event ids",
      (_ctx: unknown, status: string, code: string) => {
        expect(last()).toMatchObject({ status, duplicate: false, eventIds: [], result: { code } });
      },
    );
    reading(
      "the answer is {string} with code {string} saying {string}",
      (_ctx: unknown, status: string, code: string, message: string) => {
        expect(last()).toMatchObject({ status, duplicate: false, result: { code, message } });
      },
    );
    reading(
      "the answer is {string} with the id of the {string} event",
      async (_ctx: unknown, status: string, eventType: string) => {
        expect(last()).toMatchObject({ status, duplicate: false });
        expect(await eventTypesOf(last().eventIds)).toEqual([eventType]);
      },
    );
    reading("the error is {word}", (_ctx: unknown, code: string) => {
      expect(isOrchestratorError(world.value.error, code as OrchestratorErrorCode)).toBe(true);
    });
    reading("command {string} is not recorded", async (_ctx: unknown, commandId: string) => {
      expect(await commandRecord(app(), commandId)).toBeNull();
    });
    reading("the traced steps are", (_ctx: unknown, rows: { step: string; what: string }[]) => {
      expect(traced().trail).toEqual(rows.map((row) => row.what));
      // The table's step numbers never go back: the orchestrator's order, with step 2 wrapping 3-6.
      const befores = rows.filter((row) => !row.what.includes(" after "));
      const steps = befores.map((row) => Number(row.step));
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
    });
  });

  Background(({ Given, And }) => {
    Given("the bank app, at 10 seconds past a minute", () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2031-03-01T12:00:10.000Z"));
      world.reset();
      world.value.t = newBankApp();
    });
    And(
      "teller {string} opened account {string} for {string} as command {string}",
      async (_ctx, caller: string, accountId: string, owner: string, commandId: string) => {
        const opened = await open(app(), caller, accountId, owner, { commandId });
        expect(opened).toMatchObject({ status: "executed", eventIds: [expect.any(String)] });
      },
    );
  });

  Rule("Commands are idempotent via commandId deduplication", ({ RuleScenario }) => {
    RuleScenario("A duplicate command returns the stored result and executes nothing", (s) => {
      s.And(
        "teller {string} sends command {string} again, depositing {int} into account {string}",
        (_ctx, caller: string, commandId: string, amount: number, accountId: string) =>
          answer(send(app(), caller, "deposit", accountId, amount, { commandId })),
      );
      s.Then("the second answer is the first one's stored result, marked as a duplicate", () => {
        const [first, second] = world.value.answers;
        expect(first).toMatchObject({ status: "executed", duplicate: false });
        expect(second).toEqual({ ...first, duplicate: true });
      });
      s.And(
        "command {string} is recorded {string} with the event of the first answer",
        async (_ctx, commandId: string, status: string) => {
          const record = await commandRecord(app(), commandId);
          expect(record).toMatchObject({ status, eventIds: world.value.answers[0]?.eventIds });
          expect(record?.result).toEqual(world.value.answers[0]?.result);
        },
      );
    });

    RuleScenario(
      "A duplicate answers the stored outcome even when deciding again would differ",
      (s) => {
        s.And(
          "teller {string} sends command {string} again, withdrawing {int} from account {string}",
          (_ctx, caller: string, commandId: string, amount: number, accountId: string) =>
            answer(send(app(), caller, "withdraw", accountId, amount, { commandId })),
        );
        s.Then(
          "the last answer is the stored {string} outcome with code {string}, marked as a duplicate",
          (_ctx, status: string, code: string) => {
            const [first] = world.value.answers;
            expect(first).toMatchObject({ status, duplicate: false, result: { code } });
            // With a balance of 1000 the withdrawal would now succeed; the stored outcome stands.
            expect(last()).toEqual({ ...first, duplicate: true });
          },
        );
      },
    );

    RuleScenario("A commandId reused for another command is refused and changes nothing", (s) => {
      s.And(
        "teller {string} withdraws {int} from account {string} reusing command {string}, expecting an error",
        async (_ctx, caller: string, amount: number, accountId: string, commandId: string) => {
          world.value.error = await rejectionOf(() =>
            send(app(), caller, "withdraw", accountId, amount, { commandId }),
          );
        },
      );
      s.And(
        "command {string} is still the recorded {string}, {string}",
        async (_ctx, commandId: string, commandType: string, status: string) => {
          expect(await commandRecord(app(), commandId)).toMatchObject({ commandType, status });
          // The bus answers the conflict as a value; the orchestrator refuses to run on it.
          const check = await app().run((ctx) =>
            commandBus.checkCommand(ctx, {
              commandId,
              commandType: "Withdraw",
              boundedContext: "accounts",
            }),
          );
          expect(isCommandIdReused(check)).toBe(true);
        },
      );
    });
  });

  Rule("Status tracks the complete command lifecycle", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline("Every outcome is persisted with its final status", (s, variables) => {
      s.When(
        '"<caller>" sends a "<command>" of <amount> for account "acc-1" as command "<commandId>"',
        async () => {
          const command = variables.command === "withdraw" ? "withdraw" : "deposit";
          await answer(
            send(app(), String(variables.caller), command, "acc-1", Number(variables.amount), {
              commandId: String(variables.commandId),
            }),
          );
        },
      );
      s.Then(
        'command "<commandId>" reads back as "<status>" with code "<code>" and <events> event ids',
        async () => {
          expect(last().status).toBe(variables.status);
          await expectRecorded(
            app(),
            String(variables.commandId),
            String(variables.status),
            String(variables.code),
            Number(variables.events),
          );
        },
      );
      s.And('command "<commandId>" was final from the moment it was recorded', async () => {
        // The synchronous path writes the record once, already final: nobody sees it pending.
        const record = await commandRecord(app(), String(variables.commandId));
        expect(record?.completedAt).toBe(record?.createdAt);
        expect(record?.status).not.toBe("pending");
      });
    });

    RuleScenario("A rejected command records rejected and emits no event", () => {});

    RuleScenario("A failed decision records failed with its audit event", (s) => {
      s.And(
        "command {string} reads back as {string} with the id of the {string} audit event",
        async (_ctx, commandId: string, status: string, eventType: string) => {
          const [audit] = await accountStream(app(), "acc-1", true);
          expect(audit?.eventType).toBe(eventType);
          const record = await commandRecord(app(), commandId);
          expect(record).toMatchObject({ status, eventIds: [audit?.eventId] });
          expect(record?.result).toEqual(last().result);
        },
      );
    });

    RuleScenario("A pending command reaches one final status, once", (s) => {
      s.When("command {string} is recorded as pending", async (_ctx, commandId: string) => {
        const recorded = await app().run((ctx) =>
          commandBus.recordCommand(ctx, {
            commandId,
            commandType: "Deposit",
            boundedContext: "accounts",
            correlationId: `corr-${commandId}`,
          }),
        );
        expect(recorded).toMatchObject({ isNew: true, commandId, status: "pending" });
      });
      s.Then(
        "command {string} reads back as {string} with no completion time",
        async (_ctx, commandId: string, status: string) => {
          const record = await commandRecord(app(), commandId);
          expect(record).toMatchObject({ status });
          expect(record?.completedAt).toBeUndefined();
        },
      );
      s.When(
        "command {string} is completed as {string}",
        async (_ctx, commandId: string, status: "executed") => {
          const updated = await app().run((ctx) =>
            commandBus.updateCommandResult(ctx, { commandId, status, result: { balance: 0 } }),
          );
          expect(updated).toMatchObject({ ok: true, status });
        },
      );
      s.Then(
        "command {string} now reads back as {string} with a completion time",
        async (_ctx, commandId: string, status: string) => {
          const record = await commandRecord(app(), commandId);
          expect(record).toMatchObject({ status, completedAt: Date.now() });
        },
      );
      s.And(
        "completing command {string} as {string} is refused with {string}",
        async (_ctx, commandId: string, status: "failed", code: string) => {
          const updated = await app().run((ctx) =>
            commandBus.updateCommandResult(ctx, { commandId, status }),
          );
          expect(updated).toMatchObject({
            ok: false,
            code,
            currentStatus: "executed",
            requestedStatus: status,
          });
        },
      );
      s.And(
        "command {string} still reads back as {string}",
        async (_ctx, commandId: string, status: string) => {
          expect(await commandRecord(app(), commandId)).toMatchObject({
            status,
            result: { balance: 0 },
          });
        },
      );
    });
  });

  Rule("The CommandOrchestrator is the only command execution path", ({ RuleScenario }) => {
    const tracedBy = async (
      _ctx: unknown,
      caller: string,
      amount: number,
      accountId: string,
      commandId: string,
    ) => {
      world.value.traced = await tracedDeposit(app(), {
        caller: callerNamed(caller),
        accountId,
        amount,
        commandId,
      });
      world.value.answers.push(toBankOutcome(traced().outcome));
    };
    const wrote = (_ctx: unknown, writes: number) => {
      expect(traced().writes).toBe(writes);
    };

    RuleScenario(
      "A command passes the steps of the orchestrator in order, in one mutation",
      (s) => {
        s.When(
          "teller {string} deposits {int} into account {string} as command {string}, traced",
          tracedBy,
        );
        s.And(
          "the command wrote {int} documents: the CMS row, the event, the stream row, the command record and the rate limit",
          wrote,
        );
      },
    );

    RuleScenario("A rejection exits before the append and the projection trigger", (s) => {
      s.When(
        "teller {string} deposits {int} into account {string} as command {string}, traced",
        tracedBy,
      );
      s.And("the command wrote {int} documents: the command record and the rate limit", wrote);
    });

    RuleScenario("A stream moved outside the CMS rolls the whole command back", (s) => {
      s.Given(
        "an {string} event was appended to the stream of account {string} outside its CMS",
        async (_ctx, eventType: string, accountId: string) => {
          const appended = await app().run((ctx) =>
            eventStore.appendToStream(ctx, {
              stream: { streamType: "Account", streamId: accountId, boundedContext: "accounts" },
              expectedVersion: "any",
              events: [{ eventType, payload: {}, metadata: { correlationId: "operator" } }],
            }),
          );
          expect(appended).toMatchObject({ status: "success", streamVersion: 2 });
        },
      );
      s.Then("the error is CONCURRENT_MODIFICATION saying {string}", (_ctx, message: string) => {
        const error = world.value.error;
        expect(isOrchestratorError(error, "CONCURRENT_MODIFICATION")).toBe(true);
        expect((error as { data: { message: string } }).data.message).toBe(message);
      });
    });
  });

  Rule("correlationId links commands, events, and projections", ({ RuleScenario }) => {
    RuleScenario("The correlation chain reaches the event metadata and the command record", (s) => {
      s.Then(
        "the event of command {string} has correlationId {string}, causationId {string}, commandId {string} and userId {string}",
        async (
          _ctx,
          commandId: string,
          correlationId: string,
          causationId: string,
          eventCommandId: string,
          userId: string,
        ) => {
          const produced = await app().query(internal.reads.eventsForCommand, { commandId });
          const [eventId] = produced?.eventIds ?? [];
          const event = await app().query(internal.reads.event, { eventId: String(eventId) });
          expect(event?.metadata).toMatchObject({
            correlationId,
            causationId,
            commandId: eventCommandId,
            userId,
            timestamp: Date.now(),
          });
        },
      );
      s.And(
        "command {string} is recorded with correlationId {string} and causationId {string}",
        async (_ctx, commandId: string, correlationId: string, causationId: string) => {
          expect(await commandRecord(app(), commandId)).toMatchObject({
            status: "executed",
            correlationId,
            causationId,
          });
        },
      );
    });

    RuleScenario("The events a command produced are found from its commandId", (s) => {
      s.Then(
        "the events found for each command are",
        async (_ctx, rows: { commandId: string; status: string; events: string }[]) => {
          for (const row of rows) {
            const produced = await app().query(internal.reads.eventsForCommand, {
              commandId: row.commandId,
            });
            expect(produced).toMatchObject({ commandId: row.commandId, status: row.status });
            expect(await eventTypesOf(produced?.eventIds ?? [])).toEqual(listFrom(row.events));
          }
        },
      );
      s.And("each event found for a command carries that commandId in its metadata", async () => {
        const commandIds = ["cmd-open", ...world.value.answers.map((a) => a.commandId)];
        let found = 0;
        for (const commandId of commandIds) {
          const produced = await app().query(internal.reads.eventsForCommand, { commandId });
          for (const eventId of produced?.eventIds ?? []) {
            const event = await app().query(internal.reads.event, { eventId });
            expect(event?.metadata).toMatchObject({ commandId, causationId: commandId });
            found += 1;
          }
        }
        // AccountOpened, MoneyDeposited and the OverdraftAttempted audit event.
        expect(found).toBe(3);
      });
    });

    RuleScenario("One correlation gathers its commands and their events", (s) => {
      s.Then(
        "the commands of correlation {string} are {string}",
        async (_ctx, correlationId: string, commandIds: string) => {
          const commands = await app().query(internal.reads.commandsOfCorrelation, {
            correlationId,
          });
          expect(commands.map((c) => c.commandId)).toEqual(listFrom(commandIds));
          expect(commands.every((c) => c.status === "executed")).toBe(true);
        },
      );
      s.And(
        "the events of correlation {string} are {string}, each one found for the command that produced it",
        async (_ctx, correlationId: string, types: string) => {
          const events = await app().query(internal.reads.eventsOfCorrelation, { correlationId });
          expect(events.map((e) => e.eventType)).toEqual(listFrom(types));
          for (const event of events) {
            const commandId = String((event.metadata as { commandId?: unknown }).commandId);
            const produced = await app().query(internal.reads.eventsForCommand, { commandId });
            expect(produced?.eventIds).toEqual([event.eventId]);
          }
        },
      );
    });

    RuleScenario("A command's correlation chain reaches the projection's read model", (s) => {
      s.And("the events settle and the projections are dispatched", settleAndDispatch);
      s.Then(
        "the dispatch routed {int} {string} events to {int} partition",
        (_ctx, routed: number, projection: string, partitions: number) => {
          expect(dispatchReport(-1, projection)).toMatchObject({
            routed,
            unroutable: 0,
            partitions,
            continued: false,
          });
        },
      );
      s.And(
        "the balance read model has no row for account {string} before the catch-up job runs",
        async (_ctx, accountId: string) => {
          expect(await balanceOf(accountId)).toBeNull();
        },
      );
      s.When("the catch-up jobs run in the Workpool", runJobs);
    });

    RuleScenario(
      "The read model carries the correlation of the last command applied to its partition",
      (s) => {
        s.When(
          "teller {string} sends these commands for account {string}, each in its own correlation",
          async (
            _ctx,
            caller: string,
            accountId: string,
            rows: { commandId: string; command: string; amount: string; correlationId: string }[],
          ) => {
            for (const row of rows) {
              const command = row.command === "withdraw" ? "withdraw" : "deposit";
              await answer(
                send(app(), caller, command, accountId, Number(row.amount), {
                  commandId: row.commandId,
                  correlationId: row.correlationId,
                }),
              );
            }
            expect(world.value.answers.map((a) => a.status)).toEqual(rows.map(() => "executed"));
          },
        );
      },
    );

    RuleScenario("A failed command's audit event leaves the balance read model as it was", (s) => {
      s.And(
        "the last dispatch routed no event, while the {string} audit event of account {string} lay settled past its cursor",
        async (_ctx, eventType: string, accountId: string) => {
          const report = dispatchReport(-1, "accountBalances");
          expect(report).toMatchObject({ routed: 0, unroutable: 0, partitions: 0 });
          // The cursor did not move: the dispatcher reads the projection's subscribed types only.
          expect(report.position).toBe(dispatchReport(-2, "accountBalances").position);
          const [audit] = await accountStream(app(), accountId, true);
          expect(audit?.eventType).toBe(eventType);
          const after = await app().run((ctx) =>
            eventStore.readFromPosition(ctx, {
              after: report.position,
              limit: 10,
              allTenants: true,
            }),
          );
          expect(after.events.map((event) => event.eventId)).toEqual([audit?.eventId]);
        },
      );
      s.And(
        "the balance read model of account {string} is the row it was before command {string}",
        async (_ctx, accountId: string, commandId: string) => {
          expect(await commandRecord(app(), commandId)).toMatchObject({ status: "failed" });
          const before = world.value.balanceSeen;
          expect(before?.commandId).not.toBe(commandId);
          expect(await balanceOf(accountId)).toEqual(before);
        },
      );
      s.And("the {string} projection has no dead letter", async (_ctx, projection: string) => {
        const letters = await app().query(internal.projections.listDeadLetters, {
          projection,
          limit: 10,
        });
        expect(letters).toEqual([]);
        const failedJobs = await app().query(internal.projections.listFailedJobs, { limit: 10 });
        expect(failedJobs).toEqual([]);
      });
    });
  });

  Rule("Middleware provides composable cross-cutting concerns", (r) => {
    const observedDeposit = async (
      caller: string,
      amount: number,
      accountId: string,
      commandId: string,
    ) => {
      world.value.traced = await tracedDeposit(app(), {
        caller: callerNamed(caller),
        accountId,
        amount,
        commandId,
        withLogging: true,
      });
      world.value.answers.push(toBankOutcome(traced().outcome));
    };
    const hooksRan = (_ctx: unknown, hooks: string) => {
      // Hooks and the bounded context's handler; the other component calls are not middleware.
      const relevant = traced().trail.filter(
        (entry) => / (before|after \w+)$/.test(entry) || entry.startsWith("accounts."),
      );
      expect(relevant).toEqual(listFrom(hooks));
    };
    const logReads = (_ctx: unknown, lines: string, commandId: string) => {
      const { records } = traced().log;
      expect(records.map((r) => `${r.level} ${r.message}`)).toEqual(listFrom(lines));
      for (const record of records) expect(record).toMatchObject({ commandId });
    };

    r.RuleScenario("Middleware runs in registration order around the handler", (s) => {
      s.When(
        "teller {string} deposits {int} into account {string} as command {string}, with logging and observed middleware",
        (_ctx, caller: string, amount: number, accountId: string, commandId: string) =>
          observedDeposit(caller, amount, accountId, commandId),
      );
      s.Then("the hooks ran {string}", hooksRan);
      s.And("the log reads {string} for command {string}", logReads);
    });

    r.RuleScenario(
      "A refused caller stops the chain and the bounded context is never called",
      (s) => {
        s.When(
          "{string} deposits {int} into account {string} as command {string}, with logging and observed middleware",
          (_ctx, caller: string, amount: number, accountId: string, commandId: string) =>
            observedDeposit(caller, amount, accountId, commandId),
        );
        s.Then("the hooks ran {string}", (ctx, hooks: string) => {
          hooksRan(ctx, hooks);
          // Neither the rate limiter nor the accounts context was called.
          expect(
            traced().trail.filter(
              (entry) => entry.includes(".lib.") || entry.startsWith("accounts."),
            ),
          ).toEqual(["commandBus.lib.checkCommand", "commandBus.lib.recordCommand"]);
        });
        s.And(
          "the log reads {string} for command {string}",
          (ctx, lines: string, commandId: string) => {
            logReads(ctx, lines, commandId);
            expect(traced().log.atLevel("WARN")[0]).toMatchObject({
              status: "rejected",
              code: "FORBIDDEN",
            });
          },
        );
      },
    );

    r.RuleScenarioOutline(
      "The first middleware to refuse decides the rejection",
      (s, variables) => {
        s.When(
          'an anonymous caller deposits 12.5 into account "acc-1" as command "<commandId>" with the middleware "<order>"',
          async () => {
            world.value.traced = await tracedDeposit(app(), {
              caller: null,
              accountId: "acc-1",
              amount: 12.5,
              commandId: String(variables.commandId),
              order: listFrom(String(variables.order)),
            });
            world.value.answers.push(toBankOutcome(traced().outcome));
            // Only the middlewares up to the refusing one ran their `before`.
            const befores = traced().trail.filter((entry) => entry.endsWith(" before"));
            expect(befores).toEqual([`${listFrom(String(variables.order))[0]} before`]);
          },
        );
        s.Then('the answer is "rejected" with code "<code>" and no event ids', () => {
          expect(last()).toMatchObject({
            status: "rejected",
            eventIds: [],
            result: { code: variables.code },
          });
        });
        s.And(
          'command "<commandId>" reads back as "rejected" with code "<code>" and 0 event ids',
          () =>
            expectRecorded(
              app(),
              String(variables.commandId),
              "rejected",
              String(variables.code),
              0,
            ),
        );
      },
    );

    r.RuleScenario("A caller over the rate limit is refused and the refusal is recorded", (s) => {
      s.When(
        "teller {string} deposits {int} into account {string} as commands {string}",
        async (_ctx, caller: string, amount: number, accountId: string, commandIds: string) => {
          for (const commandId of listFrom(commandIds)) {
            await answer(send(app(), caller, "deposit", accountId, amount, { commandId }));
          }
        },
      );
      s.Then("the answers are {string}", (_ctx, outcomes: string) => {
        expect(
          world.value.answers.map((a) =>
            a.status === "rejected" ? `rejected:${(a.result as { code: string }).code}` : a.status,
          ),
        ).toEqual(listFrom(outcomes));
        expect(last().result).toMatchObject({
          context: { commandType: "Deposit", key: "tina:Deposit", retryAfterMs: 50_000 },
        });
      });
      s.When(
        "a minute has passed and teller {string} deposits {int} into account {string} as command {string}",
        async (_ctx, caller: string, amount: number, accountId: string, commandId: string) => {
          vi.setSystemTime(Date.now() + 60_000);
          await answer(send(app(), caller, "deposit", accountId, amount, { commandId }));
        },
      );
    });
  });
});
