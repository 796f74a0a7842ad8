Feature: Outbox for the results of external calls
  An external call (a payment gateway, a mail service) runs as an action through
  @convex-dev/action-retrier, which retries it with backoff. When the run is over, the
  retrier calls the outbox's onComplete mutation once, and it records the outcome, success or
  failure, as one domain event on the entity's stream, under the action result's idempotency key
  (`{actionType}:{entityId}`). Failed attempts that were retried leave no event; a callback
  delivered twice changes nothing; an append that fails in the callback is handed to the durable
  append. These scenarios run the eventStore, the action retrier and a Workpool under
  convex-test, with the gateway's and the store's faults injected.

  Background:
    Given the durability test app

  Rule: The final outcome of an external call becomes exactly one event

    Scenario: A call that fails twice and then succeeds records one success, not three events
      Given the payment gateway fails its next 2 calls
      When the payment of order "o-1" for 30 is started
      And the background work runs
      Then the payment gateway was called 3 times
      And the stream of order "o-1" holds exactly "PaymentCompleted"
      And its payment event carries the charge "ch-o-1" of 30, the key "payment:o-1" and the run id
      And the run is recorded with outcome "success" and the id of that event

    Scenario: A call that fails every time records one failure
      Given the payment gateway fails every call
      When the payment of order "o-2" for 30 is started
      And the background work runs
      Then the payment gateway was called 5 times
      And the stream of order "o-2" holds exactly "PaymentFailed"
      And its failure event says "the payment gateway timed out (injected fault)"
      And the run is recorded with outcome "failed" and the id of that event

    Scenario: A callback delivered twice for the same run changes nothing
      Given the payment of order "o-3" for 30 was started and completed
      When the retrier's callback for that run is delivered again
      Then the stream of order "o-3" holds exactly "PaymentCompleted"
      And the run is recorded with outcome "success" and the id of that event

    Scenario: A second run for the same entity cannot record a second outcome
      Given the payment of order "o-4" for 30 was started and completed
      When the payment of order "o-4" for 45 is started
      And the background work runs
      Then the stream of order "o-4" holds exactly "PaymentCompleted"
      And the second run is recorded "refused" because the key "payment:o-4" holds the first outcome

  Rule: An outcome whose append fails is kept by the durable append

    Scenario: The store is down when the call completes; the outcome survives and is stored once
      Given the event store is down
      When the payment of order "o-5" for 30 is started
      And the background work runs
      Then the run is "handed_over" to the durable append with outcome "success"
      And the stream of order "o-5" holds no event
      And one open dead letter holds the outcome "PaymentCompleted" under the key "payment:o-5"
      When the event store is back
      And the operator retries the dead letter
      And the retry runs in the background
      Then the stream of order "o-5" holds exactly "PaymentCompleted"

  Rule: Only configured actions run through the outbox

    Scenario: An unknown action type is refused before anything runs
      When a payment of order "o-6" is started as the action type "refund"
      Then it is refused with UNKNOWN_OUTBOX_ACTION: 'no outbox action is configured as "refund"; expected one of ["payment"]'
      And the payment gateway was called 0 times
