Feature: Idempotent and durable appends
  Each logical event carries an idempotency key, so the event store keeps it once however often
  its append is retried. Appends from async contexts (scheduled jobs, saga steps, action
  callbacks) go through DurableAppend: the idempotent append runs in a Workpool action, retried
  with exponential backoff and jitter until it succeeds. One that still fails after the last
  attempt becomes a dead letter, written by the Workpool onComplete mutation so it survives the
  failure; an operator retries it once the fault is gone. These scenarios run the eventStore
  component and a real Workpool under convex-test, with injected faults, and count what is
  stored.

  Background:
    Given the durability test app

  Rule: Idempotency keys name the logical event by its source

    Scenario Outline: A <source> key follows its pattern
      When the <source> key of "<parts>" is built
      Then the key is "<key>"

      Examples:
        | source        | parts                                    | key                                    |
        | commandResult | SubmitOrder, ord-123, cmd-456            | SubmitOrder:ord-123:cmd-456            |
        | actionResult  | payment, ord-123                         | payment:ord-123                        |
        | sagaStep      | OrderFulfillment, saga-789, reserveStock | OrderFulfillment:saga-789:reserveStock |
        | scheduledJob  | expireReservations, job-001, 1704067200  | expireReservations:job-001:1704067200  |

    Scenario: A part that would make the key ambiguous is refused
      When the sagaStep key of "Order:Fulfillment, saga-789, ship" is built
      Then it is refused with INVALID_IDEMPOTENCY_KEY: 'sagaType is "Order:Fulfillment"; expected a non-empty string without a colon to build the idempotency key {sagaType}:{sagaId}:{step}'

    Scenario: A run time that is not a whole number is refused
      When the scheduledJob key of "expireReservations, job-001, 1.5" is built
      Then it is refused with INVALID_IDEMPOTENCY_KEY: 'runTimestamp is 1.5; expected an integer >= 0 (the scheduled time of the run) to build the idempotency key {jobType}:{scheduleId}:{runTimestamp}'

  Rule: An idempotent append stores each logical event once

    Scenario: The same event appended three times is stored once
      When the event "OrderExpired" with key "expireReservations:job-001:1704067200" is appended to order "o-1" 3 times
      Then the answers are "appended, duplicate, duplicate", all naming the same event
      And the stream of order "o-1" holds "OrderExpired" once

    Scenario: A key reused with other content is refused and audited
      Given the event "OrderExpired" with key "expire:o-1" was appended to order "o-1"
      When the event "OrderCancelled" with key "expire:o-1" is appended to order "o-1"
      Then the answers are "idempotency_conflict"
      And the store audited the key "expire:o-1" reused by "OrderCancelled"
      And the stream of order "o-1" holds "OrderExpired" once

  Rule: A durable append retries until its event is stored, and stores it once

    Scenario: An outage shorter than the retries loses nothing
      Given the first 2 append attempts fail
      When the event "ReservationExpired" with key "expireReservations:job-7:1704067200" is appended durably to order "o-2"
      And the background work runs
      Then the append attempts are 3
      And the stream of order "o-2" holds "ReservationExpired" once
      And there are 0 open dead letters

    Scenario: An attempt whose acknowledgement is lost does not store the event twice
      Given the first 1 append acknowledgements are lost
      When the event "ReservationExpired" with key "expireReservations:job-8:1704067200" is appended durably to order "o-3"
      And the background work runs
      Then the append attempts are 2
      And the stream of order "o-3" holds "ReservationExpired" once
      And there are 0 open dead letters

  Rule: An append that keeps failing becomes a dead letter that survives and can be retried

    Scenario: The dead letter persists; a retry after the fault is removed stores the event once
      Given the event store is down
      When the event "ShipmentRequested" with key "OrderFulfillment:saga-1:ship" is appended durably to order "o-4"
      And the background work runs
      Then the append attempts are 4
      And the stream of order "o-4" holds no event
      And one open dead letter holds key "OrderFulfillment:saga-1:ship" for "ShipmentRequested", reason "failed", failure count 1 and the error "eventStore is unavailable (injected fault)"
      When the event store is back
      And the operator retries the dead letter
      And the retry runs in the background
      Then the dead letter is resolved with the id of the stored event
      And the stream of order "o-4" holds "ShipmentRequested" once
      And there are 0 open dead letters

    Scenario: A retry that fails again reopens the dead letter with one more failure
      Given the event store is down
      And the event "ShipmentRequested" with key "OrderFulfillment:saga-2:ship" was appended durably to order "o-5" and dead-lettered
      When the operator retries the dead letter
      And the background work runs
      Then one open dead letter holds key "OrderFulfillment:saga-2:ship" for "ShipmentRequested", reason "failed", failure count 2 and the error "eventStore is unavailable (injected fault)"
      And the stream of order "o-5" holds no event

    Scenario: A key reused with other content is dead-lettered at once, not retried
      Given the event "OrderExpired" with key "expire:o-6" was appended to order "o-6"
      When the event "OrderCancelled" with key "expire:o-6" is appended durably to order "o-6"
      And the background work runs
      Then the append attempts are 1
      And one open dead letter holds key "expire:o-6" for "OrderCancelled", reason "idempotency_conflict", failure count 1 and the error "the key expire:o-6 already holds event <existing> with other content; expected a retry of the same event"

    Scenario: Only an open dead letter can be retried
      Given the event store is down
      And the event "ShipmentRequested" with key "OrderFulfillment:saga-3:ship" was appended durably to order "o-7" and dead-lettered
      When the operator retries the dead letter
      And the operator retries the dead letter again
      Then the second retry is refused with DEAD_LETTER_NOT_RETRYABLE: "the dead letter <id> is retrying; expected it open"
      And a retry of the unknown dead letter "nope" is refused with DEAD_LETTER_NOT_FOUND

    Scenario: A page of dead letters holds 1 to 500 of them
      When the dead letters are listed 501 at a time
      Then the listing is refused with INVALID_LIMIT: "limit is 501; expected an integer from 1 to 500"

  Rule: Configuration is checked when the helper is built

    Scenario: The default retry behavior is five attempts from 250 ms, doubling
      Then the default durable retry is 5 attempts, 250 ms initial backoff, base 2

    Scenario: A retry behavior out of range is refused
      When a DurableAppend is built with 0 attempts
      Then it is refused with INVALID_DURABILITY_CONFIG: "DurableAppend: retry must be { maxAttempts: integer >= 1, initialBackoffMs: number >= 0, base: number >= 1 } (got an object)"
