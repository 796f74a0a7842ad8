Feature: Transitions of a finite state machine
  A machine allows exactly the transitions listed in its table. Asking is free (canTransition);
  asserting (assertTransition, transition) refuses anything else with an InvalidTransitionError
  whose message names the state, the target and what would have been allowed.

  Background:
    Given the order status machine:
      | state     | targets              |
      | draft     | submitted, cancelled |
      | submitted | confirmed, cancelled |
      | confirmed |                      |
      | cancelled |                      |

  Rule: Only the listed transitions are allowed

    Scenario Outline: canTransition answers from the table
      When asking whether <from> can move to <to>
      Then the answer is <allowed>

      Examples:
        | from      | to        | allowed |
        | draft     | submitted | true    |
        | draft     | cancelled | true    |
        | submitted | confirmed | true    |
        | submitted | cancelled | true    |
        | draft     | confirmed | false   |
        | draft     | draft     | false   |
        | submitted | draft     | false   |
        | confirmed | cancelled | false   |
        | cancelled | draft     | false   |
        | shipped   | draft     | false   |
        | draft     | shipped   | false   |

    Scenario: transition returns the target of an allowed transition
      When the order moves from "draft" to "submitted" with transition
      Then the new state is "submitted"

    Scenario: A state may list itself to allow staying put
      Given a machine named "retry" starting at "waiting" with these transitions:
        | state   | targets       |
        | waiting | waiting, done |
        | done    |               |
      Then "waiting" can move to "waiting"
      And "done" cannot move to "done"

  Rule: A refused transition names the state, the target and the allowed targets

    Scenario: assertTransition refuses a transition that is not listed
      When asserting the transition from "draft" to "confirmed"
      Then it is refused with code "INVALID_TRANSITION" and reason "not_allowed"
      And the refusal records fsm "orderStatus", from "draft", to "confirmed" and allowed "submitted, cancelled"
      And the refusal message is:
        """
        orderStatus: cannot transition from "draft" to "confirmed"; allowed targets from "draft": "submitted", "cancelled"
        """

    Scenario: transition throws the same error as assertTransition
      When the order moves from "submitted" to "draft" with transition
      Then it is refused with code "INVALID_TRANSITION" and reason "not_allowed"
      And the refusal message is:
        """
        orderStatus: cannot transition from "submitted" to "draft"; allowed targets from "submitted": "confirmed", "cancelled"
        """

    Scenario: An allowed transition passes assertTransition
      When asserting the transition from "submitted" to "confirmed"
      Then nothing is refused

    Scenario: The guard recognises transition errors and nothing else
      When asserting the transition from "draft" to "confirmed"
      Then isInvalidTransitionError holds for the refusal
      And isInvalidTransitionError does not hold for a plain Error or an FSMDefinitionError

  Rule: Terminal states allow no transitions

    Scenario Outline: Terminal states are those with no targets
      Then isTerminal of <state> is <terminal>

      Examples:
        | state     | terminal |
        | draft     | false    |
        | submitted | false    |
        | confirmed | true     |
        | cancelled | true     |

    Scenario: Leaving a terminal state is refused as terminal
      When asserting the transition from "confirmed" to "draft"
      Then it is refused with code "INVALID_TRANSITION" and reason "terminal"
      And the refusal records fsm "orderStatus", from "confirmed", to "draft" and allowed ""
      And the refusal message is:
        """
        orderStatus: cannot transition from "confirmed" to "draft"; "confirmed" is terminal (no transitions allowed)
        """

  Rule: Unknown states are refused with the list of known states

    Scenario: An unknown current state is refused
      When asserting the transition from "shipped" to "draft"
      Then it is refused with code "INVALID_TRANSITION" and reason "unknown_from"
      And the refusal message is:
        """
        orderStatus: cannot transition from "shipped" to "draft"; "shipped" is not a known state (known states: "draft", "submitted", "confirmed", "cancelled")
        """

    Scenario: An unknown target state is refused
      When asserting the transition from "draft" to "shipped"
      Then it is refused with code "INVALID_TRANSITION" and reason "unknown_to"
      And the refusal records fsm "orderStatus", from "draft", to "shipped" and allowed "submitted, cancelled"
      And the refusal message is:
        """
        orderStatus: cannot transition from "draft" to "shipped"; "shipped" is not a known state (known states: "draft", "submitted", "confirmed", "cancelled")
        """

    Scenario: A non-string state read from storage is refused with its type
      When asserting the transition from "draft" to the number 3
      Then it is refused with code "INVALID_TRANSITION" and reason "unknown_to"
      And the refusal message is:
        """
        orderStatus: cannot transition from "draft" to number 3; number 3 is not a known state (known states: "draft", "submitted", "confirmed", "cancelled")
        """

    Scenario: Asking for the targets of an unknown state is refused
      When asking for the valid transitions from "shipped"
      Then it is refused with code "UNKNOWN_STATE"
      And isUnknownStateError holds for the refusal
      And the refusal message is:
        """
        orderStatus: "shipped" is not a known state (known states: "draft", "submitted", "confirmed", "cancelled")
        """

    Scenario Outline: isValidState narrows untrusted values
      Then isValidState of the JSON value <value> is <valid>

      Examples:
        | value       | valid |
        | "draft"     | true  |
        | "cancelled" | true  |
        | "shipped"   | false |
        | "Draft"     | false |
        | ""          | false |
        | "toString"  | false |
        | 3           | false |
        | null        | false |
        | ["draft"]   | false |

  Rule: validTransitions lists the targets in definition order

    Scenario Outline: The targets of each state
      Then the valid transitions from <state> are "<targets>"

      Examples:
        | state     | targets              |
        | draft     | submitted, cancelled |
        | submitted | confirmed, cancelled |
        | confirmed |                      |
        | cancelled |                      |

  Rule: reachableStates walks the machine breadth-first

    Scenario: Every state is reachable from the initial state
      Then the states reachable from the initial state are "draft, submitted, cancelled, confirmed"
      And no state is unreachable

    Scenario Outline: Reachable states from a given state
      Then the states reachable from <from> are "<reachable>"

      Examples:
        | from      | reachable                       |
        | submitted | submitted, confirmed, cancelled |
        | confirmed | confirmed                       |

    Scenario: A state that no path reaches is reported as unreachable
      Given a machine named "ticket" starting at "open" with these transitions:
        | state    | targets |
        | open     | closed  |
        | closed   |         |
        | archived | closed  |
      Then the states reachable from the initial state are "open, closed"
      And the unreachable states are "archived"

    Scenario: A cycle is walked once
      Given a machine named "light" starting at "off" with these transitions:
        | state  | targets     |
        | off    | on          |
        | on     | off, broken |
        | broken |             |
      Then the states reachable from the initial state are "off, on, broken"
      And the unreachable states are ""

    Scenario: Reachability from an unknown state is refused
      When asking for the states reachable from "shipped"
      Then it is refused with code "UNKNOWN_STATE"
