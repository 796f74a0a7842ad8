Feature: Process managers
  A process manager subscribes through the event bus. For each event it finds the instance
  (orderTally: one per order), skips an event the instance handled before (a checkpoint per
  instance and event), moves the lifecycle, runs the pure reaction and sends its commands
  through the CommandOrchestrator with ids derived from the instance and the event, then stores
  the new state and the checkpoint: all in one transaction. When the reaction fails (a refused
  command, a refused transition) that transaction rolls back and the delivery records a dead
  letter and the failed lifecycle, which commit. Dead letters are listed, retried and ignored.
  These scenarios run the orderTally process manager of the event bus test app: orders
  (another bounded context) place quantities on counters.

  Background:
    Given the event bus test app with counter "k-1" at 0

  Rule: A process manager reacts to events by sending commands

    Scenario: An order placed increments its counter through the orchestrator
      When order "o-1" places 3 on counter "k-1" in correlation "corr-o1"
      And the pools run
      Then counter "k-1" is at 3
      And the command of "o-1" for the event is recorded "executed" in correlation "corr-o1", caused by the event
      And instance "o-1" is "idle" with 3 placed after 1 event
      And instance "o-1" checkpointed the event with its command
      And the bus delivered the event to "orderTally" once

  Rule: An event an instance handled before changes nothing

    Scenario: The same event handled twice sends one command
      Given order "o-1" placed 3 on counter "k-1" in correlation "corr-o1" and the pools ran
      When the process manager is handed the same event again
      Then it answers "duplicate" with the command it sent the first time
      And counter "k-1" is at 3
      And correlation "corr-o1" holds 1 command

  Rule: The lifecycle moves with the events and refuses what it does not allow

    Scenario: Closing the order completes the instance, and a late event is refused by the FSM
      Given order "o-1" placed 3 on counter "k-1" in correlation "corr-o1" and the pools ran
      When order "o-1" is closed and the pools run
      Then instance "o-1" is "completed" with 3 placed after 2 events
      When order "o-1" places 2 more on counter "k-1" and the pools run
      Then the event is dead-lettered with "INVALID_TRANSITION" saying '"completed" is terminal'
      And instance "o-1" is "completed" with 3 placed after 2 events
      And counter "k-1" is at 3

  Rule: A failed reaction is dead-lettered, and can be retried or ignored

    Scenario: A refused command fails the instance and rolls the reaction back
      When order "o-2" places 4 on counter "k-9" in correlation "corr-o2"
      And the pools run
      Then the event is dead-lettered with "PROCESS_MANAGER_COMMAND_REFUSED" saying "COUNTER_NOT_FOUND"
      And instance "o-2" is "failed" on the event
      And no command of "o-2" for the event is recorded
      And the bus delivered the event to "orderTally" once

    Scenario: Events after a failure wait, and are retried in order once the fault is gone
      Given order "o-2" placed 4 on counter "k-9" in correlation "corr-o2" and the pools ran
      And order "o-2" placed 1 more on counter "k-9" in correlation "corr-o3" and the pools ran
      Then the second event is dead-lettered with "PROCESS_MANAGER_INSTANCE_FAILED" saying "retry or ignore that dead letter first"
      When the operator retries the second event first
      Then the retry answers "dead_lettered" with "PROCESS_MANAGER_INSTANCE_FAILED"
      And its dead letter is "pending" after 2 attempts
      When counter "k-9" is created at 0
      And the operator retries the first event
      And the operator retries the second event
      Then both retries answer "handled"
      And counter "k-9" is at 5
      And instance "o-2" is "idle" with 5 placed after 2 events
      And the dead letters of orderTally are "resolved, resolved"

    Scenario: Ignoring the event an instance failed on resumes the instance
      Given order "o-2" placed 4 on counter "k-9" in correlation "corr-o2" and the pools ran
      When the operator ignores the first event because "counter k-9 was retired"
      Then instance "o-2" is "idle" with 0 placed after 0 events
      And the dead letters of orderTally are "ignored"
      And retrying the first event is refused with "PROCESS_MANAGER_DEAD_LETTER_NOT_PENDING"
