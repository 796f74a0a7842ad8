Feature: Order fulfilment from the event log
  The app runs on its embedded runtime with its background work really running: the projections
  catch up past the settle window, the fulfilment relay publishes OrderSubmitted and
  OrderCancelled to the event bus, and the bus delivers them to the subscriber that starts the
  order's fulfilment saga (on @convex-dev/workflow) and to the reservation-release process
  manager. The command path enqueues nothing.

  Background:
    Given the shop stocks "kbd:5, mouse:2"
    And "ada" has a draft order "ord-1" with "kbd:2, mouse:1"

  Rule: The fulfilment saga confirms a submitted order and allocates its stock

    Scenario: A submitted order is confirmed by the saga and its reservation allocated
      Given "ada" submitted order "ord-1"
      When the background work runs
      Then order "ord-1" is "confirmed"
      And the warehouse holds "kbd: 3 on hand, 0 reserved; mouse: 1 on hand, 0 reserved"
      And the fulfilment saga of "ord-1" is "completed" after 1 attempt
      And the saga sent "confirmOrder, confirmReservation" for "ord-1", executed, caused by the submission
      And "ada" sees order "ord-1" "confirmed" with a "confirmed" reservation and the stock "kbd 3, mouse 1"

    Scenario: The saga compensates when the reservation expired before confirmation
      Given "ada" submitted order "ord-1"
      When 16 minutes pass
      And the background work runs
      Then order "ord-1" is "cancelled"
      And the warehouse holds "kbd: 5 on hand, 0 reserved; mouse: 2 on hand, 0 reserved"
      And the fulfilment saga of "ord-1" is "compensated" after step "confirmOrder" failed with "RESERVATION_EXPIRED"
      And "ada" sees order "ord-1" "cancelled" with a "released" reservation and the stock "kbd 5, mouse 2"

    Scenario: An order cancelled before its saga runs stays cancelled
      Given "ada" submitted order "ord-1"
      When "ada" cancels order "ord-1"
      And the background work runs
      Then order "ord-1" is "cancelled"
      And the fulfilment saga of "ord-1" is "compensated" after step "reserve" failed with "ORDER_NOT_SUBMITTED"
      And no command "orderFulfillment:ord-1:confirmOrder" was sent
      And the warehouse holds "kbd: 5 on hand, 0 reserved; mouse: 2 on hand, 0 reserved"

  Rule: The reservation-release process manager releases the stock of cancelled orders

    Scenario: Cancelling a submitted order releases its reservation through the process manager
      Given "ada" submitted order "ord-1"
      When "ada" cancels order "ord-1"
      And the background work runs
      Then the warehouse holds "kbd: 5 on hand, 0 reserved; mouse: 2 on hand, 0 reserved"
      And the reservationRelease instance of "ord-1" is "completed", released "ord-1" with 3 events
      And the process manager has no dead letters

    Scenario: Releasing a reservation that expired already is a no-op, not a dead letter
      Given "ada" submitted order "ord-1"
      When 16 minutes pass and the reservation expiry runs
      And "ada" cancels order "ord-1"
      And the background work runs
      Then the reservationRelease instance of "ord-1" is "completed", released "ord-1" with 0 events
      And the process manager has no dead letters
      And the warehouse holds "kbd: 5 on hand, 0 reserved; mouse: 2 on hand, 0 reserved"

    Scenario: Cancelling a draft sends no release
      When "ada" cancels order "ord-1"
      And the background work runs
      Then the reservationRelease instance of "ord-1" is "completed" and sent nothing
      And no fulfilment saga of "ord-1" started

  Rule: Events delivered again change nothing

    Scenario: A redelivered submission and a duplicate saga start change nothing
      Given "ada" submitted order "ord-1"
      And the background work ran
      When the OrderSubmitted of "ord-1" is delivered again to the saga's subscriber
      And the background work runs
      Then the fulfilment saga of "ord-1" is "completed" after 1 attempt
      And the event log holds 1 "OrderConfirmed" for "ord-1"
      And the warehouse holds "kbd: 3 on hand, 0 reserved; mouse: 1 on hand, 0 reserved"

    Scenario: A redelivered cancellation releases nothing more
      Given "ada" submitted order "ord-1"
      And "ada" cancelled order "ord-1"
      And the background work ran
      When the OrderCancelled of "ord-1" is delivered again to the process manager
      Then the process manager answers "duplicate"
      And the reservationRelease instance of "ord-1" is "completed", released "ord-1" with 3 events
      And the warehouse holds "kbd: 5 on hand, 0 reserved; mouse: 2 on hand, 0 reserved"
