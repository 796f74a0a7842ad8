Feature: Projection categories
  Every projection declares one of four categories when it is defined. The category fixes its
  characteristics, who may read it, and whether clients may subscribe to it reactively.

  Rule: Projections are classified into four distinct categories

    Scenario: There are exactly four categories
      Then the projection categories are "logic, view, reporting, integration"

    Scenario Outline: A projection belongs to exactly one category
      When the projection "<name>" is defined with category "<category>"
      Then it is a "<category>" projection and no other

      Examples:
        | name                   | category    |
        | orderExists            | logic       |
        | orderSummaries         | view        |
        | dailySalesReport       | reporting   |
        | orderStatusForShipping | integration |

  Rule: Categories determine projection characteristics

    Scenario Outline: Each category prescribes its characteristics
      Then the "<category>" category has cardinality "<cardinality>", freshness "<freshness>" and exposure "<exposure>"

      Examples:
        | category    | cardinality      | freshness      | exposure  |
        | logic       | minimal          | always-current | internal  |
        | view        | denormalized     | near-real-time | client    |
        | reporting   | aggregated       | eventual       | admin     |
        | integration | contract-defined | event-driven   | event-bus |

  Rule: Projections must declare explicit category

    Scenario: A projection without a category is refused
      When a projection "orderSummaries" is defined without a category
      Then the definition is refused with code "CATEGORY_REQUIRED"

    Scenario: A projection with an unknown category is refused
      When a projection "orderSummaries" is defined with category "ui"
      Then the definition is refused with code "INVALID_CATEGORY"
      And the refusal lists the four categories

  Rule: Category determines client exposure

    Scenario Outline: Who may read each category
      Given a "<category>" projection "<name>"
      When a caller with role "<role>" reads it
      Then the read is "<access>"

      Examples:
        | category    | name                   | role   | access                        |
        | view        | orderSummaries         | user   | allowed                       |
        | reporting   | dailySalesReport       | user   | refused:ADMIN_ROLE_REQUIRED   |
        | reporting   | dailySalesReport       | admin  | allowed                       |
        | logic       | orderExists            | admin  | refused:PROJECTION_NOT_CLIENT_EXPOSED |
        | integration | orderStatusForShipping | admin  | refused:PROJECTION_NOT_CLIENT_EXPOSED |

  Rule: Only View projections require reactive subscriptions

    Scenario Outline: Reactive subscriptions by category
      Given a "<category>" projection "<name>"
      When a client subscribes to it reactively
      Then the subscription is "<result>"

      Examples:
        | category    | name                   | result                              |
        | view        | orderSummaries         | allowed                             |
        | logic       | orderExists            | refused:SUBSCRIPTIONS_NOT_SUPPORTED |
        | reporting   | dailySalesReport       | refused:SUBSCRIPTIONS_NOT_SUPPORTED |
        | integration | orderStatusForShipping | refused:SUBSCRIPTIONS_NOT_SUPPORTED |

    Scenario: The refusal explains why
      Given a "reporting" projection "dailySalesReport"
      When a client subscribes to it reactively
      Then the refusal names "dailySalesReport", its category "reporting" and that only view projections support reactive subscriptions
