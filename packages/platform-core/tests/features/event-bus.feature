Feature: Event bus
  Durable publish/subscribe between bounded contexts over Workpool. A mutation publishes an
  event: every matching subscription gets one tracked publication (status pending, delivered,
  failed, dead_lettered or ignored, with attempts and the last error), enqueued on the Workpool
  of the subscription's priority, most urgent first. A delivery is a Workpool action whose
  attempt runs the subscriber's mutation and marks the publication delivered in one
  transaction, so the subscriber's effect happens once. Workpool retries a failed delivery with
  backoff; its onComplete, a mutation that commits, dead-letters the publication after the last
  attempt (see event-bus-dead-letters.feature).
  These scenarios run the eventStore, commandBus and counters components and two real Workpools
  under convex-test with fake timers; subscribers live in the "audit" and "notifications"
  contexts.

  Background:
    Given the event bus test app
    And counter "k-1" was created at 1 and its events delivered

  Rule: Every publication is tracked per subscriber and delivered with its correlation

    Scenario: An event reaches each of its subscribers, most urgent first
      When counter "k-1" is incremented by 2 in correlation "corr-7"
      Then the event was enqueued for "notifications.counterChanged, audit.trail" in that order
      And its publications to "notifications.counterChanged, audit.trail" are "pending"
      When the pools run
      Then its publication to "audit.trail" is "delivered" after 1 attempt
      And its publication to "notifications.counterChanged" is "delivered" after 1 attempt
      And the audit trail holds the event once, in correlation "corr-7", caused by its command
      And a notification says counter "k-1" is at 3

    Scenario: Each priority runs on its own Workpool
      When counter "k-1" is incremented by 2 in correlation "corr-7"
      Then the publication to "notifications.counterChanged" is a job of the "high" pool
      And the publication to "audit.trail" is a job of the "normal" pool

    Scenario: A subscription that names its source contexts skips other contexts' events
      When a "CounterIncremented" event of "inventory" is published
      Then the event was enqueued for "notifications.counterChanged" in that order

    Scenario: An event nobody subscribes to is not tracked
      When a "CounterRenamed" event of "counters" is published
      Then nothing was enqueued for it
      And no publication of it is tracked

    Scenario: An event without its correlation is refused
      When an event without a correlationId is published
      Then publishing is refused with "INVALID_PUBLISHED_EVENT" naming "metadata.correlationId"

  Rule: A publication changes its subscriber's state at most once

    Scenario: Delivering a delivered publication again changes nothing
      Given counter "k-1" was incremented by 2 in correlation "corr-14" and the pools ran
      When the delivery of its publication to "audit.trail" runs again
      Then the attempt is skipped because the publication is "delivered"
      And its publication to "audit.trail" is "delivered" after 1 attempt
      And the audit trail holds the event once, from attempt 1

    Scenario: Publishing an event again enqueues nothing new
      Given counter "k-1" was incremented by 2 in correlation "corr-15" and the pools ran
      When the event is published again
      Then no publication was enqueued, both are "delivered"
      And after the pools run the audit trail holds the event once, from attempt 1

    Scenario: A late failure report does not undo a delivery
      Given counter "k-1" was incremented by 2 in correlation "corr-16" and the pools ran
      When Workpool reports the job of "audit.trail" failed
      Then its publication to "audit.trail" is "delivered" after 1 attempt

    Scenario: Only a dead letter can be retried
      Given counter "k-1" was incremented by 2 in correlation "corr-17" and the pools ran
      When the publication to "audit.trail" is retried
      Then the retry is refused with "PUBLICATION_NOT_DEAD_LETTERED" naming "delivered"
