Feature: Decider pattern
  Domain logic lives in pure deciders: decide(state, command, context) returns exactly one of
  three outcomes and evolve(state, event) folds events into state. Infrastructure wraps them.

  Rule: Deciders must be pure functions

    Scenario: The same state, command and context always give the same output
      Given an open account with a balance of 100
      When "Deposit" of 50 is decided twice at time 1000
      Then both outputs are deeply equal
      And the given state is unchanged

    Scenario: Time comes from the context, never from a clock
      Given an open account with a balance of 100
      When "Deposit" of 50 is decided at time 1000 and again at time 2000
      Then the events carry the times 1000 and 2000

    Scenario: A decider cannot mutate the state it is given
      Given a frozen snapshot of an open account with a balance of 100
      When "Withdraw" of 30 is decided at time 1000
      Then the output is a success
      And the frozen snapshot still has a balance of 100

  Rule: DeciderOutput encodes three outcomes

    Scenario Outline: Each command is decided into one outcome
      Given an account that is "<status>" with a balance of <balance>
      When "<command>" of <amount> is decided
      Then the outcome is "<outcome>"

      Examples:
        | status | balance | command  | amount | outcome                  |
        | open   | 100     | Deposit  | 50     | success                  |
        | open   | 100     | Deposit  | 0      | rejected:INVALID_AMOUNT  |
        | frozen | 100     | Deposit  | 50     | rejected:ACCOUNT_NOT_OPEN |
        | open   | 100     | Withdraw | 30     | success                  |
        | open   | 100     | Withdraw | 130    | failed                   |
        | closed | 0       | Withdraw | 1      | rejected:ACCOUNT_NOT_OPEN |

    Scenario: A rejection carries a stable code and a message, and no event
      Given an account that is "frozen" with a balance of 100
      When "Deposit" of 50 is decided
      Then the output is rejected with code "ACCOUNT_NOT_OPEN"
      And the rejection message is "Cannot deposit into an account that is frozen"
      And the rejection has no events

    Scenario: A failure carries a reason and an audit event
      Given an account that is "open" with a balance of 100
      When "Withdraw" of 130 is decided
      Then the output failed with reason "Overdraft of 30 refused"
      And the failure records a "OverdraftAttempted" audit event

    Scenario: Exactly one type guard holds for each outcome
      Given one output of each kind
      Then isSuccess, isRejected and isFailed each hold for exactly one of them

    Scenario: A success without events is refused
      When a success is built with no events
      Then it is refused with code "EMPTY_SUCCESS"

  Rule: FSM enforces valid state transitions

    Scenario: An allowed transition succeeds
      Given the account status machine
      Then "open" may transition to "frozen"
      And "frozen" may transition to "open"

    Scenario: An invalid transition fails with a clear error
      Given the account status machine
      When the transition from "closed" to "open" is asserted
      Then it fails with code "INVALID_TRANSITION"
      And the error names the state "closed", the target "open" and that "closed" is terminal

    Scenario: The error lists the allowed targets
      Given the account status machine
      When the transition from "frozen" to "frozen" is asserted
      Then it fails with code "INVALID_TRANSITION"
      And the error lists the allowed targets "open, closed"

    Scenario: An inconsistent machine is refused when defined
      When a machine is defined whose "open" state may go to "archived"
      Then the definition is refused with code "INVALID_FSM_DEFINITION"
      And the problem names the unknown state "archived"

  Rule: Evolve functions use event payload as source of truth

    Scenario: Evolve takes the balance from the event, not from arithmetic
      Given an open account with a balance of 100
      When a "MoneyDeposited" event of 50 with a recorded balance of 175 is evolved
      Then the state has a balance of 175

    Scenario: Folding the decided events rebuilds the same state
      Given an account history of an opening, a deposit of 80 and a withdrawal of 30
      When the history is folded from the initial state
      Then the state has a balance of 50
      And the state has status "open"

  Rule: Handler factories wrap deciders with infrastructure

    Scenario: A creation decider starts from no state
      Given no account
      When "OpenAccount" is decided for account "acc-1" owned by "Ada"
      Then the output is a success with event "AccountOpened"
      And evolving it gives an "open" account "acc-1" owned by "Ada"

    Scenario: A modification output carries what a handler persists
      Given an open account with a balance of 100
      When "Withdraw" of 40 is decided at time 1000
      Then the output has the state update balance 60 for the command model
      And the output returns the data balance 60 to the caller
      And decideAndEvolve gives the state that the handler would store
