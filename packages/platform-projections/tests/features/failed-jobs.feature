Feature: Failed catch-up jobs
  A catch-up job that Workpool gives up on rolled back whole, so its failure is recorded by the
  job's onComplete through recordJobFailure: one record per partition, counting its failures,
  open until an operator retries the partition or ignores it. Handler errors are not job
  failures: they are poison events. These scenarios call the component's functions directly.

  Rule: Failed jobs are counted per partition and listed by status

    Scenario: Failures of one partition are counted on one open record
      When the catch-up job of partition "order-a" of "orderTotals" fails with "read limit exceeded"
      And 1 minute passes
      And the catch-up job of partition "order-b" of "orderTotals" fails with "timeout"
      And 2 minutes pass
      And the catch-up job of partition "order-a" of "orderTotals" fails with "read limit exceeded again"
      Then the last failure answered partition "order-a" open after 2 failures with the error "read limit exceeded again"
      And the open failed jobs are "orderTotals/order-a after 2, orderTotals/order-b after 1"
      And the open failed jobs, 1 at most, are "orderTotals/order-a after 2"

    Scenario Outline: A failed job page limit outside 1 to MAX_PAGE_SIZE is refused
      When the failed jobs are listed <limit> at most
      Then it is refused with INVALID_ARGUMENT saying "limit must be an integer from 1 to 500 (got <limit>)"

      Examples:
        | limit |
        | 0     |
        | 501   |

    Scenario Outline: A failed job without a projection or a partition key is refused
      When the catch-up job of partition "<partitionKey>" of "<projection>" fails with "timeout"
      Then it is refused with INVALID_ARGUMENT saying "<message>"
      And the call wrote nothing

      Examples:
        | projection  | partitionKey | message                                          |
        | orderTotals |              | partitionKey must be a non-empty string (got "") |
        |             | order-a      | projection must be a non-empty string (got "")   |

  Rule: An operator resolves an open failed job once

    Scenario Outline: An open failed job is resolved
      Given the catch-up job of partition "order-a" of "orderTotals" failed with "timeout"
      When the failed job of partition "order-a" of "orderTotals" is resolved as "<resolution>"
      Then the resolution answered partition "order-a" "<resolution>" after 1 failures
      And the open failed jobs are ""
      And the "<resolution>" failed jobs are "orderTotals/order-a after 1"

      Examples:
        | resolution |
        | retried    |
        | ignored    |

    Scenario: Nothing open to resolve answers null
      Given the catch-up job of partition "order-a" of "orderTotals" failed with "timeout"
      And the failed job of partition "order-a" of "orderTotals" was resolved as "retried"
      When the failed job of partition "order-a" of "orderTotals" is resolved as "ignored"
      Then the resolution answered null
      And the call wrote nothing
      And the "retried" failed jobs are "orderTotals/order-a after 1"

    Scenario: A partition that never failed has nothing to resolve
      When the failed job of partition "order-z" of "orderTotals" is resolved as "retried"
      Then the resolution answered null
      And the call wrote nothing

    Scenario: A retried partition that fails again is open again with one more failure
      Given the catch-up job of partition "order-a" of "orderTotals" failed with "timeout"
      And the failed job of partition "order-a" of "orderTotals" was resolved as "retried"
      When the catch-up job of partition "order-a" of "orderTotals" fails with "timeout again"
      Then the last failure answered partition "order-a" open after 2 failures with the error "timeout again"
      And the open failed jobs are "orderTotals/order-a after 2"
      And the "retried" failed jobs are ""
