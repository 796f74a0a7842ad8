Feature: Command bus foundation
  Every command runs through the CommandOrchestrator in one mutation: the command bus checks
  its commandId, middleware handles the cross-cutting concerns, the bounded context decides and
  writes its CMS, the events are appended with the correlation chain in their metadata, and the
  final status is recorded with the result and the ids of the events the command produced.
  These scenarios run a bank app under convex-test: the eventStore, commandBus and rate limiter
  components, the accounts bounded context as a component with its own CMS table, and the
  projections component whose catch-up jobs run in a real Workpool to build the accountBalances
  view. Callers sign in; tellers may run bank commands, three of one type per minute.

  Background:
    Given the bank app, at 10 seconds past a minute
    And teller "tina" opened account "acc-1" for "alice" as command "cmd-open"

  Rule: Commands are idempotent via commandId deduplication

    Scenario: A duplicate command returns the stored result and executes nothing
      When teller "tina" deposits 100 into account "acc-1" as command "cmd-1"
      And teller "tina" sends command "cmd-1" again, depositing 100 into account "acc-1"
      Then the second answer is the first one's stored result, marked as a duplicate
      And the stream of account "acc-1" holds "AccountOpened, MoneyDeposited"
      And account "acc-1" has a balance of 100 at CMS version 2
      And command "cmd-1" is recorded "executed" with the event of the first answer

    Scenario: A duplicate answers the stored outcome even when deciding again would differ
      When teller "tina" withdraws 500 from account "acc-1" as command "cmd-w"
      And teller "tina" deposits 1000 into account "acc-1" as command "cmd-2"
      And teller "tina" sends command "cmd-w" again, withdrawing 500 from account "acc-1"
      Then the last answer is the stored "failed" outcome with code "HANDLER_FAILED", marked as a duplicate
      And the stream of account "acc-1" holds "AccountOpened, MoneyDeposited"
      And account "acc-1" has a balance of 1000 at CMS version 2

    Scenario: A commandId reused for another command is refused and changes nothing
      When teller "tina" deposits 100 into account "acc-1" as command "cmd-1"
      And teller "tina" withdraws 50 from account "acc-1" reusing command "cmd-1", expecting an error
      Then the error is COMMAND_ID_REUSED
      And the stream of account "acc-1" holds "AccountOpened, MoneyDeposited"
      And command "cmd-1" is still the recorded "Deposit", "executed"

  Rule: Status tracks the complete command lifecycle

    Scenario Outline: Every outcome is persisted with its final status
      When "<caller>" sends a "<command>" of <amount> for account "acc-1" as command "<commandId>"
      Then command "<commandId>" reads back as "<status>" with code "<code>" and <events> event ids
      And command "<commandId>" was final from the moment it was recorded

      Examples:
        | caller    | command  | amount | commandId  | status   | code                    | events |
        | tina      | deposit  | 50     | cmd-ok     | executed | none                    | 1      |
        | tina      | deposit  | 0      | cmd-zero   | rejected | INVALID_AMOUNT          | 0      |
        | tina      | withdraw | 500    | cmd-over   | failed   | HANDLER_FAILED          | 1      |
        | tina      | deposit  | 12.5   | cmd-frac   | rejected | INVALID_COMMAND_PAYLOAD | 0      |
        | mallory   | deposit  | 50     | cmd-mal    | rejected | FORBIDDEN               | 0      |
        | anonymous | deposit  | 50     | cmd-anon   | rejected | UNAUTHORIZED            | 0      |

    Scenario: A rejected command records rejected and emits no event
      When teller "tina" deposits 0 into account "acc-1" as command "cmd-zero"
      Then the answer is "rejected" with code "INVALID_AMOUNT" and no event ids
      And the stream of account "acc-1" holds "AccountOpened"
      And the failure stream of account "acc-1" holds ""
      And command "cmd-zero" reads back as "rejected" with code "INVALID_AMOUNT" and 0 event ids
      And account "acc-1" has a balance of 0 at CMS version 1

    Scenario: A failed decision records failed with its audit event
      When teller "tina" withdraws 500 from account "acc-1" as command "cmd-over"
      Then the answer is "failed" with code "HANDLER_FAILED" saying "Overdraft of 500 refused"
      And the stream of account "acc-1" holds "AccountOpened"
      And the failure stream of account "acc-1" holds "OverdraftAttempted"
      And command "cmd-over" reads back as "failed" with the id of the "OverdraftAttempted" audit event
      And account "acc-1" has a balance of 0 at CMS version 1

    Scenario: A pending command reaches one final status, once
      When command "cmd-async" is recorded as pending
      Then command "cmd-async" reads back as "pending" with no completion time
      When command "cmd-async" is completed as "executed"
      Then command "cmd-async" now reads back as "executed" with a completion time
      And completing command "cmd-async" as "failed" is refused with "INVALID_STATUS_TRANSITION"
      And command "cmd-async" still reads back as "executed"

  Rule: The CommandOrchestrator is the only command execution path

    Scenario: A command passes the steps of the orchestrator in order, in one mutation
      When teller "tina" deposits 40 into account "acc-1" as command "cmd-t", traced
      Then the traced steps are
        | step | what                                    |
        | 1    | commandBus.lib.checkCommand             |
        | 2    | validation before                       |
        | 2    | authorization before                    |
        | 2    | rateLimit before                        |
        | 2    | rateLimiter.lib.rateLimit               |
        | 3    | accounts.handlers.deposit               |
        | 5    | eventStore.lib.appendToStream           |
        | 6    | projection accountBalances stream:acc-1 |
        | 2    | rateLimit after success                 |
        | 2    | authorization after success             |
        | 2    | validation after success                |
        | 7    | commandBus.lib.recordCommand            |
      And the command wrote 5 documents: the CMS row, the event, the stream row, the command record and the rate limit
      And the answer is "executed" with the id of the "MoneyDeposited" event

    Scenario: A rejection exits before the append and the projection trigger
      When teller "tina" deposits 0 into account "acc-1" as command "cmd-t0", traced
      Then the traced steps are
        | step | what                         |
        | 1    | commandBus.lib.checkCommand  |
        | 2    | validation before            |
        | 2    | authorization before         |
        | 2    | rateLimit before             |
        | 2    | rateLimiter.lib.rateLimit    |
        | 3    | accounts.handlers.deposit    |
        | 2    | rateLimit after rejected     |
        | 2    | authorization after rejected |
        | 2    | validation after rejected    |
        | 7    | commandBus.lib.recordCommand |
      And the command wrote 2 documents: the command record and the rate limit

    Scenario: A stream moved outside the CMS rolls the whole command back
      Given an "AccountNoted" event was appended to the stream of account "acc-1" outside its CMS
      When teller "tina" deposits 100 into account "acc-1" as command "cmd-occ", expecting an error
      Then the error is CONCURRENT_MODIFICATION saying "stream Account/acc-1 is at version 2 but the CMS of accounts decided on version 1; the command was rolled back"
      And the stream of account "acc-1" holds "AccountOpened, AccountNoted"
      And account "acc-1" has a balance of 0 at CMS version 1
      And command "cmd-occ" is not recorded

  Rule: correlationId links commands, events, and projections

    Scenario: The correlation chain reaches the event metadata and the command record
      When teller "tina" deposits 70 into account "acc-1" as command "cmd-c" in correlation "corr-9" caused by "evt-0"
      Then the event of command "cmd-c" has correlationId "corr-9", causationId "cmd-c", commandId "cmd-c" and userId "tina"
      And command "cmd-c" is recorded with correlationId "corr-9" and causationId "evt-0"

    Scenario: The events a command produced are found from its commandId
      When teller "tina" sends these commands for account "acc-1" in correlation "corr-1"
        | commandId | command  | amount |
        | cmd-a     | deposit  | 100    |
        | cmd-b     | withdraw | 500    |
        | cmd-r     | deposit  | 0      |
      Then the events found for each command are
        | commandId | status   | events             |
        | cmd-open  | executed | AccountOpened      |
        | cmd-a     | executed | MoneyDeposited     |
        | cmd-b     | failed   | OverdraftAttempted |
        | cmd-r     | rejected |                    |
      And each event found for a command carries that commandId in its metadata

    Scenario: One correlation gathers its commands and their events
      When teller "tina" sends these commands for account "acc-1" in correlation "corr-7"
        | commandId | command  | amount |
        | cmd-x1    | deposit  | 10     |
        | cmd-x2    | withdraw | 5      |
      Then the commands of correlation "corr-7" are "cmd-x1, cmd-x2"
      And the events of correlation "corr-7" are "MoneyDeposited, MoneyWithdrawn", each one found for the command that produced it

    Scenario: A command's correlation chain reaches the projection's read model
      When teller "tina" deposits 70 into account "acc-1" as command "cmd-p" in correlation "corr-p" caused by "evt-p"
      And the events settle and the projections are dispatched
      Then the dispatch routed 2 "accountBalances" events to 1 partition
      And the balance read model has no row for account "acc-1" before the catch-up job runs
      When the catch-up jobs run in the Workpool
      Then the balance read model of account "acc-1" holds 70 with correlationId "corr-p", causationId "cmd-p" and commandId "cmd-p"
      And its last event applied is the "MoneyDeposited" event of command "cmd-p"

    Scenario: The read model carries the correlation of the last command applied to its partition
      When teller "tina" sends these commands for account "acc-1", each in its own correlation
        | commandId | command  | amount | correlationId |
        | cmd-k1    | deposit  | 100    | corr-k1       |
        | cmd-k2    | withdraw | 30     | corr-k2       |
      And the events settle and the projections are dispatched and run
      Then the balance read model of account "acc-1" holds 70 with correlationId "corr-k2", causationId "cmd-k2" and commandId "cmd-k2"
      And its last event applied is the "MoneyWithdrawn" event of command "cmd-k2"
      And the "accountBalances" checkpoint of partition "stream:acc-1" is at the last event of the stream of account "acc-1"

    Scenario: A failed command's audit event leaves the balance read model as it was
      When teller "tina" deposits 100 into account "acc-1" as command "cmd-d"
      And the events settle and the projections are dispatched and run
      Then the balance read model of account "acc-1" holds 100 with correlationId "corr-cmd-d", causationId "cmd-d" and commandId "cmd-d"
      When teller "tina" withdraws 500 from account "acc-1" as command "cmd-over" in correlation "corr-over" caused by "evt-over"
      And the new events settle and the projections are dispatched and run again
      Then the failure stream of account "acc-1" holds "OverdraftAttempted"
      And the last dispatch routed no event, while the "OverdraftAttempted" audit event of account "acc-1" lay settled past its cursor
      And the balance read model of account "acc-1" is the row it was before command "cmd-over"
      And the "accountBalances" checkpoint of partition "stream:acc-1" is at the last event of the stream of account "acc-1"
      And the "accountBalances" projection has no dead letter

  Rule: Middleware provides composable cross-cutting concerns

    Scenario: Middleware runs in registration order around the handler
      When teller "tina" deposits 10 into account "acc-1" as command "cmd-m", with logging and observed middleware
      Then the hooks ran "logging before, validation before, authorization before, rateLimit before, accounts.handlers.deposit, rateLimit after success, authorization after success, validation after success, logging after success"
      And the log reads "INFO command started, INFO command finished" for command "cmd-m"

    Scenario: A refused caller stops the chain and the bounded context is never called
      When "mallory" deposits 10 into account "acc-1" as command "cmd-f", with logging and observed middleware
      Then the hooks ran "logging before, validation before, authorization before, authorization after rejected, validation after rejected, logging after rejected"
      And the answer is "rejected" with code "FORBIDDEN" saying 'caller "mallory" may not run command "Deposit": the teller role is required'
      And command "cmd-f" reads back as "rejected" with code "FORBIDDEN" and 0 event ids
      And the stream of account "acc-1" holds "AccountOpened"
      And the log reads "INFO command started, WARN command finished" for command "cmd-f"

    Scenario Outline: The first middleware to refuse decides the rejection
      When an anonymous caller deposits 12.5 into account "acc-1" as command "<commandId>" with the middleware "<order>"
      Then the answer is "rejected" with code "<code>" and no event ids
      And command "<commandId>" reads back as "rejected" with code "<code>" and 0 event ids

      Examples:
        | order                     | commandId | code                    |
        | validation, authorization | cmd-o1    | INVALID_COMMAND_PAYLOAD |
        | authorization, validation | cmd-o2    | UNAUTHORIZED            |

    Scenario: A caller over the rate limit is refused and the refusal is recorded
      When teller "tina" deposits 10 into account "acc-1" as commands "cmd-r1, cmd-r2, cmd-r3, cmd-r4"
      Then the answers are "executed, executed, executed, rejected:RATE_LIMITED"
      And command "cmd-r4" reads back as "rejected" with code "RATE_LIMITED" and 0 event ids
      And account "acc-1" has a balance of 30 at CMS version 4
      When teller "terry" deposits 10 into account "acc-1" as command "cmd-r5"
      Then the answer is "executed" with the id of the "MoneyDeposited" event
      When a minute has passed and teller "tina" deposits 10 into account "acc-1" as command "cmd-r6"
      Then command "cmd-r6" reads back as "executed" with code "none" and 1 event ids
      And account "acc-1" has a balance of 50 at CMS version 6
