Feature: Invariants
  A business rule is declared once, with a stable SCREAMING_SNAKE code, and checked wherever the
  state is: in deciders, in handlers and in tests. A violation carries the rule's name, code,
  message and context, and becomes a decider rejection without translation.

  Rule: An invariant reports a typed violation when its rule does not hold

    Scenario: A rule that holds reports nothing
      Given a draft order "o-1" with 2 items totalling 300
      Then the invariant "orderHasItems" holds
      And it reports no violation and asserting it passes

    Scenario: A broken rule reports its code, message and context
      Given a draft order "o-1" with 0 items totalling 0
      Then the invariant "orderHasItems" reports 'ORDER_EMPTY: Order o-1 has no items' with context '{"orderId":"o-1"}'
      And asserting it throws an InvariantViolationError with code "ORDER_EMPTY" and message 'ORDER_EMPTY: Order o-1 has no items (invariant "orderHasItems")'

    Scenario: A rule reads the context its caller passes
      Given a draft order "o-1" with 2 items totalling 900
      Then "totalWithinCreditLimit" holds with a credit limit of 1000
      And "totalWithinCreditLimit" is violated with a credit limit of 500, saying 'Order o-1 totals 900, over the credit limit of 500'

  Rule: A set checks every rule, or stops at the first broken one

    Scenario: checkAll collects every violation in the set's order
      Given a submitted order "o-1" with 0 items totalling 900
      When all order rules are checked with a credit limit of 500
      Then the violation codes are "ORDER_NOT_DRAFT, ORDER_EMPTY, CREDIT_LIMIT_EXCEEDED"
      And the set reports the names "orderIsDraft, orderHasItems, totalWithinCreditLimit" and the codes "ORDER_NOT_DRAFT, ORDER_EMPTY, CREDIT_LIMIT_EXCEEDED"

    Scenario: firstViolation stops at the first broken rule
      Given a submitted order "o-2" with 0 items totalling 0
      When the first violation is asked for
      Then it is "ORDER_NOT_DRAFT" and only "orderIsDraft" was evaluated

    Scenario: A state that keeps every rule has no violation
      Given a draft order "o-3" with 1 items totalling 100
      When all order rules are checked with a credit limit of 500
      Then there is no violation, no first violation, and assertAll passes

    Scenario: assertAll throws every violation at once
      Given a submitted order "o-4" with 0 items totalling 0
      When assertAll runs
      Then it throws an InvariantViolationError with code "ORDER_NOT_DRAFT" listing "ORDER_NOT_DRAFT, ORDER_EMPTY"
      And its message starts with "2 invariants are violated:"

  Rule: A violation becomes the decider's rejection

    Scenario: A decider answers with the first violation, exactly as rejected() would
      Given a submitted order "o-1" with 2 items totalling 300
      When the submit decider decides on it
      Then the decider rejects with "ORDER_NOT_DRAFT", message 'Order o-1 is submitted, not a draft' and context '{"orderId":"o-1","status":"submitted"}'

    Scenario: Several violations keep every message and every violation
      Given a submitted order "o-5" with 0 items totalling 0
      When all order rules are checked and turned into a rejection
      Then the rejection has code "ORDER_NOT_DRAFT" and message 'Order o-5 is submitted, not a draft; Order o-5 has no items'
      And its context lists the violated invariants "orderIsDraft, orderHasItems" after the first one's context

    Scenario: Turning no violation into a rejection is a programming error
      When an empty list of violations is turned into a rejection
      Then it is refused with the single problem 'NO_VIOLATIONS: invariantsToRejection needs at least one violation: call it only when checkAll returned a non-empty list or firstViolation returned one'

  Rule: Definitions are checked when they are made

    Scenario Outline: A malformed invariant is refused with what was expected
      When an invariant is defined with <field> set to <value>
      Then it is refused with the single problem '<problem>'

      Examples:
        | field   | value               | problem                                                                                                               |
        | code    | "orderEmpty"        | INVALID_INVARIANT: code must be SCREAMING_SNAKE_CASE such as "ORDER_EMPTY" (got "orderEmpty"); did you mean "ORDER_EMPTY"? |
        | name    | "Order has items"   | INVALID_INVARIANT: name must be a camelCase string such as "orderHasItems" (got "Order has items")                   |
        | check   | nothing             | INVALID_INVARIANT: check must be a function of (state, context) (got undefined)                                      |
        | context | "orderId"           | INVALID_INVARIANT: context, when given, must be a function of (state, context) (got "orderId")                       |
        | severity | "high"             | INVALID_INVARIANT: severity is not a known field (known fields: "name", "code", "description", "check", "message", "context") |

    Scenario: Every problem of a definition is reported at once
      When an invariant is defined with a lower-case code and no message
      Then it is refused with the problems:
        """
        INVALID_INVARIANT: code must be SCREAMING_SNAKE_CASE such as "ORDER_EMPTY" (got "order-empty"); did you mean "ORDER_EMPTY"?
        INVALID_INVARIANT: message must be a function of (state, context) (got undefined)
        """

    Scenario: A set refuses a repeated name and entries that are not invariants
      When a set is built from "orderIsDraft", "orderHasItems", "orderIsDraft" and a plain object
      Then it is refused with the problems:
        """
        DUPLICATE_INVARIANT: invariant name "orderIsDraft" is used twice (entries 0 and 2): expected one invariant per name
        INVALID_INVARIANT: entry 3 is not an invariant made by defineInvariant (got an object)
        """

    Scenario: A check that answers something other than a boolean is refused when it runs
      Given an invariant whose check returns the number 1
      When it is checked
      Then it is refused with the single problem 'INVALID_INVARIANT_RESULT: invariant "sloppyRule": check must return a boolean (got number 1)'
