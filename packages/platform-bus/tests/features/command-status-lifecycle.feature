Feature: Command status lifecycle
  A command is pending while it executes and ends exactly once in executed, rejected or failed.
  The status changes atomically with the result. A final status never changes, and refusals are
  values, so a failure the caller records still commits.

  Rule: Status tracks the complete command lifecycle

    Scenario: The lifecycle allows each final status from pending only
      Then the lifecycle starts at "pending"
      And from "pending" it allows "executed, rejected, failed"
      And "executed, rejected, failed" are final and allow nothing

    Scenario Outline: A pending command takes a final status with its result in one write
      Given the pending command "cmd-1"
      When its result is updated to "<status>" with the code "<code>"
      Then the update is accepted
      And the call wrote 1 document
      And the command "cmd-1" has status "<status>" with the code "<code>"

      Examples:
        | status   | code            |
        | executed | OK              |
        | rejected | ORDER_NOT_DRAFT |
        | failed   | HANDLER_FAILED  |

    Scenario Outline: A final status never changes
      Given the command "cmd-1" that ended "<from>"
      When its result is updated to "<to>" with the code "LATE"
      Then the update is refused with INVALID_STATUS_TRANSITION from "<from>" to "<to>"
      And the message names "<from>" and "<to>"
      And the call wrote 0 documents
      And the command "cmd-1" still has status "<from>"

      Examples:
        | from     | to       |
        | executed | failed   |
        | rejected | executed |
        | failed   | failed   |

    Scenario: Updating an unknown command reports COMMAND_NOT_FOUND
      When the result of the unknown command "ghost" is updated to "executed" with the code "OK"
      Then the update is refused with COMMAND_NOT_FOUND naming "ghost"
      And the call wrote 0 documents

  Rule: Failure statuses survive the failure

    Scenario: A failed status and its error are readable after the call
      Given the pending command "cmd-1"
      When the handler fails with "inventory service timed out" and the failure is recorded
      Then the command "cmd-1" has status "failed" with the error "inventory service timed out"
      And sending the command "cmd-1" again answers with the stored failure
