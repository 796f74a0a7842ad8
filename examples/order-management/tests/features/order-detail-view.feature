Feature: Order detail view
  The order detail is a reactive projection. Its durable read model is written by the
  projection jobs through the shared evolve; the live query gives the browser that read model,
  the position its partition reached and the order's events after it (the order's stream and
  its reservation's), which the browser applies through the same evolve at once.

  Background:
    Given the shop stocks "kbd:5, mouse:2"
    And "ada" submitted an order "ord-1" with "kbd:2, mouse:1"
    And "bob" has a draft order "ord-2" with "kbd:1"

  Rule: The durable detail is the shared evolve's fold of the order's events

    Scenario: After catch-up the read model is the fold of the order's and its reservation's events
      Given "ada" cancelled order "ord-1"
      When the background work has run: the projections, then the process manager's release
      Then the "ord-1" read model equals the fold of its two streams' events with the shared evolve
      And the "ord-1" read model reads "ada: cancelled, kbd x 2, mouse x 1 = 110, reservation released"
      And "ada" sees the same detail through the order detail query

  Rule: The live query returns the events the durable projection has not applied yet

    Scenario: Before catch-up every event of the order and its reservation is pending
      When "ada" reads the live detail of "ord-1"
      Then the live answer has no durable state, at position 0
      And its pending events are "OrderCreated, OrderItemAdded, OrderItemAdded, OrderSubmitted, ReservationPlaced", in position order
      And applying them with the shared evolve shows "ada: submitted, kbd x 2, mouse x 1 = 110, reservation held"

    Scenario: After catch-up only the newer events are pending, until the projection applies them
      Given the projections caught up
      And the fulfilment saga confirmed order "ord-1"
      When "ada" reads the live detail of "ord-1"
      Then the live answer's durable state reads "ada: submitted, kbd x 2, mouse x 1 = 110, reservation held"
      And its durable position is the checkpoint of the order's partition
      And its pending events are "OrderConfirmed, ReservationConfirmed", in position order
      And applying them with the shared evolve shows "ada: confirmed, kbd x 2, mouse x 1 = 110, reservation confirmed"
      When the projections catch up
      And "ada" reads the live detail of "ord-1" once more
      Then no event is pending and the durable state reads "ada: confirmed, kbd x 2, mouse x 1 = 110, reservation confirmed"

    Scenario: A customer reads their own orders, staff read all, anyone else gets nothing
      When "sam" reads the live detail of "ord-1"
      Then its pending events are "OrderCreated, OrderItemAdded, OrderItemAdded, OrderSubmitted, ReservationPlaced", in position order
      And "bob" reading the live detail of "ord-1" gets an empty answer
      And an anonymous caller reading the live detail of "ord-1" gets an empty answer
      And "ada" reading the live detail of "ord-404" gets an empty answer

    Scenario: Events of other orders and other tenants never appear
      Given a stream "Order/ord-9" of the tenant "elsewhere" says "ada" created it
      When "bob" reads the live detail of "ord-2"
      Then every pending event belongs to "ord-2"
      And its pending events are "OrderCreated, OrderItemAdded", in position order
      And "ada" reading the live detail of "ord-9" is refused with "TENANT_MISMATCH"

    Scenario: More pending events than the limit are answered with a prefix
      Given "ada" has a draft order "ord-3" with 50 items
      When "ada" reads the live detail of "ord-3"
      Then its pending events are the first 50 of "ord-3" and more are announced

  Rule: The two streams' pages merge into a prefix of the order's events

    Scenario: A stream cut short by the limit cuts the merge at its last event
      Given the order stream's page has events at positions "1, 3, 5" and more follow
      And the reservation stream's page has events at positions "2, 6"
      When the two pages merge with a limit of 50
      Then the merged events are at positions "1, 2, 3, 5" and more are announced

    Scenario: The merge keeps the limit over both streams
      Given the order stream's page has events at positions "1, 4" and no more
      And the reservation stream's page has events at positions "2, 3" and no more
      When the two pages merge with a limit of 3
      Then the merged events are at positions "1, 2, 3" and more are announced
