import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  decideAndEvolve,
  failed,
  fold,
  isFailed,
  isRejected,
  isSuccess,
  rejected,
  success,
} from "@convex-es/platform-decider";
import type { DeciderOutput } from "@convex-es/platform-decider";
import { defineFSM, isFSMDefinitionError, isInvalidTransitionError } from "@convex-es/platform-fsm";
import { outcomeOf } from "@convex-es/platform-decider/testing";
import {
  accountDecider,
  accountStatus,
  contextAt,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type AccountStatus,
} from "./support/account.js";
import { createWorld, thrownBy } from "./support/world.js";

const feature = await loadFeature("./decider-pattern.feature");

type Output = DeciderOutput<AccountEvent, { balance: number }>;

const world = createWorld(() => ({
  state: null as AccountState,
  snapshot: undefined as AccountState | undefined,
  outputs: [] as Output[],
  error: undefined as unknown,
}));

function account(status: AccountStatus, balance: number): AccountState {
  return { accountId: "acc-1", owner: "Ada", status, balance, lastChangedAt: 0 };
}

function command(type: string, amount: number): AccountCommand {
  if (type === "Deposit" || type === "Withdraw") return { type, data: { amount } };
  throw new Error(`This step supports Deposit and Withdraw, got "${type}"`);
}

function decide(type: string, amount: number, now = 1000): Output {
  return accountDecider.decide(world.value.state, command(type, amount), contextAt(now));
}

function lastOutput(): Output {
  const output = world.value.outputs.at(-1);
  if (!output) throw new Error("No command was decided in this scenario");
  return output;
}

describeFeature(feature, ({ Rule, BeforeEachScenario, defineSteps }) => {
  BeforeEachScenario(() => world.reset());

  defineSteps(({ Given, When, Then }) => {
    Given("an open account with a balance of {int}", (_ctx, balance: number) => {
      world.value.state = account("open", balance);
    });
    Given("the account status machine", () => {
      expect(accountStatus.states).toEqual(["open", "frozen", "closed"]);
    });
    When(
      "the transition from {string} to {string} is asserted",
      (_ctx, from: string, to: string) => {
        world.value.error = thrownBy(() =>
          accountStatus.assertTransition(from as AccountStatus, to as AccountStatus),
        );
      },
    );
    Then("it fails with code {string}", (_ctx, code: string) => {
      expect(isInvalidTransitionError(world.value.error)).toBe(true);
      expect((world.value.error as { code: string }).code).toBe(code);
    });
    Then("the state has a balance of {int}", (_ctx, balance: number) => {
      expect(world.value.state?.balance).toBe(balance);
    });
  });

  Rule("Deciders must be pure functions", ({ RuleScenario }) => {
    RuleScenario(
      "The same state, command and context always give the same output",
      ({ When, Then, And }) => {
        When(
          "{string} of {int} is decided twice at time {int}",
          (_ctx, type: string, amount: number, now: number) => {
            world.value.snapshot = structuredClone(world.value.state);
            world.value.outputs.push(decide(type, amount, now), decide(type, amount, now));
          },
        );
        Then("both outputs are deeply equal", () => {
          const [first, second] = world.value.outputs;
          expect(first).toEqual(second);
          expect(isSuccess(first!)).toBe(true);
        });
        And("the given state is unchanged", () => {
          expect(world.value.state).toEqual(world.value.snapshot);
        });
      },
    );

    RuleScenario("Time comes from the context, never from a clock", ({ When, Then }) => {
      When(
        "{string} of {int} is decided at time {int} and again at time {int}",
        (_ctx, type: string, amount: number, first: number, second: number) => {
          world.value.outputs.push(decide(type, amount, first), decide(type, amount, second));
        },
      );
      Then("the events carry the times {int} and {int}", (_ctx, first: number, second: number) => {
        const times = world.value.outputs.map((output) => {
          if (!isSuccess(output)) throw new Error(`Expected success, got ${outcomeOf(output)}`);
          const [event] = output.events;
          return event.type === "MoneyDeposited" ? event.data.at : undefined;
        });
        expect(times).toEqual([first, second]);
      });
    });

    RuleScenario("A decider cannot mutate the state it is given", ({ Given, When, Then, And }) => {
      Given(
        "a frozen snapshot of an open account with a balance of {int}",
        (_ctx, balance: number) => {
          world.value.state = Object.freeze(account("open", balance));
        },
      );
      When(
        "{string} of {int} is decided at time {int}",
        (_ctx, type: string, amount: number, now: number) => {
          world.value.outputs.push(decide(type, amount, now));
        },
      );
      Then("the output is a success", () => {
        expect(outcomeOf(lastOutput())).toBe("success");
      });
      And("the frozen snapshot still has a balance of {int}", (_ctx, balance: number) => {
        expect(Object.isFrozen(world.value.state)).toBe(true);
        expect(world.value.state?.balance).toBe(balance);
      });
    });
  });

  Rule("DeciderOutput encodes three outcomes", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenarioOutline(
      "Each command is decided into one outcome",
      ({ Given, When, Then }, variables) => {
        Given('an account that is "<status>" with a balance of <balance>', () => {
          world.value.state = account(variables.status as AccountStatus, Number(variables.balance));
        });
        When('"<command>" of <amount> is decided', () => {
          world.value.outputs.push(decide(variables.command, Number(variables.amount)));
        });
        Then('the outcome is "<outcome>"', () => {
          expect(outcomeOf(lastOutput())).toBe(variables.outcome);
        });
      },
    );

    RuleScenario(
      "A rejection carries a stable code and a message, and no event",
      ({ Given, When, Then, And }) => {
        Given(
          "an account that is {string} with a balance of {int}",
          (_ctx, status: string, balance: number) => {
            world.value.state = account(status as AccountStatus, balance);
          },
        );
        When("{string} of {int} is decided", (_ctx, type: string, amount: number) => {
          world.value.outputs.push(decide(type, amount));
        });
        Then("the output is rejected with code {string}", (_ctx, code: string) => {
          const output = lastOutput();
          expect(isRejected(output) && output.code).toBe(code);
        });
        And("the rejection message is {string}", (_ctx, message: string) => {
          const output = lastOutput();
          expect(isRejected(output) && output.message).toBe(message);
        });
        And("the rejection has no events", () => {
          expect("events" in lastOutput()).toBe(false);
        });
      },
    );

    RuleScenario("A failure carries a reason and an audit event", ({ Given, When, Then, And }) => {
      Given(
        "an account that is {string} with a balance of {int}",
        (_ctx, status: string, balance: number) => {
          world.value.state = account(status as AccountStatus, balance);
        },
      );
      When("{string} of {int} is decided", (_ctx, type: string, amount: number) => {
        world.value.outputs.push(decide(type, amount));
      });
      Then("the output failed with reason {string}", (_ctx, reason: string) => {
        const output = lastOutput();
        expect(isFailed(output) && output.reason).toBe(reason);
      });
      And("the failure records a {string} audit event", (_ctx, type: string) => {
        const output = lastOutput();
        expect(isFailed(output) && output.event?.type).toBe(type);
      });
    });

    RuleScenario("Exactly one type guard holds for each outcome", ({ Given, Then }) => {
      Given("one output of each kind", () => {
        world.value.outputs.push(
          success({ type: "AccountFrozen", data: { reason: "audit", at: 1 } }),
          rejected("ACCOUNT_NOT_OPEN", "closed"),
          failed("boom"),
        );
      });
      Then("isSuccess, isRejected and isFailed each hold for exactly one of them", () => {
        const table = world.value.outputs.map((output) => [
          isSuccess(output),
          isRejected(output),
          isFailed(output),
        ]);
        expect(table).toEqual([
          [true, false, false],
          [false, true, false],
          [false, false, true],
        ]);
      });
    });

    RuleScenario("A success without events is refused", ({ When, Then }) => {
      When("a success is built with no events", () => {
        world.value.error = thrownBy(() => success([] as AccountEvent[]));
      });
      Then("it is refused with code {string}", (_ctx, code: string) => {
        expect((world.value.error as { code?: string }).code).toBe(code);
      });
    });
  });

  Rule("FSM enforces valid state transitions", ({ RuleScenario }) => {
    RuleScenario("An allowed transition succeeds", ({ Given, Then, And }) => {
      Given("the account status machine", () => {
        expect(accountStatus.initial).toBe("open");
      });
      Then("{string} may transition to {string}", (_ctx, from: string, to: string) => {
        expect(accountStatus.transition(from as AccountStatus, to as AccountStatus)).toBe(to);
      });
      And("{string} may transition to {string}", (_ctx, from: string, to: string) => {
        expect(accountStatus.canTransition(from as AccountStatus, to as AccountStatus)).toBe(true);
      });
    });

    RuleScenario("An invalid transition fails with a clear error", ({ And }) => {
      And(
        "the error names the state {string}, the target {string} and that {string} is terminal",
        (_ctx, from: string, to: string, terminal: string) => {
          const message = (world.value.error as Error).message;
          expect(message).toContain(`"${from}"`);
          expect(message).toContain(`"${to}"`);
          expect(message).toContain(`"${terminal}" is terminal`);
          expect(accountStatus.isTerminal(terminal as AccountStatus)).toBe(true);
        },
      );
    });

    RuleScenario("The error lists the allowed targets", ({ And }) => {
      And("the error lists the allowed targets {string}", (_ctx, targets: string) => {
        const error = world.value.error as { allowed: readonly string[]; message: string };
        const expected = targets.split(", ");
        expect(error.allowed).toEqual(expected);
        for (const target of expected) expect(error.message).toContain(`"${target}"`);
      });
    });

    RuleScenario("An inconsistent machine is refused when defined", ({ When, Then, And }) => {
      When(
        "a machine is defined whose {string} state may go to {string}",
        (_ctx, from: string, to: string) => {
          world.value.error = thrownBy(() =>
            defineFSM({
              name: "broken",
              initial: "open",
              transitions: { [from]: [to], closed: [] } as Record<string, readonly string[]>,
            }),
          );
        },
      );
      Then("the definition is refused with code {string}", (_ctx, code: string) => {
        expect(isFSMDefinitionError(world.value.error)).toBe(true);
        expect((world.value.error as { code: string }).code).toBe(code);
      });
      And("the problem names the unknown state {string}", (_ctx, state: string) => {
        const problems = (world.value.error as { problems: string[] }).problems;
        expect(problems.some((problem) => problem.includes(`"${state}"`))).toBe(true);
      });
    });
  });

  Rule("Evolve functions use event payload as source of truth", ({ RuleScenario }) => {
    RuleScenario("Evolve takes the balance from the event, not from arithmetic", ({ When }) => {
      When(
        "a {string} event of {int} with a recorded balance of {int} is evolved",
        (_ctx, type: string, amount: number, balanceAfter: number) => {
          expect(type).toBe("MoneyDeposited");
          world.value.state = accountDecider.evolve(world.value.state, {
            type: "MoneyDeposited",
            data: { amount, balanceAfter, at: 5 },
          });
        },
      );
    });

    RuleScenario("Folding the decided events rebuilds the same state", ({ Given, When, And }) => {
      const history: AccountEvent[] = [];
      Given(
        "an account history of an opening, a deposit of {int} and a withdrawal of {int}",
        (_ctx, deposit: number, withdrawal: number) => {
          const commands: AccountCommand[] = [
            { type: "OpenAccount", data: { accountId: "acc-9", owner: "Grace" } },
            { type: "Deposit", data: { amount: deposit } },
            { type: "Withdraw", data: { amount: withdrawal } },
          ];
          let state: AccountState = accountDecider.initialState;
          commands.forEach((next, index) => {
            const step = decideAndEvolve(accountDecider, state, next, contextAt(index));
            if (!isSuccess(step.output))
              throw new Error(`Expected success, got ${outcomeOf(step.output)}`);
            history.push(...step.output.events);
            state = step.state;
          });
          expect(history.map((event) => event.type)).toEqual([
            "AccountOpened",
            "MoneyDeposited",
            "MoneyWithdrawn",
          ]);
        },
      );
      When("the history is folded from the initial state", () => {
        world.value.state = fold(accountDecider, history);
      });
      And("the state has status {string}", (_ctx, status: string) => {
        expect(world.value.state?.status).toBe(status);
      });
    });
  });

  Rule("Handler factories wrap deciders with infrastructure", ({ RuleScenario }) => {
    RuleScenario("A creation decider starts from no state", ({ Given, When, Then, And }) => {
      Given("no account", () => {
        expect(accountDecider.initialState).toBeNull();
      });
      When(
        "{string} is decided for account {string} owned by {string}",
        (_ctx, type: string, accountId: string, owner: string) => {
          expect(type).toBe("OpenAccount");
          world.value.outputs.push(
            accountDecider.decide(
              null,
              { type: "OpenAccount", data: { accountId, owner } },
              contextAt(1),
            ),
          );
        },
      );
      Then("the output is a success with event {string}", (_ctx, type: string) => {
        const output = lastOutput();
        expect(isSuccess(output) && output.events.map((event) => event.type)).toEqual([type]);
      });
      And(
        "evolving it gives an {string} account {string} owned by {string}",
        (_ctx, status: string, accountId: string, owner: string) => {
          const output = lastOutput();
          if (!isSuccess(output)) throw new Error("Expected a success");
          const state = output.events.reduce(accountDecider.evolve, null as AccountState);
          expect(state).toMatchObject({ status, accountId, owner, balance: 0 });
        },
      );
    });

    RuleScenario("A modification output carries what a handler persists", ({ When, Then, And }) => {
      When(
        "{string} of {int} is decided at time {int}",
        (_ctx, type: string, amount: number, now: number) => {
          world.value.outputs.push(decide(type, amount, now));
        },
      );
      Then(
        "the output has the state update balance {int} for the command model",
        (_ctx, balance: number) => {
          const output = lastOutput();
          expect(isSuccess(output) && output.stateUpdate).toEqual({ balance });
        },
      );
      And("the output returns the data balance {int} to the caller", (_ctx, balance: number) => {
        const output = lastOutput();
        expect(isSuccess(output) && output.data).toEqual({ balance });
      });
      And("decideAndEvolve gives the state that the handler would store", () => {
        const result = decideAndEvolve(
          accountDecider,
          world.value.state,
          command("Withdraw", 40),
          contextAt(1000),
        );
        expect(result.output).toEqual(lastOutput());
        expect(result.state).toMatchObject({ balance: 60, status: "open", lastChangedAt: 1000 });
      });
    });
  });
});
