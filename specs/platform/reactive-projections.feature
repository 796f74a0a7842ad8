Feature: Reactive projections
  Durable projections run from the event log in Workpool jobs and lag a command by the store's
  settle window plus the dispatch interval. A reactive view closes that gap on the client: a
  query returns the durable read model, the durable position of its partition and the events
  after it, and the client applies them through the same evolve the durable projection runs,
  keeping, discarding or rolling back optimistic events by the conflict rules.

  Rule: Hybrid model combines durability with speed

    Scenario: A new event shows at once and becomes durable when the projection runs
      Given the reactive counter app with a real Workpool
      And counter "c-1" is created at 5 and incremented by 2
      When the client reads the reactive view of "c-1" before the events settle
      Then the durable state is empty at durable position 0
      And the 2 events of "c-1" come back after the durable position
      And the merged view shows "7/1" ahead of the durable state with 2 pending events
      When the events settle, are dispatched and the Workpool runs the catch-up job
      And the client reads the reactive view of "c-1" again
      Then the durable state is "7/1" at the position of the last event of "c-1"
      And no event comes back after the durable position
      And the merged view shows "7/1" from the durable state alone

  Rule: Shared evolve logic runs on client and server

    Scenario: The durable read model equals the client's fold of the same events
      Given the reactive counter app with a real Workpool
      And counter "c-2" is created at 3 and incremented by 4 and by 5
      When the client folds the events of the reactive view of "c-2" with the shared evolve
      And the events settle, are dispatched and the Workpool runs the catch-up jobs
      Then the durable read model of "c-2" is "12/2", the same as the client's fold

    Scenario Outline: evolve maps a state and an event to the next state
      When the shared evolve applies "<event>" to "<state>"
      Then the next state is "<next>"

      Examples:
        | state | event          | next |
        | 0/0   | e1 start 5 @10 | 5/0  |
        | 5/0   | e2 +2 @20      | 7/1  |
        | 7/1   | e3 +3          | 10/2 |

  Rule: Conflict detection triggers rollback

    Scenario: Optimistic events ahead of durable merge with the durable base
      Given the durable state "5/0" at position 10, holding event "e1"
      And the events after it "e1 start 5 @10, e2 +2 @20"
      When the client merges them
      Then the merged state is "7/1" with 1 pending event and nothing discarded

    Scenario: A conflicting branch of optimistic events is discarded
      Given the durable state "5/0" at position 10, holding event "e1"
      And the events after it "e2 +2 @20"
      And the client's own optimistic events "l1 +4 @20, l2 +1"
      When the client merges them
      Then the merged state is "7/1" with 1 pending event
      And "l1, l2" are discarded as "conflict"

    Scenario: Optimistic events older than the 30 s stale threshold roll back to durable
      Given the durable state "5/0" at position 10, holding event "e1"
      And the events after it "e2 +2 @20"
      And the client first saw "e2" 30 s ago
      When the client merges them
      Then the merged state is "5/0" with 0 pending events
      And "e2" are discarded as "stale"

  Rule: Only View projections need reactive layer

    Scenario Outline: Only view projections are reactive eligible
      When a "<category>" projection is made reactive
      Then the reactive definition is "<outcome>"

      Examples:
        | category    | outcome                              |
        | view        | allowed                              |
        | logic       | refused:SUBSCRIPTIONS_NOT_SUPPORTED  |
        | reporting   | refused:SUBSCRIPTIONS_NOT_SUPPORTED  |
        | integration | refused:SUBSCRIPTIONS_NOT_SUPPORTED  |

  Rule: useReactiveProjection merges durable and optimistic state

    Scenario: The hook returns the merged state, isOptimistic, durablePosition and pendingEvents
      Given the reactive counter app with a real Workpool
      And counter "c-3" is created at 1, projected, and then incremented by 2
      When the hook renders the reactive view of "c-3" with the client's own event "l1 +4"
      Then the hook returns state "7/2", isOptimistic true and 2 pending events
      And the hook's durablePosition is the position of the first event of "c-3"

    Scenario: Without pending events the hook returns the durable state
      Given the reactive counter app with a real Workpool
      And counter "c-4" is created at 3 and projected
      When the hook renders the reactive view of "c-4"
      Then the hook returns state "3/0", isOptimistic false and 0 pending events
