Feature: Reactive projections
  A view projection can be made reactive: one pure evolve builds the durable read model on the
  server and runs on clients over the events the durable read model has not applied yet. The
  reactive query returns the durable state, the partition's durable position and the stream's
  events after it; the merge applies them, discards a conflicting client branch and rolls back
  events that stay pending too long.

  Rule: Only a view projection with an evolve can be reactive

    Scenario: A view projection becomes reactive
      When the counterView view projection is made reactive
      Then the reactive projection subscribes to "CounterCreated, CounterIncremented" and not to "CounterRenamed"
      And its initial state is "0/0"

    Scenario Outline: Projections of other categories are refused
      When a "<category>" projection is made reactive
      Then it is refused with SUBSCRIPTIONS_NOT_SUPPORTED naming the "<category>" category

      Examples:
        | category    |
        | logic       |
        | reporting   |
        | integration |

    Scenario: A malformed reactive projection lists every problem
      When a reactive projection is defined without a projection, an initial state or an evolve
      Then it is refused with 3 INVALID_REACTIVE_PROJECTION problems

  Rule: The durable handlers are made from the same evolve

    Scenario: The handlers save what evolve computes
      Given the durable handlers of counterView over an in-memory row
      When the stored events "e1 start 5 @10, e2 +2 @20, e3 +3 @30" are applied through the handlers
      Then the saved state is "10/2"
      And folding the same events with evolve on the client gives "10/2"

    Scenario: Handlers need a load and a save
      When durable handlers are made without a save
      Then the handlers are refused with INVALID_REACTIVE_PROJECTION naming "save"

  Rule: The reactive query returns the events after the durable position

    Background:
      Given the reactive counter app with a real Workpool

    Scenario: Before the projection runs, every event of the stream is after the durable position
      Given counter "c-1" is created at 5 and incremented by 2
      When the client reads the counter view of "c-1"
      Then the durable state is "none" at position 0
      And the events returned are the 2 events of "c-1" in stream order
      And server code reading the recent events of "c-1" gets the same answer

    Scenario: After the projection runs, the durable position holds the last event
      Given counter "c-1" is created at 5 and incremented by 2
      When the events settle and the projection runs
      And the client reads the counter view of "c-1"
      Then the durable state is "7/1" at the position of the last event of "c-1"
      And no event is returned
      When counter "c-1" is incremented by 3 afterwards
      And the client reads the counter view of "c-1" again
      Then the durable state is "7/1" at the position of event 2 of "c-1"
      And the events returned are event 3 of "c-1"

    Scenario: Events the projection does not subscribe to are left out
      Given counter "c-2" is created at 1 and renamed
      When the client reads the counter view of "c-2"
      Then the events returned are event 1 of "c-2"

    Scenario: A long stream is searched from its tail, and the answer is bounded
      Given counter "c-3" gets 40 events that settle and are projected
      And counter "c-3" gets 60 more events
      When the client reads the counter view of "c-3"
      Then the events returned are events 41 to 90 of "c-3"
      And more events are waiting

    Scenario: A tenant's counter is read with the tenant of the caller's identity
      Given counter "c-4" of tenant "t-1" is created at 2
      When a caller of tenant "t-1" reads the counter view of "c-4"
      Then the events returned are event 1 of "c-4"
      When a caller without tenant reads the counter view of "c-4"
      Then the read is refused with "TENANT_MISMATCH"

    Scenario: A reactive query definition is checked when it is made
      When a reactive query is defined with limit 0
      Then the query is refused with INVALID_REACTIVE_QUERY naming "limit"

  Rule: The merge applies optimistic events on the durable base by the conflict rules

    Scenario: Optimistic events ahead of durable merge on the durable base
      Given the durable state "5/0" at position 10 with event "e1"
      And the committed events "e1 start 5 @10, e2 +2 @20, e3 +3 @30"
      When the client merges at 0 s
      Then the merged state is "10/2" with 2 pending events
      And the merge is optimistic at durable position 10

    Scenario: A client event the store confirmed counts once
      Given the durable state "5/0" at position 10 with event "e1"
      And the committed events "e2 +2 @20"
      And the client's own events "e2 +2 @20, l1 +4"
      When the client merges at 0 s
      Then the merged state is "11/2" with 2 pending events

    Scenario: A client event at a position the store gave to another event discards the client branch
      Given the durable state "5/0" at position 10 with event "e1"
      And the committed events "e2 +2 @20"
      And the client's own events "l1 +4 @20, l2 +1"
      When the client merges at 0 s
      Then the merged state is "7/1" with 1 pending events
      And "l1, l2" were discarded as "conflict"

    Scenario: A client event that claims the durable checkpoint's position is a conflict
      Given the durable state "5/0" at position 10 with event "e1"
      And the committed events "none"
      And the client's own events "l1 +4 @10"
      When the client merges at 0 s
      Then the merged state is "5/0" with 0 pending events
      And "l1" were discarded as "conflict"

    Scenario: Optimistic events still pending after the stale threshold roll back
      Given the durable state "5/0" at position 10 with event "e1"
      And the committed events "e2 +2 @20"
      And the client first saw "e2" 30 s before
      When the client merges at 0 s
      Then the merged state is "5/0" with 0 pending events
      And "e2" were discarded as "stale"
      And the merge is not optimistic

    Scenario: Below the threshold the events stay, with the time they turn stale
      Given the durable state "5/0" at position 10 with event "e1"
      And the committed events "e2 +2 @20"
      And the client first saw "e2" 29 s before
      When the client merges at 0 s
      Then the merged state is "7/1" with 1 pending events
      And the merge turns stale in 1 s

    Scenario: A threshold of its own, and a threshold that is not one
      Given the durable state "5/0" at position 10 with event "e1"
      And the committed events "e2 +2 @20"
      And the client first saw "e2" 6 s before
      When the client merges at 0 s with a stale threshold of 5 s
      Then the merged state is "5/0" with 0 pending events
      When the client merges with a stale threshold of -1 ms
      Then the merge is refused with INVALID_STALE_THRESHOLD

    Scenario: Without a durable row the events fold from the initial state
      Given the durable state "none" at position 0 with no event
      And the committed events "e1 start 3 @10, e9 renamed @15, e2 +1 @20"
      When the client merges at 0 s
      Then the merged state is "4/1" with 2 pending events

    Scenario: Nothing is merged while the query loads
      Given the reactive query has not answered yet
      When the client merges at 0 s
      Then the merged state is "none" with 0 pending events
      And the merge is not optimistic
