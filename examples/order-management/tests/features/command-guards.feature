Feature: Command guards
  Every command goes through the app's one CommandOrchestrator and its middleware: logging,
  payload validation, authorization from the caller the app resolves from ctx.auth, a rate
  limit per caller and command type (the rate limiter component), and for new orders a check of
  the orderExistence logic projection. A refusal is recorded as the command's rejected status.
  Only the app's commands and client read models are public.

  Background:
    Given the shop stocks "kbd:5"
    And "ada" has a draft order "ord-1" with "kbd:1"

  Rule: The middleware refuses what the caller may not do, and the refusal is recorded

    Scenario: An anonymous caller cannot create an order
      When an anonymous caller creates order "ord-9" as command "anon-1"
      Then command "anon-1" is rejected with "UNAUTHORIZED" and recorded so

    Scenario: A customer cannot change another customer's order
      When "bob" adds 1 "kbd" to order "ord-1" as command "bob-1"
      Then command "bob-1" is rejected with "FORBIDDEN" and recorded so
      And order "ord-1" still holds 1 item

    Scenario: Only staff manage the catalogue
      When "ada" creates product "cable" as command "ada-product"
      Then command "ada-product" is rejected with "FORBIDDEN" and recorded so

    Scenario: An invalid payload is refused with every problem named
      When "ada" adds 0 "kbd" to order "ord-1" as command "ada-zero"
      Then command "ada-zero" is rejected with "INVALID_COMMAND_PAYLOAD" and recorded so
      And the rejection names "item.quantity"

    Scenario: A caller over the rate limit is refused until the bucket refills
      When "ada" creates 21 orders in a row
      Then the last of them is rejected with "RATE_LIMITED" and says when to retry
      And after a minute "ada" can create an order again

  Rule: A new order may not take an order id already in use

    Scenario: Before the projections catch up, the orders context refuses the id
      When "bob" creates order "ord-1" as command "bob-create"
      Then command "bob-create" is rejected with "ORDER_ALREADY_EXISTS" saying "already exists"

    Scenario: Once projected, the orderExistence logic projection refuses it first
      Given the projections caught up
      When "bob" creates order "ord-1" as command "bob-create"
      Then command "bob-create" is rejected with "ORDER_ALREADY_EXISTS" saying "already in use"

  Rule: Client command ids are checked, and nothing test-only is public

    Scenario: A command id with a colon is refused before anything runs
      When "ada" submits order "ord-1" as command "x:reserve"
      Then the call fails with "INVALID_COMMAND_ID" and no command "x:reserve" was recorded

    Scenario: The public API is the app's commands and client read models
      Then the public functions are "customers.commands.registerCustomer, inventory.commands.addStock, inventory.commands.createProduct, orders.commands.addOrderItem, orders.commands.createOrder, orders.commands.removeOrderItem, orders.lifecycle.cancelOrder, orders.lifecycle.submitOrder, projections.orderDetailLive.orderDetailLive, projections.orderDetails.orderDetail, projections.orderSummaries.myOrders, projections.salesDashboard.dashboard, projections.stockAvailability.availableStock"
