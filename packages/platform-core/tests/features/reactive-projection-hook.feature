Feature: useReactiveProjection
  The React hook of platform-core's `./react` entry merges the answer of a reactive query with the
  client's own optimistic events through the projection's shared evolve. It renders with
  @testing-library/react in a DOM made by happy-dom, over a convex-test app whose Workpool runs.

  Background:
    Given the reactive counter app with a real Workpool

  Rule: The hook shows the durable state merged with the events it lacks

    Scenario: While the query loads the hook has no state
      When the hook renders before the query answers
      Then the hook is loading with no state, durable position 0 and 0 pending events

    Scenario: Committed events show before the durable projection applies them
      Given counter "c-1" is created at 5 and incremented by 2 in the app
      When the hook renders the counter view of "c-1"
      Then the hook shows "7/1", optimistic with 2 pending events
      And the hook's durable position is 0
      When the events settle, the projection runs and the hook renders the new answer
      Then the hook shows "7/1", not optimistic
      And the hook's durable position is the position of the last event of "c-1"

  Rule: The hook drops what the conflict rules discard

    Scenario: The client's own events show at once, and a branch that conflicts is dropped
      Given counter "c-2" is created at 1 in the app and projected
      When the hook renders the counter view of "c-2" with the client's own event "l1 +4"
      Then the hook shows "5/1", optimistic with 1 pending events
      When the client's own event "l1 +4" claims the durable position
      Then the hook shows "1/0", not optimistic
      And the hook discarded "l1" as "conflict"

    Scenario: The hook rolls back by itself when events stay pending past the threshold
      Given counter "c-3" is created at 5 and incremented by 2 in the app
      When the hook renders the counter view of "c-3"
      And 29 s pass
      Then the hook shows "7/1", optimistic with 2 pending events
      When 1 more second passes
      Then the hook shows no state, not optimistic
      And the hook discarded the 2 events of "c-3" as "stale"
