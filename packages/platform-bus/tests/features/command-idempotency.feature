Feature: Command idempotency
  Every command carries a unique commandId. The command bus records each commandId once: the
  same command sent again gets the stored status and result back without any write, and a
  commandId reused for a different command is reported as a conflict instead of answering with
  the other command's result.

  Rule: Commands are idempotent via commandId deduplication

    Scenario: A new command is recorded as pending in one write
      When the command "cmd-1" of type "SubmitOrder" is recorded
      Then it is new with status "pending"
      And the call wrote 1 document
      And the command "cmd-1" expires 7 days after it was recorded

    Scenario: The same command sent again gets its stored result without a write
      Given the command "cmd-1" of type "SubmitOrder" executed with result version 3 and events "evt-1, evt-2"
      When the command "cmd-1" of type "SubmitOrder" is recorded
      Then it is a duplicate with status "executed" and result version 3
      And the duplicate carries the events "evt-1, evt-2"
      And the call wrote 0 documents

    Scenario: A commandId reused for another command type is a conflict
      Given the command "cmd-1" of type "SubmitOrder" executed with result version 3 and events "evt-1"
      When the command "cmd-1" of type "CancelOrder" is recorded
      Then it is a COMMAND_ID_REUSED conflict on "commandType"
      And the conflict message says 'commandType "CancelOrder" (recorded: "SubmitOrder")'
      And the conflict does not reveal the stored result
      And the call wrote 0 documents

    Scenario: A commandId reused with another payload is a conflict
      Given the command "cmd-1" of type "SubmitOrder" with payload hash "h1" is recorded
      When the command "cmd-1" of type "SubmitOrder" with payload hash "h2" is recorded
      Then it is a COMMAND_ID_REUSED conflict on "payloadHash"

  Rule: A command executed in one transaction is recorded once, with its outcome

    Scenario: The synchronous path checks, executes and records the outcome in one write
      When the command "cmd-1" is checked, executed and recorded as "executed" with events "evt-1" in one transaction
      Then the transaction made 2 command bus calls and wrote 1 document
      And the command "cmd-1" has status "executed" with events "evt-1"
      And the command "cmd-1" completed when it was recorded

    Scenario: A duplicate found by the check is answered without executing
      Given the command "cmd-1" of type "SubmitOrder" executed with result version 3 and events "evt-1"
      When the command "cmd-1" of type "SubmitOrder" is checked
      Then the check finds a duplicate with status "executed" and result version 3

  Rule: Bad input is refused with a clear error

    Scenario Outline: An argument the validators accept but the bus cannot use is refused
      When the command "cmd-1" is recorded with <argument>
      Then it is refused with INVALID_ARGUMENT saying "<message>"
      And no command "cmd-1" is recorded

      Examples:
        | argument                  | message                                                                                |
        | an empty commandType      | commandType must be a non-empty string; got ""                                         |
        | a TTL of 0 ms             | ttlMs must be a positive whole number of milliseconds; got 0                           |
        | a rejection with an event | a rejected command emits no event, so its outcome takes no eventIds; got 1 event id(s) |
