Feature: Order decider
  An order is built as a draft, submitted, then confirmed or cancelled. Every command is
  decided by the pure order decider; the order status FSM guards each transition.

  Rule: A draft order collects items and keeps its total from the events

    Scenario: Items added and removed update the total
      Given a draft order "ord-1"
      When 2 "Keyboard" at 45 are added
      And 1 "Mouse" at 20 is added
      And the "Mouse" is removed
      Then the order total is 90
      And the order holds 1 item

    Scenario: A submitted order carries its items and total
      Given a draft order "ord-1" with 2 "Keyboard" at 45
      When the order is submitted at time 5000
      Then the events are "OrderSubmitted"
      And the order is "submitted" with a total of 90

    Scenario: A product is in an order once
      Given a draft order "ord-1" with 2 "Keyboard" at 45
      When 1 "Keyboard" at 45 is added again
      Then the order is rejected with "ITEM_ALREADY_IN_ORDER" naming "prod-keyboard"

  Rule: Stock decides with inventory's answer, and inventory's refusal is the order's

    Scenario: Inventory's refusal of the stock rejects the submission with its code and context
      Given a draft order "ord-1" with 2 "Keyboard" at 45
      When the order is submitted while inventory refuses with "INSUFFICIENT_STOCK" for "prod-keyboard"
      Then the order is rejected with "INSUFFICIENT_STOCK" naming "prod-keyboard"
      And the order is still "draft"

    Scenario: A submission without inventory's answer is refused
      Given a draft order "ord-1" with 2 "Keyboard" at 45
      When the order is submitted without asking inventory
      Then the order is rejected with "STOCK_NOT_CHECKED"

    Scenario: A confirmation takes inventory's refusal of the allocation
      Given an order that was submitted
      When the order is confirmed while inventory refuses with "RESERVATION_EXPIRED" for "prod-keyboard"
      Then the order is rejected with "RESERVATION_EXPIRED" naming "prod-keyboard"

    Scenario: A cancellation says which status the order left and its total
      Given an order that was submitted
      When the order is cancelled for "changed my mind"
      Then the cancellation left "submitted" with a total of 90

  Rule: Each command is accepted only in the right status

    Scenario Outline: Commands decided against each status
      Given an order that is "<status>"
      When the command "<command>" is decided
      Then the outcome is "<outcome>"

      Examples:
        | status    | command      | outcome                          |
        | draft     | SubmitOrder  | success                          |
        | draft     | ConfirmOrder | rejected:ORDER_NOT_SUBMITTED     |
        | draft     | CancelOrder  | success                          |
        | submitted | AddOrderItem | rejected:ORDER_NOT_IN_DRAFT      |
        | submitted | ConfirmOrder | success                          |
        | submitted | CancelOrder  | success                          |
        | confirmed | CancelOrder  | rejected:ORDER_ALREADY_CONFIRMED |
        | cancelled | CancelOrder  | rejected:ORDER_ALREADY_CANCELLED |
        | cancelled | SubmitOrder  | rejected:ORDER_NOT_IN_DRAFT      |

    Scenario: An empty order cannot be submitted
      Given a draft order "ord-2"
      When the order is submitted at time 5000
      Then the order is rejected with "ORDER_HAS_NO_ITEMS"

    Scenario: A confirmed order never goes back to draft
      Then the order status machine refuses "confirmed" to "draft" with "INVALID_TRANSITION"

  Rule: An order belongs to a registered customer, and its submission carries the customer

    Scenario: A customer the customers context does not know cannot create an order
      When order "ord-9" is created for "cust-9" whom the customers context does not know
      Then the order is rejected with "CUSTOMER_NOT_REGISTERED" naming customer "cust-9"

    Scenario: A submission without the customer is refused
      Given a draft order "ord-1" with 2 "Keyboard" at 45
      When the order is submitted with inventory's answer but no customer
      Then the order is rejected with "CUSTOMER_NOT_REGISTERED" naming customer "cust-1"

    Scenario: OrderSubmitted is a fat event carrying the customer as of the submission
      Given a draft order "ord-1" with 2 "Keyboard" at 45
      When the order is submitted at time 5000
      Then OrderSubmitted carries customer "Ada Lovelace" "ada@example.com" at snapshot version 1 captured at 5000
      And its personal fields are "customer.data.name, customer.data.email", shredded with the key of "customer.data.customerId"
