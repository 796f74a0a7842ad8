// A small bank-account domain used by the platform specs: an FSM for the account status and
// a pure decider whose events carry the resulting balance, so evolve never recomputes it.
import { defineFSM } from "@convex-es/platform-fsm";
import { defineDecider, failed, rejected, success } from "@convex-es/platform-decider";
import type { DecisionContext, DeciderOutput } from "@convex-es/platform-decider";

export const accountStatus = defineFSM({
  name: "accountStatus",
  initial: "open",
  transitions: {
    open: ["frozen", "closed"],
    frozen: ["open", "closed"],
    closed: [],
  },
});

export type AccountStatus = (typeof accountStatus.states)[number];

export type AccountState = {
  accountId: string;
  owner: string;
  status: AccountStatus;
  balance: number;
  lastChangedAt: number;
} | null;

export type AccountCommand =
  | { type: "OpenAccount"; data: { accountId: string; owner: string } }
  | { type: "Deposit"; data: { amount: number } }
  | { type: "Withdraw"; data: { amount: number } }
  | { type: "FreezeAccount"; data: { reason: string } }
  | { type: "CloseAccount"; data: Record<string, never> };

export type AccountEvent =
  | { type: "AccountOpened"; data: { accountId: string; owner: string; openedAt: number } }
  | { type: "MoneyDeposited"; data: { amount: number; balanceAfter: number; at: number } }
  | { type: "MoneyWithdrawn"; data: { amount: number; balanceAfter: number; at: number } }
  | { type: "AccountFrozen"; data: { reason: string; at: number } }
  | { type: "AccountClosed"; data: { finalBalance: number; at: number } }
  | { type: "OverdraftAttempted"; data: { amount: number; balance: number; at: number } };

type Output = DeciderOutput<AccountEvent, { balance: number }>;

function decide(state: AccountState, command: AccountCommand, context: DecisionContext): Output {
  if (command.type === "OpenAccount") {
    if (state !== null) {
      return rejected("ACCOUNT_ALREADY_EXISTS", `Account ${state.accountId} already exists`);
    }
    return success({
      type: "AccountOpened",
      data: { ...command.data, openedAt: context.now },
    });
  }
  if (state === null) {
    return rejected("ACCOUNT_NOT_FOUND", "The account has not been opened");
  }
  switch (command.type) {
    case "Deposit":
      return decideDeposit(state, command.data.amount, context);
    case "Withdraw":
      return decideWithdraw(state, command.data.amount, context);
    case "FreezeAccount":
      if (!accountStatus.canTransition(state.status, "frozen")) {
        return rejected("ACCOUNT_NOT_OPEN", `Cannot freeze an account that is ${state.status}`, {
          status: state.status,
        });
      }
      return success({
        type: "AccountFrozen",
        data: { reason: command.data.reason, at: context.now },
      });
    case "CloseAccount":
      if (!accountStatus.canTransition(state.status, "closed")) {
        return rejected("ACCOUNT_ALREADY_CLOSED", "The account is already closed");
      }
      return success(
        { type: "AccountClosed", data: { finalBalance: state.balance, at: context.now } },
        { stateUpdate: { status: "closed" } },
      );
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function decideDeposit(
  state: NonNullable<AccountState>,
  amount: number,
  context: DecisionContext,
): Output {
  if (state.status !== "open") {
    return rejected("ACCOUNT_NOT_OPEN", `Cannot deposit into an account that is ${state.status}`, {
      status: state.status,
    });
  }
  if (!(amount > 0)) {
    return rejected("INVALID_AMOUNT", `Deposit amount must be positive, got ${amount}`);
  }
  const balanceAfter = state.balance + amount;
  return success(
    { type: "MoneyDeposited", data: { amount, balanceAfter, at: context.now } },
    { data: { balance: balanceAfter }, stateUpdate: { balance: balanceAfter } },
  );
}

function decideWithdraw(
  state: NonNullable<AccountState>,
  amount: number,
  context: DecisionContext,
): Output {
  if (state.status !== "open") {
    return rejected("ACCOUNT_NOT_OPEN", `Cannot withdraw from an account that is ${state.status}`, {
      status: state.status,
    });
  }
  if (amount > state.balance) {
    // An overdraft is not a business outcome this bank allows, yet it is worth an audit trail.
    return failed(`Overdraft of ${amount - state.balance} refused`, {
      event: {
        type: "OverdraftAttempted",
        data: { amount, balance: state.balance, at: context.now },
      },
      context: { requested: amount, available: state.balance },
    });
  }
  const balanceAfter = state.balance - amount;
  return success(
    { type: "MoneyWithdrawn", data: { amount, balanceAfter, at: context.now } },
    { data: { balance: balanceAfter }, stateUpdate: { balance: balanceAfter } },
  );
}

function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case "AccountOpened":
      return {
        accountId: event.data.accountId,
        owner: event.data.owner,
        status: accountStatus.initial,
        balance: 0,
        lastChangedAt: event.data.openedAt,
      };
    case "MoneyDeposited":
    case "MoneyWithdrawn":
      return state && { ...state, balance: event.data.balanceAfter, lastChangedAt: event.data.at };
    case "AccountFrozen":
      return (
        state && {
          ...state,
          status: accountStatus.transition(state.status, "frozen"),
          lastChangedAt: event.data.at,
        }
      );
    case "AccountClosed":
      return (
        state && {
          ...state,
          status: accountStatus.transition(state.status, "closed"),
          lastChangedAt: event.data.at,
        }
      );
    case "OverdraftAttempted":
      return state;
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

export const accountDecider = defineDecider({
  initialState: null as AccountState,
  decide,
  evolve,
});

export function contextAt(now: number): DecisionContext {
  return { now, commandId: `cmd_${now}`, correlationId: `corr_${now}` };
}
