Feature: Poison events and dead letters
  A projection handler that throws on an event has its failure counted by recordFailure, in a
  mutation of the catch-up job that commits although the handler's writes rolled back. Below
  maxAttempts (DEFAULT_MAX_ATTEMPTS, 3) the event is retrying and its partition waits on it; at
  maxAttempts it is quarantined: the partition passes over it and it waits as a dead letter until
  an operator replays or ignores it. These scenarios call the component's functions directly; the
  event "evt-7" is at global position 7.

  Rule: A handler failure is counted until the event is quarantined

    Scenario: Three failures quarantine an event by default
      When the handler of "orderTotals" fails on "evt-4" of partition "order-a" with "disk full"
      And 1 minute passes
      And the handler of "orderTotals" fails on "evt-4" of partition "order-a" with "disk still full"
      And 2 minutes pass
      And the handler of "orderTotals" fails on "evt-4" of partition "order-a" with "disk full again"
      Then the failures answered "retrying after attempt 1, retrying after attempt 2, quarantined after attempt 3"
      And DEFAULT_MAX_ATTEMPTS is 3
      And the poison record of "evt-4" for "orderTotals" is "quarantined" after attempt 3
      And the poison record of "evt-4" for "orderTotals" keeps the last error "disk full again" and failed first 3 minutes before its last failure

    Scenario: maxAttempts 1 quarantines an event at its first failure
      When the handler of "orderTotals" fails on "evt-4" of partition "order-a" with maxAttempts 1
      Then the failures answered "quarantined after attempt 1"
      And the dead letters of "orderTotals" are "evt-4"

    Scenario: A larger maxAttempts keeps an event retrying longer
      When the handler of "orderTotals" fails on "evt-4" of partition "order-a" 5 times with maxAttempts 5
      Then the failures answered "retrying after attempt 1, retrying after attempt 2, retrying after attempt 3, retrying after attempt 4, quarantined after attempt 5"

    Scenario: A quarantined event that fails again stays quarantined with one more attempt
      Given the handler of "orderTotals" fails on "evt-4" of partition "order-a" with maxAttempts 1
      When the handler of "orderTotals" fails on "evt-4" of partition "order-a" with "still broken"
      Then the failures answered "quarantined after attempt 1, quarantined after attempt 2"
      And the poison record of "evt-4" for "orderTotals" is "quarantined" after attempt 2

    Scenario: Each projection counts its own failures of one event
      When the handler of "orderTotals" fails on "evt-4" of partition "order-a" with "disk full"
      And the handler of "customerStats" fails on "evt-4" of partition "customer-9" with "disk full"
      Then the poison record of "evt-4" for "orderTotals" is "retrying" after attempt 1
      And the poison record of "evt-4" for "customerStats" is "retrying" after attempt 1

    Scenario Outline: A maxAttempts below 1 or not an integer is refused
      When the handler of "orderTotals" fails on "evt-4" of partition "order-a" with maxAttempts <maxAttempts>
      Then it is refused with INVALID_ARGUMENT saying "maxAttempts must be an integer of at least 1 (got <maxAttempts>)"
      And the call wrote nothing

      Examples:
        | maxAttempts |
        | 0           |
        | -2          |
        | 2.5         |

  Rule: Dead letters are listed by status and projection, most recent failure first

    Scenario: Dead letters of every projection, then of one, then of another status
      Given the handler of "orderTotals" fails on "evt-1" of partition "order-a" with maxAttempts 1
      And 1 minute passes
      And the handler of "customerStats" fails on "evt-2" of partition "customer-9" with maxAttempts 1
      And 2 minutes pass
      And the handler of "orderTotals" fails on "evt-3" of partition "order-b" with maxAttempts 1
      And 3 minutes pass
      And the handler of "orderTotals" fails on "evt-5" of partition "order-c" with "timeout"
      Then the dead letters of every projection are "orderTotals/evt-3, customerStats/evt-2, orderTotals/evt-1"
      And the dead letters of every projection, 2 at most, are "orderTotals/evt-3, customerStats/evt-2"
      And the dead letters of "orderTotals" are "evt-3, evt-1"
      And the "retrying" poison records of every projection are "orderTotals/evt-5"
      And the "retrying" poison records of "customerStats" are ""

    Scenario Outline: A dead letter limit outside 1 to MAX_PAGE_SIZE is refused
      When the dead letters are listed <limit> at most
      Then it is refused with INVALID_ARGUMENT saying "limit must be an integer from 1 to 500 (got <limit>)"

      Examples:
        | limit |
        | 0     |
        | 501   |

  Rule: An operator closes a dead letter as replayed or ignored

    Scenario Outline: A quarantined event is closed
      Given the handler of "orderTotals" fails on "evt-4" of partition "order-a" with maxAttempts 1
      When the dead letter "evt-4" of "orderTotals" is resolved as "<resolution>"
      Then the resolution answered "resolved" with a "<resolution>" record
      And the poison record of "evt-4" for "orderTotals" is "<resolution>" after attempt 1
      And the dead letters of "orderTotals" are ""
      And the "<resolution>" poison records of "orderTotals" are "evt-4"

      Examples:
        | resolution |
        | replayed   |
        | ignored    |

    Scenario: An event that never failed is not found
      When the dead letter "evt-9" of "orderTotals" is resolved as "ignored"
      Then the resolution answered "not_found"
      And the call wrote nothing

    Scenario Outline: Only a quarantined event can be closed
      Given the poison record of "evt-4" for "orderTotals" is <state>
      When the dead letter "evt-4" of "orderTotals" is resolved as "ignored"
      Then the resolution answered "not_quarantined" with a "<status>" record
      And the call wrote nothing

      Examples:
        | state                             | status    |
        | retrying after one failure        | retrying  |
        | recovered after a later attempt   | recovered |
        | replayed by an operator           | replayed  |
        | ignored by an operator            | ignored   |
