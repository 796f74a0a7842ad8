Feature: Saga orchestration
  Cross-BC operations (Order -> Inventory -> Shipping) cannot use one atomic transaction: each
  bounded context owns its data. A saga coordinates them step by step on @convex-dev/workflow,
  undoes the completed steps in reverse order when a later one fails, runs once per sagaId and
  has its status recorded by the workflow's onComplete in the app's sagas table.
  These scenarios run an order fulfilment app under convex-test with the real workflow
  component: the app hosts the orders context and runs the saga; inventory, payments and
  shipping are bounded contexts installed as components, each with its own database. The saga
  reserves stock, waits for a payment authorization when the order needs one, charges the card
  through a payment gateway (an action), confirms the order and schedules the shipment. Each
  step writes the effect it had (`context:action`) in the same transaction as the effect.

  Background:
    Given the fulfilment app with 10 units of "sku-1" in stock

  Rule: Sagas orchestrate operations across multiple bounded contexts

    Scenario: An order is fulfilled across the inventory, payments, orders and shipping contexts
      When order "o-1" for 2 units of "sku-1" at 30 to "Paris" is placed and the background work runs
      Then the saga of order "o-1" is "completed"
      And the effects of order "o-1" are "inventory:reserve, payments:capture, orders:confirm, shipping:schedule"
      And the inventory context holds 8 units of "sku-1" and a "reserved" reservation for order "o-1"
      And the payments context holds a "captured" payment of 30 for order "o-1"
      And order "o-1" is "confirmed"
      And the shipping context holds a shipment of order "o-1" to "Paris"

    Scenario: Each bounded context keeps its data in its own database
      Then the app's own tables are "sagas, orders, effects, gatewayCalls, gatewayOutages"
      And the inventory context's tables are "stock, reservations"
      And the payments context's tables are "payments, refundSuspensions"
      And the shipping context's tables are "shipments"

  Rule: @convex-dev/workflow provides durability across server restarts

    Scenario: A saga waits days for the payment authorization and resumes when it arrives
      When order "o-2" for 1 unit of "sku-1" at 20 to "Lyon", needing a payment authorization, is placed and the background work runs
      Then the saga of order "o-2" is "running", its workflow waiting on "paymentAuthorized"
      And the effects of order "o-2" are "inventory:reserve"
      When 3 days pass
      And the payment of order "o-2" is authorized and the background work runs
      Then the saga of order "o-2" is "completed"
      And the effects of order "o-2" are "inventory:reserve, payments:capture, orders:confirm, shipping:schedule"

    Scenario: An authorization sent before the saga waits for it is not lost
      When order "o-3" for 1 unit of "sku-1" at 20 to "Lyon", needing a payment authorization, is placed
      And the payment of order "o-3" is authorized at once
      And the background work runs
      Then the saga of order "o-3" is "completed"
      And the effects of order "o-3" are "inventory:reserve, payments:capture, orders:confirm, shipping:schedule"

    Scenario: A gateway call lost to an outage is run again, and the card is charged once
      Given the payment gateway fails its next 2 calls
      When order "o-4" for 1 unit of "sku-1" at 20 to "Lyon" is placed and the background work runs
      Then the gateway calls for order "o-4" were "unreachable, unreachable, reached"
      And the payments context holds a "captured" payment of 20 for order "o-4"
      And the saga of order "o-4" is "completed"

    Scenario: The saga resumes from its journal: every step's effect happens once
      When order "o-5" for 1 unit of "sku-1" at 20 to "Lyon" is placed and the background work runs
      Then the journal of order "o-5" reads "reserveInventory:success, chargePayment:success, confirmOrder:success, scheduleShipment:success"
      And the effects of order "o-5" are "inventory:reserve, payments:capture, orders:confirm, shipping:schedule"

  Rule: Compensation reverses partial operations on failure

    Scenario: A shipment no carrier can make undoes the order, the payment and the reservation, newest first
      When order "o-6" for 2 units of "sku-1" at 30 to "Atlantis" is placed and the background work runs
      Then the saga of order "o-6" is "compensated" after step "scheduleShipment" failed with "no carrier delivers to Atlantis"
      And the effects of order "o-6" are "inventory:reserve, payments:capture, orders:confirm, orders:cancel, payments:refund, inventory:release"
      And the inventory context holds 10 units of "sku-1" and a "released" reservation for order "o-6"
      And the payments context holds a "refunded" payment of 30 for order "o-6"
      And order "o-6" is "canceled"
      And the shipping context holds no shipment of order "o-6"

    Scenario Outline: <step> is compensated by its own undo
      When order "o-7" for 2 units of "sku-1" at 30 to "Atlantis" is placed and the background work runs
      Then the effect "<success action>" of step "<step>" of order "o-7" was undone by "<compensation>"

      Examples:
        | step             | success action    | compensation      |
        | reserveInventory | inventory:reserve | inventory:release |
        | chargePayment    | payments:capture  | payments:refund   |
        | confirmOrder     | orders:confirm    | orders:cancel     |

    Scenario Outline: A failure at any step undoes exactly the steps completed before it
      When order "o-8" for <units> units of "sku-1" at <amount> to "<address>" is placed, <authorization>, and the background work runs
      Then the saga of order "o-8" is compensated after step "<failed step>" failed
      And the effects of order "o-8" are exactly "<effects>"
      And the inventory context holds 10 units of "sku-1"

      Examples:
        | units | amount | address  | authorization            | failed step      | effects                                                                                               |
        | 50    | 30     | Paris    | paid by card on file     | reserveInventory |                                                                                                       |
        | 2     | 30     | Paris    | its authorization denied | authorizePayment | inventory:reserve, inventory:release                                                                  |
        | 2     | 5000   | Paris    | paid by card on file     | chargePayment    | inventory:reserve, inventory:release                                                                  |
        | 2     | 30     | Atlantis | paid by card on file     | scheduleShipment | inventory:reserve, payments:capture, orders:confirm, orders:cancel, payments:refund, inventory:release |

    Scenario: A compensation that fails stops the saga for an operator, and a retry finishes the undo
      Given the payments context suspends refunds because "the bank is offline"
      When order "o-9" for 2 units of "sku-1" at 30 to "Atlantis" is placed and the background work runs
      Then the saga of order "o-9" is "failed"
      And its error says "SAGA_COMPENSATION_FAILED" and "refunds are suspended (the bank is offline)"
      And the effects of order "o-9" are "inventory:reserve, payments:capture, orders:confirm, orders:cancel"
      When the payments context resumes refunds
      And an operator retries the saga of order "o-9" and the background work runs
      Then the saga of order "o-9" is "compensated"
      And the effects of order "o-9" are "inventory:reserve, payments:capture, orders:confirm, orders:cancel, payments:refund, inventory:release"
      And the saga of order "o-9" ran 2 attempts

  Rule: Saga idempotency prevents duplicate workflows via sagaId

    Scenario: An order placed twice starts one saga and one workflow
      When order "o-10" for 2 units of "sku-1" at 30 to "Paris" is placed
      And order "o-10" is placed again
      Then the second placement started nothing and answered the first saga
      When the background work runs
      Then the app holds 1 saga and the workflow component 1 workflow
      And the effects of order "o-10" are "inventory:reserve, payments:capture, orders:confirm, shipping:schedule"
      And the inventory context holds 8 units of "sku-1" and a "reserved" reservation for order "o-10"

    Scenario: A saga that ended is not started again by its sagaId
      When order "o-11" for 2 units of "sku-1" at 30 to "Paris" is placed and the background work runs
      And order "o-11" is placed again and the background work runs
      Then the second placement answered the "completed" saga of the first
      And the effects of order "o-11" are "inventory:reserve, payments:capture, orders:confirm, shipping:schedule"

    Scenario: Each order gets its own saga
      When order "o-12" for 1 unit of "sku-1" at 20 to "Lyon" is placed and the background work runs
      And order "o-13" for 1 unit of "sku-1" at 20 to "Lyon" is placed and the background work runs
      Then the app holds 2 sagas and the workflow component 2 workflows
      And the inventory context holds 8 units of "sku-1"

  Rule: Saga status is updated via onComplete callback, not inside workflow

    Scenario: The workflow carries the saga's key for its onComplete
      When order "o-14" for 1 unit of "sku-1" at 20 to "Lyon" is placed
      Then the workflow of order "o-14" will call the app's onComplete with the context "orderFulfillment" "o-14"

    Scenario: While the workflow runs, the saga's record does not change
      When order "o-15" for 1 unit of "sku-1" at 20 to "Lyon", needing a payment authorization, is placed and the background work runs
      Then the effects of order "o-15" are "inventory:reserve"
      And the saga of order "o-15" is still what placing the order returned

    Scenario Outline: The onComplete records how the workflow ended
      When order "o-16" ends by <ending>
      Then the saga of order "o-16" is "<status>", completed at its last update

      Examples:
        | ending                                     | status      |
        | being fulfilled                            | completed   |
        | a shipment to Atlantis                     | compensated |
        | a shipment to Atlantis with refunds down   | failed      |
        | an operator canceling it while it waits    | canceled    |
