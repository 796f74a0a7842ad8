Feature: Projection categories
  Every projection belongs to exactly one of four categories: logic (minimal data for command
  validation), view (denormalized for UI queries), reporting (analytics and aggregations) and
  integration (cross-context synchronization through the event bus). The category is declared
  when the projection is defined and fixes its characteristics: who may read it and whether it
  may be subscribed to reactively.

  Rule: Projections must declare an explicit, known category

    Scenario: A projection without a category is refused with CATEGORY_REQUIRED
      Given a valid view projection definition without its category
      When the projection is defined
      Then it is refused with the single problem 'CATEGORY_REQUIRED: category is required: one of "logic", "view", "reporting", "integration"'

    Scenario Outline: A category outside the four is refused with INVALID_CATEGORY
      Given a valid view projection definition with category <category>
      When the projection is defined
      Then it is refused with the single problem 'INVALID_CATEGORY: category must be one of "logic", "view", "reporting", "integration" (got <got>)'

      Examples:
        | category | got        |
        | "ui"     | "ui"       |
        | "View"   | "View"     |
        | 1        | number 1   |

    Scenario: The category problem comes first among several
      Given a valid view projection definition with these fields:
        | field              | value           |
        | category           | "cache"         |
        | eventSubscriptions | []              |
        | targetTable        | "order-summary" |
      When the projection is defined
      Then it is refused with code "INVALID_CATEGORY" and the problems:
        | problem                                                                                                                                                                 |
        | INVALID_CATEGORY: category must be one of "logic", "view", "reporting", "integration" (got "cache")                                                                     |
        | INVALID_NAME: targetTable must be a Convex identifier (a letter, then letters, digits or underscores) such as "orderSummaries" (got "order-summary"; did you mean "orderSummary"?) |
        | EMPTY_LIST: eventSubscriptions is empty: expected at least one entry, such as "OrderSubmitted"                                                                          |

    Scenario Outline: The other fields of a projection are checked too
      Given a valid view projection definition with <field> set to <value>
      When the projection is defined
      Then it is refused with the single problem '<problem>'

      Examples:
        | field              | value                              | problem                                                                                                                                  |
        | projectionName     | "OrderSummary"                     | INVALID_NAME: projectionName must be a camelCase identifier such as "orderSummary" (got "OrderSummary"; did you mean "orderSummary"?)    |
        | description        | null                               | MISSING_FIELD: description is required: a non-empty sentence saying what it is for                                                     |
        | eventSubscriptions | ["OrderCreated", "OrderCreated"]   | DUPLICATE_ENTRY: eventSubscriptions lists "OrderCreated" more than once                                                                  |
        | partitionKeyField  | "_id"                              | INVALID_NAME: partitionKeyField must be a Convex identifier (a letter, then letters, digits or underscores) such as "orderId" (got "_id"; did you mean "id"?) |
        | context            | null                               | MISSING_FIELD: context is required: a camelCase identifier such as "orders"                                                             |
        | secondaryTables    | "orderLines"                       | INVALID_LIST: secondaryTables must be an array of Convex identifiers (a letter, then letters, digits or underscores) such as ["orderSummaries"] (got "orderLines") |
        | reactive           | true                               | UNKNOWN_FIELD: reactive is not a known field (known fields: "projectionName", "description", "targetTable", "partitionKeyField", "eventSubscriptions", "category", "context", "secondaryTables") |

    Scenario: A valid projection is frozen and keeps its category as a literal type
      Given a valid view projection definition with these fields:
        | field           | value          |
        | secondaryTables | ["orderLines"] |
      When the projection is defined
      Then the projection is a frozen "view" projection of context "orders" writing "orderSummaries" and "orderLines"
      And the category of the orders view projection has the type "view"

  Rule: Categories determine projection characteristics

    Scenario: Each category prescribes cardinality, freshness, exposure and reactivity
      Then the characteristics of the categories are:
        | category    | cardinality      | freshness      | clientExposure | reactiveEligible |
        | logic       | minimal          | always-current | internal       | false            |
        | view        | denormalized     | near-real-time | client         | true             |
        | reporting   | aggregated       | eventual       | admin          | false            |
        | integration | contract-defined | event-driven   | event-bus      | false            |
      And PROJECTION_CATEGORIES are "logic, view, reporting, integration"
      And isProjectionCategory holds for each of them and not for "View", "cache" or undefined

  Rule: Category determines client exposure

    Scenario: Exposure helpers follow the category
      Then the exposure helpers answer:
        | category    | isClientExposed | requiresAdmin | canSubscribeReactively |
        | logic       | false           | false         | false                  |
        | view        | true            | false         | true                   |
        | reporting   | false           | true          | false                  |
        | integration | false           | false         | false                  |

    Scenario Outline: Client access is allowed or refused by category and role
      Given the orders <category> projection
      When a client with role "<role>" reads it
      Then the read is <outcome>

      Examples:
        | category    | role  | outcome                                 |
        | view        | none  | allowed                                 |
        | view        | admin | allowed                                 |
        | reporting   | admin | allowed                                 |
        | reporting   | none  | refused with ADMIN_ROLE_REQUIRED        |
        | reporting   | user  | refused with ADMIN_ROLE_REQUIRED        |
        | logic       | admin | refused with PROJECTION_NOT_CLIENT_EXPOSED |
        | logic       | none  | refused with PROJECTION_NOT_CLIENT_EXPOSED |
        | integration | admin | refused with PROJECTION_NOT_CLIENT_EXPOSED |

    Scenario: The refusals say why and what is allowed instead
      Then reading the logic projection refuses with the message:
        """
        projection "orderExists" (category "logic") is not exposed to clients: logic projections are read internally for command validation; clients read view projections, and admins reporting projections
        """
      And reading the integration projection refuses with the message:
        """
        projection "orderStatusForShipping" (category "integration") is not exposed to clients: integration projections are published through the event bus; clients read view projections, and admins reporting projections
        """
      And reading the reporting projection with role "user" refuses with the message:
        """
        projection "dailySalesReport" (category "reporting") requires the admin role (caller role: "user"): reporting projections are readable by admins only
        """

  Rule: Only View projections require reactive subscriptions

    Scenario: A view projection may be subscribed to reactively
      Given the orders view projection
      When a reactive subscription to it is checked
      Then it is allowed and the projection is narrowed to a view projection

    Scenario Outline: Other categories refuse reactive subscriptions with SUBSCRIPTIONS_NOT_SUPPORTED
      Given the orders <category> projection
      When a reactive subscription to it is checked
      Then it is refused with code "SUBSCRIPTIONS_NOT_SUPPORTED" and the message '<message>'
      And the error names projection "<name>" and category "<category>"

      Examples:
        | category    | name                   | message                                                                                                                                                                                                       |
        | logic       | orderExists            | projection "orderExists" (category "logic") does not support reactive subscriptions: only view projections support reactive subscriptions (logic projections hold minimal data for command validation); read it with a one-off query instead |
        | reporting   | dailySalesReport       | projection "dailySalesReport" (category "reporting") does not support reactive subscriptions: only view projections support reactive subscriptions (reporting projections hold analytics and aggregations); read it with a one-off query instead |
        | integration | orderStatusForShipping | projection "orderStatusForShipping" (category "integration") does not support reactive subscriptions: only view projections support reactive subscriptions (integration projections hold cross-context synchronization through the event bus); read it with a one-off query instead |

    Scenario: Projection access errors are recognised by their guard
      Given the orders logic projection
      When a reactive subscription to it is checked
      Then isProjectionAccessError holds for the refusal, with "SUBSCRIPTIONS_NOT_SUPPORTED" and not with "ADMIN_ROLE_REQUIRED"
      And the refusal is a ProjectionAccessError and isProjectionAccessError does not hold for a plain Error
