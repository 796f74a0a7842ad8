Feature: Testing assertions for bounded-context definitions
  @convex-es/platform-bc/testing gives apps a few assertions for their own definitions. They
  throw plain Errors whose message lists every mismatch, and import no test framework, so they
  run from vitest, from Gherkin steps or from plain Node.

  Rule: assertContractCovers checks that a contract declares what the code defines

    Scenario: A contract that declares every definition passes
      Given the orders contract
      When assertContractCovers checks it against the SubmitOrder and CreateOrder commands, the OrderSubmitted and OrderCreated events, the orders CMS and the code "ORDER_NOT_FOUND"
      Then the assertion passes

    Scenario: Every gap is listed in one error
      Given the orders contract
      When assertContractCovers checks it against:
        | kind      | value                                 |
        | command   | ShipOrder                             |
        | event     | OrderShipped                          |
        | cms       | orderCMS at version 3                 |
        | cms       | customerCMS at version 1              |
        | errorCode | PAYMENT_DECLINED                      |
        | command   | SubmitOrder of context "shipping"     |
      Then the assertion fails with the message:
        """
        the contract of "orders" does not cover what was given:
          - command type "ShipOrder" is not in commandTypes
          - command "SubmitOrder" belongs to context "shipping", not "orders"
          - event type "OrderShipped" is not in eventTypes
          - CMS "orderCMS" is at currentVersion 3, but the contract declares 2
          - CMS "customerCMS" is not in cmsTypes
          - error code "PAYMENT_DECLINED" is not in errorCodes
        """

  Rule: assertProjectionCategory checks a projection's category

    Scenario: The right category passes and a wrong one is explained
      Given the orders view projection
      Then assertProjectionCategory passes for "view"
      And assertProjectionCategory for "logic" fails with 'expected projection "orderSummary" to be a logic projection, but it is a view projection'

  Rule: assertDefinitionRefused checks that a definition is refused with a code

    Scenario: A refusal with the expected code passes and returns the error
      When assertDefinitionRefused runs a projection definition without a category, expecting "CATEGORY_REQUIRED"
      Then it returns the definition error with code "CATEGORY_REQUIRED"

    Scenario Outline: Anything else fails with what happened instead
      When assertDefinitionRefused runs <what>, expecting "CATEGORY_REQUIRED"
      Then the assertion fails with a message starting '<message>'

      Examples:
        | what                                     | message                                                                                                  |
        | a valid projection definition            | expected the definition to be refused with CATEGORY_REQUIRED, but it was accepted                        |
        | a projection with an unknown category    | expected the definition to be refused with CATEGORY_REQUIRED, but it was refused with INVALID_CATEGORY:  |
        | a function that throws a TypeError       | expected a BoundedContextDefinitionError with CATEGORY_REQUIRED, but got: TypeError: boom                |

  Rule: assertUpcastsTo checks what a stored CMS snapshot becomes

    Scenario: The expected current state passes
      Given the orders CMS at current version 2
      Then assertUpcastsTo passes for {"stateVersion": 1, "orderId": "o-1", "status": "draft", "total": 12.5} becoming {"stateVersion": 2, "orderId": "o-1", "status": "draft", "totalCents": 1250}

    Scenario: A different state is reported path by path
      Given the orders CMS at current version 2
      When assertUpcastsTo checks {"stateVersion": 1, "orderId": "o-1", "status": "draft", "total": 12.5} against {"stateVersion": 2, "orderId": "o-2", "status": "draft", "totalCents": 1250, "lines": []}
      Then the assertion fails with the message:
        """
        CMS "orderCMS": upcasting from stateVersion 1 gave a different state:
          orderId: expected "o-2", got "o-1"
          lines: missing, expected []
        """
