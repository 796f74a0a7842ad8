Feature: Read models
  Six projections run from the event log through the ProjectionRuntime (the projections
  component and a Workpool), one or more of each category. Clients read view projections;
  reporting projections answer admins only; logic and integration projections are for server
  code. Catch-up readers see events once they are older than the store's settle window (5 s).

  Background:
    Given the shop stocks "kbd:5, mouse:2"
    And "ada" submitted an order "ord-1" with "kbd:2, mouse:1"
    And "bob" has a draft order "ord-2" with "kbd:1"

  Rule: Projections follow the log once events are past the settle window

    Scenario: Nothing is projected before the settle window, everything after
      When the projection dispatcher runs at once
      Then "ada" sees no orders yet
      When the projections catch up
      Then "ada" sees her orders "ord-1 submitted 110"

  Rule: View projections are open to clients, each row to whom it concerns

    Scenario: Each customer lists only their own orders
      When the projections catch up
      Then "ada" sees her orders "ord-1 submitted 110"
      And "bob" sees his orders "ord-2 draft 45"
      And an anonymous caller listing orders gets "UNAUTHORIZED"

    Scenario: The order detail joins the order and its reservation
      When the projections catch up
      Then "ada" sees order "ord-1" "submitted" with "kbd x 2, mouse x 1" and a "held" reservation
      And "sam" sees order "ord-1" "submitted" with "kbd x 2, mouse x 1" and a "held" reservation
      And "bob" sees no order "ord-1"

    Scenario: The order detail follows the reservation after a cancellation
      Given "ada" cancelled order "ord-1"
      When the background work runs
      Then "ada" sees order "ord-1" "cancelled" with "kbd x 2, mouse x 1" and a "released" reservation

    Scenario: Anyone sees the stock available
      When the projections catch up
      Then an anonymous caller sees the stock "kbd 5-2=3, mouse 2-1=1"

  Rule: Reporting projections answer admins only

    Scenario: The sales dashboard
      Given the background work confirmed order "ord-1"
      When the projections catch up
      Then "ann" sees the dashboard "created 2, submitted 1, confirmed 1, cancelled 0, revenue 110"
      And "sam" reading the dashboard gets "ADMIN_ROLE_REQUIRED"
      And a customer like "ada" is refused the dashboard with "ADMIN_ROLE_REQUIRED"

  Rule: Logic and integration projections serve server code only

    Scenario: The order-exists check answers server code and is never client-exposed
      When the projections catch up
      Then the order-exists check knows "ord-1, ord-2" and not "ord-3"
      And a client query of "orderExistence" is refused with "PROJECTION_NOT_CLIENT_EXPOSED"
      And a client query of the integration projection "shippingFeed" is refused the same way

    Scenario: Shipping follows submitted orders to confirmation or cancellation
      Given "bob" submitted order "ord-2"
      And "bob" cancelled order "ord-2"
      And the background work confirmed order "ord-1"
      When the projections catch up
      Then the shipping feed has "ord-1" "ready_to_ship" with "kbd x 2, mouse x 1"
      And the shipping feed has "ord-2" "cancelled" with "kbd x 1"

  Rule: The inventory CMS is what its events say

    Scenario: Folding the warehouse scope's virtual stream gives the CMS
      Given the background work confirmed order "ord-1"
      And "bob" submitted order "ord-2"
      Then the warehouse audit finds no difference between its history and its CMS
