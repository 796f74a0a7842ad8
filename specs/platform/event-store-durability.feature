Feature: Event store durability
  The dual write of a command (CMS and events in one mutation) needs no help. Events produced
  elsewhere (action results, scheduled jobs, saga steps, deliveries to other contexts,
  projections) are kept by platform-core's durability helpers on top of the official Convex
  components: idempotency keys, Workpool-backed appends with dead letters, the action retrier's
  onComplete, intent and completion events; cross-context deliveries are the event bus's, and a
  malformed event is quarantined by the projections runtime. These scenarios run them against the eventStore, Workpool, action
  retrier and projections components under convex-test with fake timers and injected faults,
  and count what is stored.

  Rule: Action results are captured as events via onComplete mutation

    Scenario: A call that fails twice and then succeeds is captured as one success event
      Given a durability app whose payment gateway fails its next 2 calls
      When the payment of order "o-1" is started through the outbox
      And the background work runs
      Then the payment gateway was called 3 times
      And the stream of order "o-1" holds "PaymentCompleted"

    Scenario: A call that never succeeds is captured as one failure event
      Given a durability app whose payment gateway fails every call
      When the payment of order "o-2" is started through the outbox
      And the background work runs
      Then the stream of order "o-2" holds "PaymentFailed"

  Rule: Event append is idempotent using idempotency keys

    Scenario Outline: The key of a <source> names the logical event
      When the idempotency key of the <source> "<parts>" is built
      Then it is "<key>"

      Examples:
        | source         | parts                                    | key                                    |
        | command result | SubmitOrder, ord-123, cmd-456            | SubmitOrder:ord-123:cmd-456            |
        | action result  | payment, ord-123                         | payment:ord-123                        |
        | saga step      | OrderFulfillment, saga-789, reserveStock | OrderFulfillment:saga-789:reserveStock |
        | scheduled job  | expireReservations, job-001, 1704067200  | expireReservations:job-001:1704067200  |

    Scenario: An event appended three times under its key is stored once
      Given a durability app
      When "ReservationExpired" is appended to order "o-3" under the key "expireReservations:job-001:1704067200" 3 times
      Then the appends answer "appended, duplicate, duplicate" with one event id
      And the stream of order "o-3" holds "ReservationExpired"

    Scenario: A key reused with other content is refused, audited and stores nothing
      Given a durability app
      When "ReservationExpired" is appended to order "o-4" under the key "job-9:o-4" 1 times
      And "OrderCancelled" is appended to order "o-4" under the key "job-9:o-4" 1 times
      Then the appends answer "appended, idempotency_conflict" with one event id
      And the store audited the reuse of "job-9:o-4" by "OrderCancelled"
      And the stream of order "o-4" holds "ReservationExpired"

  Rule: Cross-context events use Workpool-backed publication with tracking

    Scenario: An event published to two contexts is tracked and delivered to each once
      Given a durability app whose event bus delivers OrderPlaced to "shipping, analytics"
      When order "o-5" is placed and its event published
      And the background work runs
      Then the publications of order "o-5" are "shipping:delivered:1, analytics:delivered:1"
      And "shipping, analytics" each received the event of order "o-5" once

    Scenario: A delivery that keeps failing is retried, then dead-lettered
      Given a durability app whose analytics context is down
      When order "o-6" is placed and its event published
      And the background work runs
      Then the publications of order "o-6" are "shipping:delivered:1, analytics:dead_lettered:3"

  Rule: Long-running operations bracket with intent and completion events

    Scenario: A completed operation holds its intent and its completion
      Given a durability app
      When the submission of order "o-7" starts
      And the submission of order "o-7" completes with "OrderSubmitted"
      And the background work runs
      Then the submission stream of order "o-7" holds "OrderSubmissionStarted, OrderSubmitted"

    Scenario: An operation that never completes is abandoned once after its timeout
      Given a durability app
      When the submission of order "o-8" starts
      And the background work runs
      And the timeout check of order "o-8" runs once more
      Then the submission stream of order "o-8" holds "OrderSubmissionStarted, OrderSubmissionAbandoned"

  Rule: Failed event appends are recovered via Workpool actions

    Scenario: An outage shorter than the retries loses nothing and duplicates nothing
      Given a durability app whose next 2 append attempts fail
      When "ShipmentRequested" is appended durably to order "o-9" under the key "OrderFulfillment:saga-1:ship"
      And the background work runs
      Then the append was attempted 3 times
      And the stream of order "o-9" holds "ShipmentRequested"
      And no dead letter is open

    Scenario: An append that keeps failing is a dead letter until a retry stores it once
      Given a durability app whose event store is down
      When "ShipmentRequested" is appended durably to order "o-10" under the key "OrderFulfillment:saga-2:ship"
      And the background work runs
      Then one dead letter is open for the key "OrderFulfillment:saga-2:ship"
      And the stream of order "o-10" holds ""
      When the event store is back and the dead letter is retried
      Then the stream of order "o-10" holds "ShipmentRequested"
      And no dead letter is open

  Rule: Malformed events are quarantined after repeated failures

    Scenario: A malformed event is quarantined at the third failure and its account moves on
      Given a bank app where teller "tina" opened account "acc-1"
      And a "MoneyDeposited" event without a balance, then one leaving a balance of 50, reach account "acc-1"
      When the events settle and the projections are dispatched and run
      Then the accountBalances projection quarantined the malformed event after 3 attempts, its error naming "balanceAfter"
      And the accountBalances view shows account "acc-1" at 50

  Rule: Failed publications are tracked and recoverable

    Scenario: A dead letter is listed by its target context and retried to delivery
      Given a durability app whose analytics context is down
      And order "o-12" was placed and its analytics delivery dead-lettered
      When the analytics context is back and the dead letter is retried
      Then the publications of order "o-12" are "shipping:delivered:1, analytics:delivered:4"
      And "shipping, analytics" each received the event of order "o-12" once

    Scenario: A dead letter can be ignored, and the stats count by target context and status
      Given a durability app whose analytics context is down
      And order "o-13" was placed and its analytics delivery dead-lettered
      And order "o-14" was placed and its analytics delivery dead-lettered too
      When the analytics dead letter of order "o-13" is ignored as "obsolete"
      Then the stats count "analytics:dead_lettered:1, analytics:ignored:1, shipping:dead_lettered:0"
