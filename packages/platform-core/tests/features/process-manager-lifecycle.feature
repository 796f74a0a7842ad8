Feature: Process manager lifecycle and definitions
  A process manager coordinates across bounded contexts by reacting to events: its definition
  is pure (which instance an event belongs to, the reaction to it: next state, commands to send,
  whether the process is over), so it is specified here without Convex. Each instance moves
  through the lifecycle FSM idle -> processing -> idle | completed | failed, and a failed
  instance goes back to processing when its dead letter is retried or ignored. The commands an
  instance sends for an event get ids derived from the process manager, the instance, the event
  and their position, so handling the same event again sends the same commands.

  Rule: The lifecycle is a checked state machine

    Scenario: The lifecycle's transitions
      Then the lifecycle starts "idle" and its transitions are:
        | from       | to         | allowed |
        | idle       | processing | yes     |
        | processing | idle       | yes     |
        | processing | completed  | yes     |
        | processing | failed     | yes     |
        | failed     | processing | yes     |
        | idle       | completed  | no      |
        | failed     | idle       | no      |
        | completed  | processing | no      |
      And "completed" is terminal

    Scenario: A completed instance refuses to process another event with the FSM's error
      When a "completed" instance is moved to "processing"
      Then it is refused with "INVALID_TRANSITION" and the message 'processManagerLifecycle: cannot transition from "completed" to "processing"; "completed" is terminal (no transitions allowed)'

  Rule: A reaction is a pure function of the state and the event

    Scenario: An order placed asks for the counter's increment
      Given a tally with 2 placed
      When it reacts to "OrderPlaced" of order "o-1" for counter "k-1" with quantity 3
      Then it sends "IncrementCounter" with counterId "k-1" by 3
      And its state is counter "k-1" with 5 placed, not complete

    Scenario: Closing the order completes the process without a command
      Given a tally with 2 placed
      When it reacts to "OrderClosed" of order "o-1"
      Then it sends no command
      And the process is complete

    Scenario: An event belongs to the instance of its order
      Then the instance of an "OrderPlaced" of order "o-7" is "o-7"

  Rule: Command ids derive from the instance, the event and their position

    Scenario: The same event gives the same ids, another event other ids
      Then the command id of "orderTally", "o-1", "evt-1", 0 is "orderTally:o-1:evt-1:0"
      And it differs for another event, instance or position

  Rule: A definition is checked when it is made

    Scenario: A definition with every part wrong is refused listing each problem
      When a process manager is defined without name, bounded context, event types, initial state, instanceIdOf or react
      Then it is refused listing 6 "INVALID_PROCESS_MANAGER" problems
