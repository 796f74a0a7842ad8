Feature: Command orchestrator
  Every command runs through one mutation in seven steps: the idempotency check in the command
  bus, the middleware pipeline, the bounded context's handler (decider + CMS write), the exit on
  a rejection, the append with the CMS version as expected version, the projection trigger hook
  and the final status recorded in one write. Rejections and failures are values, so their
  status commits; a failure's audit event goes to the entity's failure stream (streamType +
  "Failures", same streamId, expected version "any"), never to the entity's own stream; a
  stream that disagrees with its CMS rolls the whole command back.
  These scenarios run the eventStore and commandBus components and a counters bounded context
  under convex-test.

  Background:
    Given the orchestrator test app
    And "alice" created counter "c-1" at 5 as command "cmd-create"

  Rule: A command that succeeds appends its events and records executed

    Scenario: The events are appended and the status is executed with the event ids
      When "alice" increments counter "c-1" by 3 as command "cmd-1" in correlation "corr-1"
      Then the outcome is "executed" with the counter at 8
      And the stream of counter "c-1" holds "CounterCreated, CounterIncremented"
      And the command "cmd-1" is recorded "executed" with the event ids of the outcome
      And the counter "c-1" is at 8 with CMS version 2

    Scenario: The correlation chain reaches the event metadata
      When "alice" increments counter "c-1" by 1 as command "cmd-2" in correlation "corr-9" caused by "evt-0"
      Then the last event of counter "c-1" has correlationId "corr-9", causationId "cmd-2", commandId "cmd-2" and userId "alice"
      And the command "cmd-2" is recorded with correlationId "corr-9" and causationId "evt-0"

    Scenario: The projection hook receives the triggered projections with their partition keys
      When "alice" increments counter "c-1" by 2 as command "cmd-p" with the projection hook
      Then the hook received projection "counterTotals" in partition "stream:c-1" for command "cmd-p"

    Scenario Outline: Each outcome has a bounded cost in component calls and document writes
      Given "alice" incremented counter "c-1" by 1 as command "cmd-first"
      When "<user>" with roles "<roles>" increments counter "c-1" by <by> as command "<commandId>", measured
      Then the outcome is "<status>" with duplicate <duplicate>
      And it cost <calls> component calls and <writes> document writes

      Examples:
        | user    | roles         | by   | commandId | status   | duplicate | calls | writes |
        | alice   | counter:write | 1    | cmd-m     | executed | false     | 4     | 4      |
        | alice   | counter:write | 1    | cmd-first | executed | true      | 1     | 0      |
        | alice   | counter:write | -1   | cmd-r     | rejected | false     | 3     | 1      |
        | alice   | counter:write | 5000 | cmd-f     | failed   | false     | 4     | 3      |
        | mallory |               | 1    | cmd-u     | rejected | false     | 2     | 1      |

  Rule: A duplicate command returns the stored result and executes nothing

    Scenario: The same commandId twice runs once
      When "alice" increments counter "c-1" by 3 as command "cmd-1" in correlation "corr-1"
      And "alice" increments counter "c-1" by 3 as command "cmd-1" in correlation "corr-1"
      Then the last outcome is the first one, marked as a duplicate
      And the stream of counter "c-1" holds "CounterCreated, CounterIncremented"
      And the counter "c-1" is at 8 with CMS version 2

    Scenario: A commandId reused with another payload is refused and runs nothing
      When "alice" increments counter "c-1" by 3 as command "cmd-2" in correlation "corr-1"
      And "alice" increments counter "c-1" by 4 reusing command "cmd-2"
      Then the error is COMMAND_ID_REUSED because the payloadHash differs
      And the stream of counter "c-1" holds "CounterCreated, CounterIncremented"
      And the counter "c-1" is at 8 with CMS version 2

  Rule: Rejections and failures are recorded and emit no domain event

    Scenario: A business rule rejects the command
      When "alice" increments counter "c-1" by -2 as command "cmd-r" in correlation "corr-1"
      Then the outcome is rejected with code "INVALID_INCREMENT"
      And the stream of counter "c-1" holds "CounterCreated"
      And the command "cmd-r" is recorded "rejected" with code "INVALID_INCREMENT" and no events
      And the counter "c-1" is at 5 with CMS version 1

    Scenario: The entity handler refuses to create an existing entity
      When "alice" creates counter "c-1" at 1 as command "cmd-c2"
      Then the outcome is rejected with code "ENTITY_ALREADY_EXISTS"
      And the command "cmd-c2" is recorded "rejected" with code "ENTITY_ALREADY_EXISTS" and no events

    Scenario: A command on a missing entity is rejected
      When "alice" increments counter "c-404" by 1 as command "cmd-404" in correlation "corr-1"
      Then the outcome is rejected with code "COUNTER_NOT_FOUND"
      And the stream of counter "c-404" holds ""

    Scenario: A failed decision records failed and appends its audit event to the failure stream
      When "alice" increments counter "c-1" by 5000 as command "cmd-f" in correlation "corr-1"
      Then the outcome is failed with code "HANDLER_FAILED"
      And the stream of counter "c-1" holds "CounterCreated"
      And the failure stream of counter "c-1" holds "IncrementRefused" in correlation "corr-1"
      And the command "cmd-f" is recorded "failed" with the event ids of the outcome
      And the counter "c-1" is at 5 with CMS version 1

    Scenario: A failed creation with an audit event does not block a later creation
      When "alice" creates counter "c-2" at 2000000 as command "cmd-cf" in correlation "corr-cf"
      Then the outcome is failed with code "HANDLER_FAILED"
      And the stream of counter "c-2" holds ""
      And the failure stream of counter "c-2" holds "CounterCreationRefused" in correlation "corr-cf"
      And the command "cmd-cf" is recorded "failed" with the event ids of the outcome
      When "alice" later creates counter "c-2" at 7 as command "cmd-c7" in correlation "corr-c7"
      Then the outcome is "executed" for counter "c-2" at version 1
      And the stream of counter "c-2" now holds "CounterCreated"
      And the counter "c-2" is at 7 with CMS version 1

    Scenario: Middleware refuses a caller without the role and the refusal is recorded
      When "mallory" without roles increments counter "c-1" by 1 as command "cmd-u"
      Then the outcome is rejected with code "FORBIDDEN"
      And the stream of counter "c-1" holds "CounterCreated"
      And the command "cmd-u" is recorded "rejected" with code "FORBIDDEN" and no events
      And the counter "c-1" is at 5 with CMS version 1

  Rule: A stream that disagrees with its CMS rolls the whole command back

    Scenario: A stream ahead of the CMS leaves nothing half-written
      Given an event was appended to the stream of counter "c-1" outside its CMS
      When "alice" increments counter "c-1" by 3 as command "cmd-occ", expecting an error
      Then the error is CONCURRENT_MODIFICATION saying 'stream Counter/c-1 is at version 2 but the CMS of counters decided on version 1; the command was rolled back'
      And the stream of counter "c-1" holds "CounterCreated, CounterTouched"
      And the counter "c-1" is at 5 with CMS version 1
      And the command "cmd-occ" is not recorded
