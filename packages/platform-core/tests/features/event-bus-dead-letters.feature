Feature: Event bus retries and dead letters
  A delivery whose subscriber throws is retried by Workpool with backoff; each failed attempt
  records the attempt count and the error in a mutation that commits, while the subscriber's
  writes roll back. After the last attempt, Workpool's onComplete marks the publication
  dead_lettered. Operators list dead letters by target context, count them by target context
  and status (page by page), retry them (delivered exactly once once the fault is gone) or
  ignore them. The audit trail subscriber ("audit" context, 3 attempts) fails on demand.

  Background:
    Given the event bus test app
    And counter "k-1" was created at 1 and its events delivered

  Rule: A failing delivery is retried with backoff, then dead-lettered by onComplete

    Scenario: A transient failure is retried and delivered
      Given the audit trail fails every attempt before attempt 2
      When counter "k-1" is incremented by 2 in correlation "corr-8"
      And the pools run
      Then its publication to "audit.trail" is "delivered" after 2 attempts
      And its last error is "AUDIT_STORE_UNAVAILABLE: the audit store refused attempt 1"
      And the audit trail holds the event once, from attempt 2

    Scenario: A subscriber that always fails is dead-lettered after its last attempt
      Given the audit trail fails every attempt
      When counter "k-1" is incremented by 2 in correlation "corr-9"
      And the pools run
      Then its publication to "audit.trail" is "dead_lettered" after 3 attempts
      And its last error is "AUDIT_STORE_UNAVAILABLE: the audit store refused attempt 3"
      And the audit trail holds nothing for the event
      And its publication to "notifications.counterChanged" is "delivered" after 1 attempt
      And the stats count 1 "dead_lettered" for "audit" and 0 for "notifications"
      And the dead letters of "audit" are the publication to "audit.trail"

  Rule: Operators list, count, retry and ignore dead letters

    Scenario: A dead letter retried after the fault is removed is delivered exactly once
      Given the audit trail fails every attempt
      And counter "k-1" was incremented by 2 in correlation "corr-10" and the pools ran
      When the fault of the audit trail is removed
      And the operator retries the dead letter of "audit.trail"
      Then its publication to "audit.trail" is "pending" with 1 manual retry
      When the pools run again
      Then its publication to "audit.trail" is "delivered" after 4 attempts
      And the audit trail holds the event once, from attempt 4
      And the stats count 0 "dead_lettered" for "audit" and 0 for "notifications"

    Scenario: An ignored dead letter is never delivered
      Given the audit trail fails every attempt
      And counter "k-1" was incremented by 2 in correlation "corr-11" and the pools ran
      When the operator ignores the dead letter of "audit.trail" because "audit trail rebuilt"
      Then its publication to "audit.trail" is "ignored" with the reason "audit trail rebuilt"
      And the stats count 1 "ignored" for "audit" and 0 for "notifications"
      And retrying it is refused with "PUBLICATION_NOT_DEAD_LETTERED" naming "ignored"

    Scenario: Dead letters are listed and counted by target context, page by page
      Given the audit trail fails every attempt
      And counter "k-1" was incremented by 2 in correlation "corr-12" and the pools ran
      And counter "k-1" was incremented by 3 in correlation "corr-13" and the pools ran
      When the dead letters of "audit" are listed 1 per page
      Then 2 pages list the publications of "corr-13, corr-12"
      And counting "audit" "dead_lettered" 1 per page gives 2
      And a listing of more than 1000 rows per page is refused with "INVALID_ARGUMENT"
      And "notifications" has no dead letter
