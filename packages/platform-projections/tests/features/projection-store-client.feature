Feature: The ProjectionStore client in an application
  An application installs the component with app.use(projections) and reaches it through the
  ProjectionStore client, normally from platform-core's ProjectionRuntime. These scenarios run
  the client in the transactions of a small test app, so every call crosses the component
  boundary as it does in a deployment; "order-a@3" is the event "evt-3" at global position 3 of
  partition "order-a".

  Rule: The client reaches every function of the component

    Scenario: A dispatch and a catch-up through the client
      Given the app reads the cursor of "orderTotals" at 0
      When the app routes "order-a@1, order-b@2, order-a@3" for "orderTotals" from 0 to 3
      And the app catches up partition "order-a" of "orderTotals", applying every pending event
      Then the app's checkpoint of partition "order-a" of "orderTotals" is at "evt-3" with 2 applied
      And the app lists the checkpoints of "orderTotals" as "order-a"
      And the app reads the cursor of "orderTotals" at 3

    Scenario: A failing event becomes a dead letter that the app ignores
      Given the app routed "order-a@1" for "orderTotals" from 0 to 1
      When the app records DEFAULT_MAX_ATTEMPTS failures of "evt-1" in partition "order-a" of "orderTotals"
      Then the app reads the poison record of "evt-1" for "orderTotals" as "quarantined" after attempt 3
      And the app's dead letters of "orderTotals" are "evt-1"
      And the app's ignoreDeadLetter of "evt-1" for "orderTotals" answers "resolved"
      And the app's "ignored" poison records of "orderTotals" are "evt-1"
      And the app replays the dead letter "evt-1" of "orderTotals" and is told "not_quarantined"

    Scenario: A failed catch-up job is recorded, listed and retried through the client
      When the app records a failed job of partition "order-a" of "orderTotals" with "timeout"
      Then the app's open failed jobs are "orderTotals/order-a"
      And the app retries the failed job of partition "order-a" of "orderTotals"
      And the app's open failed jobs are ""

  Rule: Refusals cross the component boundary with their code

    Scenario: A refused call is an INVALID_ARGUMENT error in the app
      When the app loads partition "order-a" of "orderTotals" with a limit of 0
      Then the app's call is refused with INVALID_ARGUMENT saying "limit must be an integer from 1 to 500 (got 0)"
      And isProjectionsError is false for errors that are not the component's
