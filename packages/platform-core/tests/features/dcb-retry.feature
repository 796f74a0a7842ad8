Feature: DCB operations retry their scope conflicts on their own
  A scope operation (read the virtual stream, decide, commit) that meets a scope conflict is
  deferred by DcbRetry to a Workpool job that runs it again, without the stale expected version,
  with exponential backoff and jitter, until it answers anything else or its attempts are spent.
  Deferred operations of one scope run one at a time, in order. The caller writes no retry
  loop. These scenarios run the eventStore and a real Workpool under convex-test and count the
  commits on the scope.

  Background:
    Given the durability test app
    And warehouse "wh-1" of tenant "t1" holds 5 of "sku-a" and 5 of "sku-b" at scope version 2
    And a deferred operation is attempted at most 4 times

  Rule: A conflict is retried until the operation commits, and it commits once

    Scenario: A reservation decided on a stale version is retried to one commit
      When reservation "r-1" of 1 "sku-a" is made on scope version 1
      Then it is deferred, not queued
      When the background work runs
      Then the warehouse holds "StockAdded:sku-a, StockAdded:sku-b, StockReserved:r-1" at scope version 3
      And the deferred reservation "r-1" is "done" after 1 attempt with a "success" result at scope version 3

    Scenario: A reservation on the current version commits at once
      When reservation "r-2" of 1 "sku-a" is made on scope version 2
      Then it completes at once with a "success" result at scope version 3
      And no operation of the warehouse was deferred

    Scenario: A rejection is an answer, not a conflict
      When reservation "r-3" of 9 "sku-a" is made on scope version 2
      Then it completes at once with a "rejected" result "INSUFFICIENT_STOCK"
      And no operation of the warehouse was deferred

  Rule: Retries of one scope run one at a time, in order

    Scenario: A second deferred reservation waits for the first and then commits after it
      When reservation "r-4" of 1 "sku-a" is made on scope version 1
      And reservation "r-5" of 1 "sku-b" is made on scope version 1
      Then "r-4" holds the lane with a Workpool job and "r-5" waits without one
      When the background work runs
      Then the warehouse holds "StockAdded:sku-a, StockAdded:sku-b, StockReserved:r-4, StockReserved:r-5" at scope version 4
      And the deferred reservation "r-4" is "done" after 1 attempt with a "success" result at scope version 3
      And then the deferred reservation "r-5" is "done" after 1 attempt with a "success" result at scope version 4

  Rule: An operation that keeps conflicting is recorded failed and frees the lane

    Scenario: The attempts run out; the failure is recorded and the next operation proceeds
      Given every read of the warehouse is one commit behind
      When reservation "r-6" of 1 "sku-a" is made on scope version 1
      And reservation "r-7" of 1 "sku-b" is made on scope version 1
      And the background work runs
      Then the deferred reservation "r-6" is "failed" after 4 attempts with the error naming DCB_SCOPE_CONFLICT
      And then the deferred reservation "r-7" is "failed" after 4 attempts with the error naming DCB_SCOPE_CONFLICT
      And the warehouse holds "StockAdded:sku-a, StockAdded:sku-b" at scope version 2
      When the reads are current again
      And then reservation "r-8" of 1 "sku-a" is made on scope version 1
      And the retry runs in the background
      Then the deferred reservation "r-8" is "done" after 1 attempt with a "success" result at scope version 3

  Rule: Only configured operations run

    Scenario: An operation that is not configured is refused before anything runs
      When reservation "r-9" of 1 "sku-a" is made as the operation "restock"
      Then it is refused with UNKNOWN_DCB_OPERATION: 'no scope operation is configured as "restock"; expected one of ["reserveStock"]'
      And no operation of the warehouse was deferred

    Scenario: An unknown deferred operation id is refused
      When the deferred operation "nope" is looked up
      Then it is refused with DCB_RETRY_NOT_FOUND: 'no deferred scope operation has the id "nope"; expected a retryId from DcbRetry.execute'
