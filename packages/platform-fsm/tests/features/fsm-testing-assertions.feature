Feature: Assertions for FSM specs
  The ./testing entry point gives specs assertions about a machine. They work with any test
  runner: each one returns quietly when the expectation holds and otherwise throws a plain Error
  whose message says what was expected and what the machine does.

  Background:
    Given the order status machine:
      | state     | targets              |
      | draft     | submitted, cancelled |
      | submitted | confirmed, cancelled |
      | confirmed |                      |
      | cancelled |                      |

  Rule: assertCanTransition and assertCannotTransition check one transition

    Scenario Outline: Checking a single transition
      When <assertion> is called with <from> and <to>
      Then the assertion <outcome>

      Examples:
        | assertion              | from      | to        | outcome                                                                                                                                   |
        | assertCanTransition    | draft     | submitted | passes                                                                                                                                    |
        | assertCanTransition    | draft     | confirmed | fails with: expected orderStatus to allow "draft" -> "confirmed", but it does not; allowed targets from "draft": "submitted", "cancelled" |
        | assertCanTransition    | confirmed | draft     | fails with: expected orderStatus to allow "confirmed" -> "draft", but it does not; allowed targets from "confirmed": (none)               |
        | assertCannotTransition | draft     | confirmed | passes                                                                                                                                    |
        | assertCannotTransition | draft     | submitted | fails with: expected orderStatus to refuse "draft" -> "submitted", but it allows it                                                       |
        | assertCannotTransition | draft     | shipped   | fails with: orderStatus has no state "shipped" (known states: "draft", "submitted", "confirmed", "cancelled")                             |
        | assertCanTransition    | sent      | draft     | fails with: orderStatus has no state "sent" (known states: "draft", "submitted", "confirmed", "cancelled")                                |

  Rule: assertTerminal and assertNotTerminal check whether a state has targets

    Scenario Outline: Checking terminal states
      When <assertion> is called with <state>
      Then the assertion <outcome>

      Examples:
        | assertion         | state     | outcome                                                                                                            |
        | assertTerminal    | confirmed | passes                                                                                                             |
        | assertTerminal    | draft     | fails with: expected "draft" to be terminal in orderStatus, but it allows transitions to: "submitted", "cancelled" |
        | assertNotTerminal | submitted | passes                                                                                                             |
        | assertNotTerminal | cancelled | fails with: expected "cancelled" to have outgoing transitions in orderStatus, but it is terminal                   |
        | assertTerminal    | archived  | fails with: orderStatus has no state "archived" (known states: "draft", "submitted", "confirmed", "cancelled")     |

  Rule: assertValidTransitions compares the targets of a state in any order

    Scenario Outline: Matching targets pass whatever their order
      When assertValidTransitions is called for <from> expecting "<expected>"
      Then the assertion passes

      Examples:
        | from      | expected             |
        | draft     | submitted, cancelled |
        | draft     | cancelled, submitted |
        | confirmed |                      |

    Scenario: Different targets fail, showing expected, actual, missing and unexpected
      When assertValidTransitions is called for "draft" expecting "submitted, confirmed"
      Then the assertion fails with the message:
        """
        orderStatus: valid transitions from "draft" differ
        expected: "submitted", "confirmed"
        actual:   "submitted", "cancelled"
        missing:    "confirmed"
        unexpected: "cancelled"
        """

  Rule: assertTransitionTable checks many rows and reports every mismatch at once

    Scenario: A table that matches the machine passes
      When assertTransitionTable is called with:
        | from      | to        | allowed |
        | draft     | submitted | true    |
        | draft     | confirmed | false   |
        | submitted | cancelled | true    |
        | confirmed | draft     | false   |
      Then the assertion passes

    Scenario: Every mismatching row is reported
      When assertTransitionTable is called with:
        | from      | to        | allowed |
        | draft     | submitted | true    |
        | draft     | confirmed | true    |
        | submitted | cancelled | true    |
        | cancelled | draft     | true    |
        | confirmed | shipped   | false   |
        | submitted | confirmed | false   |
      Then the assertion fails with the message:
        """
        orderStatus: transition table has 4 mismatches:
        - row 2: "draft" -> "confirmed" expected allowed, but orderStatus refuses it
        - row 4: "cancelled" -> "draft" expected allowed, but orderStatus refuses it
        - row 5: "confirmed" -> "shipped" names unknown state(s) "shipped"
        - row 6: "submitted" -> "confirmed" expected refused, but orderStatus allows it
        """

    Scenario: A single mismatch is reported as one
      When assertTransitionTable is called with:
        | from  | to        | allowed |
        | draft | submitted | false   |
        | draft | cancelled | true    |
      Then the assertion fails with the message:
        """
        orderStatus: transition table has 1 mismatch:
        - row 1: "draft" -> "submitted" expected refused, but orderStatus allows it
        """

    Scenario: An empty table fails rather than passing vacuously
      When assertTransitionTable is called with no rows
      Then the assertion fails with: orderStatus: the transition table has no rows

  Rule: assertRejectsDefinition checks that defineFSM refuses a definition

    Scenario: A refused definition passes and the error is returned
      When assertRejectsDefinition is called with {"initial": "a", "transitions": {"a": ["b"]}} and 'target "b" is not a known state'
      Then the assertion passes
      And it returns the FSMDefinitionError with 1 problem

    Scenario: A refused definition passes without an expected problem
      When assertRejectsDefinition is called with {"initial": "x", "transitions": {}}
      Then the assertion passes
      And it returns the FSMDefinitionError with 2 problems

    Scenario: An accepted definition fails
      When assertRejectsDefinition is called with {"initial": "a", "transitions": {"a": []}}
      Then the assertion fails with: expected defineFSM to reject the definition, but it was accepted

    Scenario: A refusal for another reason fails and lists the actual problems
      When assertRejectsDefinition is called with {"initial": "a", "transitions": {"a": ["a", "a"]}} and "not a known state"
      Then the assertion fails with the message:
        """
        expected a definition problem containing "not a known state", but the problems were:
        - state "a": target "a" is listed more than once
        """

  Rule: The testing helpers depend on no test runner

    Scenario: The testing entry point imports only from this package
      When the sources of the testing entry point are read
      Then every import in them is a relative import
