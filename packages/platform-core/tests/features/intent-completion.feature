Feature: Intent and completion events bracket long-running operations
  An operation that spans several steps, external calls or time records an intent event when
  it starts and exactly one outcome when it ends: one of its completion events, or, when none
  came within its timeout, an abandonment recorded by a check scheduled with the intent
  (scheduler.runAfter). All outcomes of an operation share one idempotency key, so the store
  holds at most one of them. These scenarios run the eventStore component under convex-test with
  fake timers, so the scheduled check really runs.

  Background:
    Given the durability test app
    And order submissions time out after 5 minutes

  Rule: An operation records its intent, then one completion

    Scenario: A submission that completes in time is never abandoned
      When the submission of order "o-1" starts
      And the submission of order "o-1" completes with "OrderSubmitted"
      And the background work runs
      Then the submission stream of order "o-1" holds "OrderSubmissionStarted, OrderSubmitted"
      And the submission of order "o-1" is "completed" by "OrderSubmitted"

    Scenario: An operation in progress shows as pending
      When the submission of order "o-2" starts
      Then the submission of order "o-2" is "pending"
      And a timeout check is scheduled 300000 ms after the start

    Scenario: Starting twice records one intent and schedules one check
      When the submission of order "o-3" starts
      And the submission of order "o-3" starts again
      Then the second start answers "duplicate"
      And the submission stream of order "o-3" holds "OrderSubmissionStarted"
      And one timeout check is scheduled

  Rule: An operation that never completes is abandoned after its timeout

    Scenario: The timeout check records the abandonment
      When the submission of order "o-4" starts
      And 299999 ms pass
      Then the submission of order "o-4" is "pending"
      When the background work runs
      Then the submission stream of order "o-4" holds "OrderSubmissionStarted, OrderSubmissionAbandoned"
      And the abandonment names the intent event and the timeout of 300000 ms
      And the submission of order "o-4" is "abandoned" by "OrderSubmissionAbandoned"

    Scenario: A check that runs twice records one abandonment
      Given the submission of order "o-5" started and was abandoned
      When the timeout check of order "o-5" runs again
      Then the check answers "abandoned" with the stored abandonment
      And the submission stream of order "o-5" holds "OrderSubmissionStarted, OrderSubmissionAbandoned"

    Scenario: A completion after the abandonment is refused
      Given the submission of order "o-6" started and was abandoned
      When the submission of order "o-6" completes with "OrderSubmitted"
      Then the completion answers "idempotency_conflict" naming the abandonment
      And the submission stream of order "o-6" holds "OrderSubmissionStarted, OrderSubmissionAbandoned"

  Rule: Only declared operations and outcomes are recorded

    Scenario: An event type that does not complete the operation is refused
      When the submission of order "o-7" completes with "OrderShipped"
      Then it is refused with UNKNOWN_COMPLETION_EVENT: '"OrderShipped" does not complete OrderSubmission; expected one of ["OrderSubmitted","OrderSubmissionFailed"]'

    Scenario: An operation whose abandonment is also a completion is refused when defined
      When an operation is declared with "OrderSubmissionAbandoned" among its completions
      Then it is refused with INVALID_DURABILITY_CONFIG: "IntentCompletion: operation OrderSubmission needs completionEventTypes: a non-empty list of event types, without abandonedEventType"
