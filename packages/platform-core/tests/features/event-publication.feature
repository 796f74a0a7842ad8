Feature: Cross-context publication with tracking and dead letters
  An event published to other bounded contexts gets one tracked publication per target context.
  A Workpool job delivers it (reads the event from the store, runs the target's receiving
  mutation) and is retried with backoff; the Workpool onComplete marks the publication delivered,
  or a dead letter with the last error when the attempts are spent. Operators list dead letters
  by target context, retry them through the publication pool, ignore obsolete ones and count
  them per context and status. These scenarios run the eventStore and a real Workpool under
  convex-test; the analytics context can be switched off.

  Background:
    Given the durability test app
    And deliveries are attempted 3 times

  Rule: Every publication is tracked, retried and delivered

    Scenario: An event published to two contexts is delivered to each once
      When order "o-1" is placed and published to "shipping, analytics"
      And the background work runs
      Then "shipping" received the event of order "o-1" once
      And "analytics" received the event of order "o-1" once
      And both publications are "delivered" after 1 run

    Scenario: Publishing the same event again tracks and delivers it once
      When order "o-2" is placed and published to "shipping"
      And order "o-2" is placed and published to "shipping" again
      And the background work runs
      Then the second publication answers "already" tracked with the same id
      And "shipping" received the event of order "o-2" once

    Scenario: An unknown target context is refused before anything is tracked
      When order "o-3" is placed and published to "billing"
      Then it is refused with UNKNOWN_PUBLICATION_TARGET: 'no publication target is configured as "billing"; expected one of ["shipping","analytics"]'

  Rule: A delivery that keeps failing is a dead letter, recoverable by an operator

    Scenario: The dead letter keeps the last error and a retry after the fault delivers once
      Given the analytics context is down
      When order "o-4" is placed and published to "shipping, analytics"
      And the background work runs
      Then the analytics delivery was attempted 3 times
      And "shipping" received the event of order "o-4" once
      And the analytics dead letters hold the event of order "o-4" with the error "analytics is unavailable (injected fault)"
      And the stats count 1 "dead_letter" for "analytics" and 0 for "shipping"
      When the analytics context is back
      And the operator retries the analytics dead letter
      And the retry runs in the background
      Then "analytics" received the event of order "o-4" once
      And the analytics publication is "delivered" after 2 runs
      And the stats now count 0 "dead_letter" for "analytics" and 0 for "shipping"

    Scenario: An ignored dead letter is kept with its reason and no longer counted as a dead letter
      Given the analytics context is down
      And order "o-5" was placed, published to "analytics" and dead-lettered
      When the operator ignores the analytics dead letter because "the report was retired"
      Then the analytics publication is "ignored" with the reason "the report was retired"
      And the stats count 0 "dead_letter" for "analytics" and 0 for "shipping"
      And the stats also count 1 "ignored" for "analytics" and 0 for "shipping"

    Scenario: Only a dead letter can be retried or ignored
      When order "o-6" is placed and published to "shipping"
      And the background work runs
      And the operator retries the shipping publication
      Then it is refused with INVALID_PUBLICATION_STATUS: "publication <id> is delivered; expected it dead_letter"
