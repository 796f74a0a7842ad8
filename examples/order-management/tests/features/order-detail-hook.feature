Feature: useOrderDetail
  The order detail page's hook subscribes to the live order detail query and merges the
  durable read model with the events it lacks, and with the client's own optimistic events,
  through the shared evolve. It renders with @testing-library/react in a DOM made by happy-dom,
  under a ConvexProvider whose client answers from the embedded app.

  Background:
    Given the shop stocks "kbd:5, mouse:2"
    And "ada" submitted an order "ord-1" with "kbd:2, mouse:1" and the projections caught up

  Rule: The hook shows the durable detail merged with newer events at once

    Scenario: While the query loads the hook has no detail
      When "ada" renders the order detail of "ord-1" before the query answers
      Then the hook is loading, with no detail and 0 pending events

    Scenario: Events the durable projection has not applied show at once
      Given the fulfilment saga confirmed order "ord-1"
      When "ada" renders the order detail of "ord-1"
      Then the hook shows "confirmed, reservation confirmed", optimistic with 2 pending events
      And the hook's durable position is that of the answer
      When the projections catch up and the query answers again
      Then the hook shows "confirmed, reservation confirmed", not optimistic

  Rule: The hook drops what the conflict rules discard

    Scenario: The client's own event shows at once, and a conflicting branch is dropped
      Given the background work has run, the saga's events projected too
      When "ada" renders the order detail of "ord-1" with her own "OrderCancelled" event
      Then the hook shows "cancelled, reservation confirmed", optimistic with 1 pending events
      When her own event claims the position the durable projection holds
      Then the hook shows "confirmed, reservation confirmed", not optimistic
      And the hook discarded her own event as "conflict"

    Scenario: Pending events roll back to the durable detail after 30 seconds
      Given the fulfilment saga confirmed order "ord-1"
      When "ada" renders the order detail of "ord-1"
      And 29 s pass
      Then the hook shows "confirmed, reservation confirmed", optimistic with 2 pending events
      When 1 more second passes
      Then the hook shows "submitted, reservation held", not optimistic
      And the hook discarded the 2 pending events as "stale"
