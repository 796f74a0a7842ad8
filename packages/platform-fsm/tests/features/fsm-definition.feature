Feature: Defining a finite state machine
  defineFSM takes an initial state and a transition table whose keys are the states, each mapped
  to the states it may move to. The definition is checked once, when the machine is defined, and
  every problem found is reported together in one FSMDefinitionError.

  Rule: The states are the keys of the transition table

    Scenario: States, initial state and name come from the definition
      Given a definition named "orderStatus" starting at "draft" with these transitions:
        | state     | targets              |
        | draft     | submitted, cancelled |
        | submitted | confirmed, cancelled |
        | confirmed |                      |
        | cancelled |                      |
      When the machine is defined
      Then the machine's states are "draft, submitted, confirmed, cancelled"
      And the machine's initial state is "draft"
      And the machine's name is "orderStatus"

    Scenario: The state union is inferred from the keys at compile time
      When the order status machine is defined inline in TypeScript
      Then its state type is exactly "draft" | "submitted" | "confirmed" | "cancelled"
      And a target that is not a key is a compile error and is refused at run time

    Scenario: A machine without a name is called "fsm" in messages
      Given a definition without a name starting at "off" with these transitions:
        | state | targets |
        | off   | on      |
        | on    | off     |
      When the machine is defined
      Then the machine's name is "fsm"
      And the refusal of "off" to "off" starts with "fsm: "

    Scenario: The machine is frozen and does not follow later edits of its definition
      Given a definition named "light" starting at "off" with these transitions:
        | state | targets |
        | off   | on      |
        | on    | off     |
      When the machine is defined
      And the definition's targets of "off" are edited to add "off"
      Then the machine is frozen
      And the machine still refuses "off" to "off"

  Rule: A definition with a problem is refused with code INVALID_FSM_DEFINITION

    Scenario Outline: Each kind of problem is named
      Given the definition <definition>
      When the machine is defined
      Then it is refused with code "INVALID_FSM_DEFINITION"
      And the only problem is <problem>

      Examples:
        | definition                                            | problem                                                                      |
        | {"transitions": {"a": []}}                            | no initial state: "initial" is missing                                       |
        | {"initial": "b", "transitions": {"a": []}}            | the initial state "b" is not one of the states (known states: "a")           |
        | {"initial": 1, "transitions": {"a": []}}              | the initial state must be a state name string (got number 1)                 |
        | {"initial": "a", "transitions": {"a": ["b"]}}         | state "a": target "b" is not a known state (known states: "a")               |
        | {"initial": "a", "transitions": {"a": ["a", "a"]}}    | state "a": target "a" is listed more than once                               |
        | {"initial": "a", "transitions": {"a": [7]}}           | state "a": target at index 0 must be a state name string (got number 7)      |
        | {"initial": "a", "transitions": {"a": "b"}}           | state "a": targets must be an array of state names (got "b")                 |
        | {"initial": "a", "transitions": {"a": [], "": []}}    | state names must be non-empty strings, but "" is a state                     |
        | {"name": 5, "initial": "a", "transitions": {"a": []}} | "name" must be a non-empty string when given (got number 5)                  |
        | null                                                  | the definition must be an object with "initial" and "transitions" (got null) |

    Scenario: A machine with no states is refused
      Given the definition {"initial": "a", "transitions": {}}
      When the machine is defined
      Then it is refused with code "INVALID_FSM_DEFINITION"
      And the problems are:
        | problem                                                               |
        | no states defined: "transitions" is empty                             |
        | the initial state "a" is not one of the states (known states: (none)) |

    Scenario: A transition table that is not an object is refused
      Given the definition {"initial": "a", "transitions": ["a"]}
      When the machine is defined
      Then it is refused with code "INVALID_FSM_DEFINITION"
      And the problems are:
        | problem                                                                                  |
        | "transitions" must be an object mapping each state to its allowed targets (got an array) |
        | the initial state "a" is not one of the states (known states: (none))                    |

    Scenario: A state name that is a symbol is refused
      Given a definition whose transition table has a symbol key
      When the machine is defined
      Then it is refused with code "INVALID_FSM_DEFINITION"
      And the problems are:
        | problem                                                        |
        | state names must be strings, but "transitions" has symbol keys |

    Scenario: Every problem is reported at once, in the error and its message
      Given the definition {"name": "orderStatus", "initial": "new", "transitions": {"draft": ["sent", "draft", "draft"], "done": []}}
      When the machine is defined
      Then it is refused with code "INVALID_FSM_DEFINITION"
      And the problems are:
        | problem                                                                           |
        | state "draft": target "sent" is not a known state (known states: "draft", "done") |
        | state "draft": target "draft" is listed more than once                            |
        | the initial state "new" is not one of the states (known states: "draft", "done")  |
      And the error message is:
        """
        orderStatus: invalid FSM definition (3 problems):
          - state "draft": target "sent" is not a known state (known states: "draft", "done")
          - state "draft": target "draft" is listed more than once
          - the initial state "new" is not one of the states (known states: "draft", "done")
        """

    Scenario: The guard recognises definition errors and nothing else
      Given the definition {"initial": "a", "transitions": {"a": ["b"]}}
      When the machine is defined
      Then isFSMDefinitionError holds for the refusal
      And isFSMDefinitionError does not hold for a plain Error or an InvalidTransitionError
