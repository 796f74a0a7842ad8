Feature: Order lifecycle with stock reservations
  The app runs on its embedded runtime (convex-test, every component real). Submitting an order
  reserves the stock of all its items with one inventory command over the warehouse scope (a
  Dynamic Consistency Boundary): every line is reserved in one scope commit, or none is and the
  submission is rejected naming the short products. Cancelling changes only the order (the
  release of its stock, like the confirmation, is background work fed from the event log: see
  fulfilment.feature), and reservations nobody confirms expire.

  Background:
    Given the shop stocks "kbd:5, mouse:2"
    And "ada" has a draft order "ord-1" with "kbd:2, mouse:1"

  Rule: Submitting reserves the stock of every item in one scope commit, or nothing

    Scenario: A submitted order holds the stock of all its items
      When "ada" submits order "ord-1" as command "submit-1"
      Then the command is executed
      And the warehouse holds "kbd: 5 on hand, 2 reserved; mouse: 2 on hand, 1 reserved"
      And the last commit to the warehouse scope holds "StockReserved kbd, StockReserved mouse, ReservationPlaced ord-1" at one version
      And command "submit-1:reserve" is recorded "executed", caused by "submit-1"

    Scenario: Short stock rejects the submission, names the product and reserves nothing
      Given "bob" has a draft order "ord-2" with "kbd:1, mouse:3"
      When "bob" submits order "ord-2" as command "submit-2"
      Then the command is rejected with "INSUFFICIENT_STOCK" because "mouse" has 2 of 3 requested
      And order "ord-2" is still "draft"
      And the warehouse holds "kbd: 5 on hand, 0 reserved; mouse: 2 on hand, 0 reserved"
      And command "submit-2" is recorded "rejected" and "submit-2:reserve" was never sent

    Scenario: Two orders want the last units: the second one is rejected
      Given "bob" has a draft order "ord-2" with "mouse:2"
      When "ada" submits order "ord-1" as command "submit-1"
      And "bob" submits order "ord-2" as command "submit-2"
      Then the command is rejected with "INSUFFICIENT_STOCK" because "mouse" has 1 of 2 requested
      And the warehouse holds "kbd: 5 on hand, 2 reserved; mouse: 2 on hand, 1 reserved"

  Rule: Cancelling changes only the order; a confirmed order stays confirmed

    Scenario: Cancelling a submitted order leaves the release to the process manager
      Given "ada" submitted order "ord-1"
      When "ada" cancels order "ord-1" as command "cancel-1"
      Then the command is executed
      And command "cancel-1" is recorded "executed" and "cancel-1:release" was never sent
      And the warehouse holds "kbd: 5 on hand, 2 reserved; mouse: 2 on hand, 1 reserved"

    Scenario: Cancelling a draft releases nothing
      When "ada" cancels order "ord-1" as command "cancel-1"
      Then the command is executed
      And command "cancel-1" is recorded "executed" and "cancel-1:release" was never sent

    Scenario: A confirmed order cannot be cancelled
      Given "ada" submitted order "ord-1"
      And the background work confirmed order "ord-1"
      When "ada" cancels order "ord-1" as command "cancel-1"
      Then the command is rejected with "ORDER_ALREADY_CONFIRMED"
      And the warehouse holds "kbd: 3 on hand, 0 reserved; mouse: 1 on hand, 0 reserved"

  Rule: Reservations nobody confirms expire and release their stock

    Scenario: The expiry cron target expires a reservation past its time
      Given "ada" submitted order "ord-1"
      When 16 minutes pass and the reservation expiry runs
      Then it expired 1 reservation as the system
      And the warehouse holds "kbd: 5 on hand, 0 reserved; mouse: 2 on hand, 0 reserved"
      And order "ord-1" is still "submitted"

    Scenario: Nothing due, nothing done
      Given "ada" submitted order "ord-1"
      When the reservation expiry runs
      Then it found nothing to expire

  Rule: A command sent twice runs once

    Scenario: A duplicate submission returns the stored result and reserves nothing more
      When "ada" submits order "ord-1" as command "submit-1"
      And "ada" submits order "ord-1" as command "submit-1" again
      Then the second outcome is the first one, marked as a duplicate
      And the warehouse holds "kbd: 5 on hand, 2 reserved; mouse: 2 on hand, 1 reserved"

    Scenario: A command id reused for another command is refused
      Given "ada" has a draft order "ord-3" with "kbd:1"
      When "ada" submits order "ord-1" as command "submit-1"
      And "ada" submits order "ord-3" as command "submit-1" again
      Then the error is "COMMAND_ID_REUSED"
      And order "ord-3" is still "draft"
