Feature: Catching a partition up from its checkpoint
  A catch-up job loads the events routed to its partition after the checkpoint, applies them,
  and advances the checkpoint in the same transaction as its read-model writes: the routed rows
  it passed are deleted, and what it applied and skipped is counted. A job that runs late, twice
  or out of order finds nothing after the checkpoint, and an advance that would move the
  checkpoint backwards, repeat it or pass events it did not count is refused. These scenarios
  call the component's functions directly; "order-a@3" is the event "evt-3" at global position 3
  of partition "order-a".

  Rule: A load answers the routed events after the checkpoint, in position order

    Scenario: A first load finds no checkpoint and every routed event of the partition
      Given "order-a@3, order-b@2, order-a@1" were routed for "orderTotals" from 0 to 3
      And "order-a@4" were routed for "orderTotals" from 3 to 4
      And "order-a@2" were routed for "customerStats" from 0 to 2
      When partition "order-a" of "orderTotals" is loaded with a limit of 10
      Then the load has no checkpoint
      And the load has "evt-1, evt-3, evt-4" pending and no more

    Scenario: A load takes at most its limit and says that more wait
      Given "order-a@1, order-a@2, order-a@3" were routed for "orderTotals" from 0 to 3
      When partition "order-a" of "orderTotals" is loaded with a limit of 2
      Then the load has "evt-1, evt-2" pending and more

    Scenario: A load starts after the checkpoint
      Given "order-a@1, order-a@2, order-a@3" were routed for "orderTotals" from 0 to 3
      And partition "order-a" of "orderTotals" advanced through "evt-1" with 1 applied and 0 skipped
      When partition "order-a" of "orderTotals" is loaded with a limit of 10
      Then the load has its checkpoint at "evt-1" with 1 applied and 0 skipped
      And the load has "evt-2, evt-3" pending and no more

    Scenario: Pending events carry the poison record of their earlier failures
      Given "order-a@1, order-a@2" were routed for "orderTotals" from 0 to 2
      And the handler of "orderTotals" failed on "evt-2" of partition "order-a" with "disk full"
      When partition "order-a" of "orderTotals" is loaded with a limit of 10
      Then the pending "evt-1" has no poison record
      And the pending "evt-2" has a "retrying" poison record after attempt 1 with the error "disk full"

    Scenario Outline: A load limit outside 1 to MAX_PAGE_SIZE is refused
      When a load of partition "order-a" of "orderTotals" asks for <limit> events
      Then it is refused with INVALID_ARGUMENT saying "limit must be an integer from 1 to 500 (got <limit>)"

      Examples:
        | limit |
        | 0     |
        | 501   |
        | 2.5   |

  Rule: An advance moves the checkpoint and removes what it passed

    Scenario: An advance moves the checkpoint, deletes the routed rows it passed and counts them
      Given "order-a@1, order-a@2, order-a@3, order-b@4" were routed for "orderTotals" from 0 to 4
      When partition "order-a" of "orderTotals" advances through "evt-2" with 1 applied and 1 skipped
      Then the advance answered a checkpoint at "evt-2" with 1 applied and 1 skipped, and more
      And the checkpoint of partition "order-a" of "orderTotals" is at "evt-2" with 1 applied and 1 skipped
      And partition "order-a" of "orderTotals" waits on "evt-3"
      And partition "order-b" of "orderTotals" waits on "evt-4"

    Scenario: Counts add up over advances, and the last one says no more
      Given "order-a@1, order-a@2, order-a@3" were routed for "orderTotals" from 0 to 3
      And partition "order-a" of "orderTotals" advanced through "evt-1" with 1 applied and 0 skipped
      When partition "order-a" of "orderTotals" advances through "evt-3" with 1 applied and 1 skipped
      Then the advance answered a checkpoint at "evt-3" with 2 applied and 1 skipped, and no more
      And partition "order-a" of "orderTotals" waits on ""

    Scenario: Events that succeeded on a later attempt are marked recovered
      Given "order-a@1, order-a@2" were routed for "orderTotals" from 0 to 2
      And the handler of "orderTotals" failed on "evt-1" of partition "order-a" with "timeout"
      And the handler of "orderTotals" failed on "evt-2" of partition "order-a" once with maxAttempts 1
      When partition "order-a" of "orderTotals" advances through "evt-2" with 1 applied and 1 skipped, recovering "evt-1, evt-2"
      Then the poison record of "evt-1" for "orderTotals" is "recovered" after attempt 1
      And the poison record of "evt-2" for "orderTotals" is "quarantined" after attempt 1
      And the dead letters of "orderTotals" are "evt-2"

    Scenario Outline: An advance that would move the checkpoint backwards or repeat it is refused
      Given "order-a@1, order-a@2, order-a@3" were routed for "orderTotals" from 0 to 3
      And partition "order-a" of "orderTotals" advanced through "evt-2" with 2 applied and 0 skipped
      When partition "order-a" of "orderTotals" tries to advance through "<event>" with 1 applied and 0 skipped
      Then it is refused with INVALID_ARGUMENT saying "the checkpoint of orderTotals/order-a is at 2: advancing to <position> would move it backwards or repeat it"
      And the call wrote nothing

      Examples:
        | event | position |
        | evt-1 | 1        |
        | evt-2 | 2        |

    Scenario Outline: An advance that passes events it did not count is refused
      Given "order-a@1, order-a@2, order-a@3, order-b@4" were routed for "orderTotals" from 0 to 4
      When partition "order-a" of "orderTotals" tries to advance through "<event>" with <applied> applied and <skipped> skipped
      Then it is refused with INVALID_ARGUMENT saying "<message>"
      And the call wrote nothing

      Examples:
        | event | applied | skipped | message                                                                                                                       |
        | evt-3 | 1       | 0       | advancing orderTotals/order-a through position 3 passes 3 routed events, but 1 were counted (applied + skipped): count each one |
        | evt-2 | 3       | 0       | advancing orderTotals/order-a through position 2 passes 2 routed events, but 3 were counted (applied + skipped): count each one |
        | evt-4 | 4       | 0       | orderTotals/order-a can only advance to one of its routed events: evt-4 at position 4 is not one                              |
        | evt-9 | 3       | 0       | orderTotals/order-a can only advance to one of its routed events: evt-9 at position 9 is not one                              |
        | evt-1 | -1      | 2       | applied must be a non-negative integer (got -1)                                                                               |
        | evt-1 | 1       | 0.5     | skipped must be a non-negative integer (got 0.5)                                                                              |

    Scenario: An advance marks recovered only events it passes
      Given "order-a@1, order-a@2" were routed for "orderTotals" from 0 to 2
      And the handler of "orderTotals" failed on "evt-2" of partition "order-a" with "timeout"
      When partition "order-a" of "orderTotals" tries to advance through "evt-1" with 1 applied and 0 skipped, recovering "evt-2"
      Then it is refused with INVALID_ARGUMENT saying "recoveredEventIds must be events this advance passes: evt-2 is not"
      And the call wrote nothing
      And the poison record of "evt-2" for "orderTotals" is "retrying" after attempt 1

    Scenario: One advance passes at most MAX_PAGE_SIZE events
      Given 501 events of partition "order-a" were routed for "orderTotals"
      When partition "order-a" of "orderTotals" tries to advance through "evt-501" with 501 applied and 0 skipped
      Then it is refused with INVALID_ARGUMENT saying "one advance passes at most 500 routed events (orderTotals/order-a has more up to position 501): advance a loaded page at a time"
      And the call wrote nothing

  Rule: Checkpoints are read one at a time or a page at a time

    Scenario: A partition has no checkpoint before its first advance
      Then partition "order-z" of "orderTotals" has no checkpoint

    Scenario Outline: Checkpoints are listed in partition key order, a page at a time
      Given partitions "p-e, p-a, p-d, p-b, p-c" of "orderTotals" each advanced through one event
      And partition "p-0" of "customerStats" advanced through one event
      Then listing the checkpoints of "orderTotals" <size> at a time gives "<pages>"

      Examples:
        | size | pages                         |
        | 2    | p-a, p-b / p-c, p-d / p-e     |
        | 5    | p-a, p-b, p-c, p-d, p-e       |
        | 4    | p-a, p-b, p-c, p-d / p-e      |
        | 500  | p-a, p-b, p-c, p-d, p-e       |

    Scenario: A checkpoint page limit outside 1 to MAX_PAGE_SIZE is refused
      When the checkpoints of "orderTotals" are listed 501 at a time
      Then it is refused with INVALID_ARGUMENT saying "limit must be an integer from 1 to 500 (got 501)"
