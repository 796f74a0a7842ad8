Feature: Command correlations
  Every command carries a correlationId that links it to the commands it caused, and the bus
  records which events each command produced, so a user action can be traced forward from a
  command to its events and across all commands of one correlation.

  Rule: The events a command produced are found from the command

    Scenario: Events recorded with the outcome are found from the command
      Given the command "cmd-1" of type "SubmitOrder" executed with result version 1 and events "evt-1, evt-2"
      Then the events of "cmd-1" are "evt-1, evt-2"

    Scenario: Events of an asynchronous command are recorded with its final status
      Given the pending command "cmd-1"
      When it executes asynchronously producing the events "evt-7"
      Then the events of "cmd-1" are "evt-7"
      And the call wrote 1 document

    Scenario: An unknown command has no events and no record
      Then the command "ghost" has no events and no record

  Rule: correlationId links the commands of one user action

    Scenario: The commands of one correlation are listed oldest first, limited
      Given 4 commands of the correlation "corr-1", each caused by the one before
      And a command "other" of the correlation "corr-2"
      When the commands of "corr-1" are listed with a limit of 3
      Then the page holds "cmd-1, cmd-2, cmd-3" and says there are more
      And the causation chain of "corr-1" is "-, cmd-1, cmd-2, cmd-3"
