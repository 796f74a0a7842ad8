Feature: Projection registry
  defineProjectionRegistry gathers the projections of an app or a context so that the runtime
  can find them by name, by category and by the event types they subscribe to. Each projection
  is registered once.

  Background:
    Given a registry of the orders projections "orderExists, orderSummary, dailySalesReport, orderStatusForShipping"

  Rule: The registry finds projections by name, category and event type

    Scenario: Projections are listed in registration order and found by name
      Then the registry has 4 projections named "orderExists, orderSummary, dailySalesReport, orderStatusForShipping"
      And "orderSummary" is found by name and "shipments" is not

    Scenario Outline: Projections are listed by category
      Then the <category> projections are "<names>"

      Examples:
        | category    | names                  |
        | logic       | orderExists            |
        | view        | orderSummary           |
        | reporting   | dailySalesReport       |
        | integration | orderStatusForShipping |

    Scenario Outline: Projections are listed by the event types they subscribe to
      Then the projections of "<eventType>" are "<names>"

      Examples:
        | eventType      | names                                                   |
        | OrderCreated   | orderExists, orderSummary                               |
        | OrderSubmitted | orderSummary, dailySalesReport, orderStatusForShipping  |
        | OrderShipped   |                                                         |

    Scenario: The registry lists every subscribed event type once
      Then the registry's event types are "OrderCreated, OrderSubmitted, OrderCancelled"
      And the registry and its lists are frozen

  Rule: A registry refuses duplicate names and entries that are not projections

    Scenario: Two projections with one name are refused
      When a registry is built from the orders projections "orderSummary, orderExists, orderSummary"
      Then it is refused with the single problem 'DUPLICATE_PROJECTION_NAME: projection name "orderSummary" is registered twice (entries 0 and 2): expected one projection per name'

    Scenario: An entry that was not made by defineProjection is refused
      When a registry is built from the orders view projection and a plain object without a category
      Then it is refused with the single problem 'INVALID_DEFINITION: entry 1 is not a projection made by defineProjection (got an object)'

    Scenario: An entry edited after definition is checked again
      When a registry is built from a copy of the orders view projection whose category was changed to "cache"
      Then it is refused with the single problem 'INVALID_CATEGORY: entry 0: category must be one of "logic", "view", "reporting", "integration" (got "cache")'

    Scenario: A registry needs an array
      When a registry is built from the orders view projection itself instead of an array
      Then it is refused with the single problem 'INVALID_LIST: the registry takes an array of projections made by defineProjection (got an object)'
