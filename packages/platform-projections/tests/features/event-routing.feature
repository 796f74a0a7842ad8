Feature: Routing the log to partitions
  A projection's dispatcher reads the log after its cursor and hands the page to routeEvents: one
  routed row per event for its partition's catch-up job, a dead letter for each event that has no
  partition, and the cursor moved to the end of the page, all in one mutation. A dispatch whose
  read went stale writes nothing. These scenarios call the component's functions directly; an
  event written "order-a@3" is the event "evt-3" at global position 3 of partition "order-a".

  Rule: Routing moves the cursor and answers the partition keys to catch up

    Scenario: A first page is routed to its partitions
      Given the cursor of "orderTotals" is at 0
      When "order-a@1, order-b@2, order-a@3" are routed for "orderTotals" from 0 to 4
      Then routing answered the partition keys "order-a, order-b"
      And the cursor of "orderTotals" is at 4
      And partition "order-a" of "orderTotals" waits on "evt-1, evt-3"
      And partition "order-b" of "orderTotals" waits on "evt-2"

    Scenario: The next page continues from the cursor, and each projection has its own
      Given "order-a@1" were routed for "orderTotals" from 0 to 1
      When "order-a@2, order-c@5" are routed for "orderTotals" from 1 to 5
      And "customer-9@3" are routed for "customerStats" from 0 to 3
      Then the cursor of "orderTotals" is at 5
      And the cursor of "customerStats" is at 3
      And partition "order-a" of "orderTotals" waits on "evt-1, evt-2"
      And partition "customer-9" of "customerStats" waits on "evt-3"

    Scenario: A page without events moves the cursor and names no partition
      Given "order-a@1" were routed for "orderTotals" from 0 to 1
      When "" are routed for "orderTotals" from 1 to 9
      Then routing answered the partition keys ""
      And the cursor of "orderTotals" is at 9
      And partition "order-a" of "orderTotals" waits on "evt-1"

  Rule: A dispatch whose read went stale writes nothing

    Scenario: Another dispatch moved the cursor first
      Given "order-a@1, order-a@2" were routed for "orderTotals" from 0 to 2
      When "order-a@1, order-b@2, order-b@3" are routed for "orderTotals" from 0 to 3
      Then routing answered that the cursor moved to 2
      And the call wrote nothing
      And partition "order-b" of "orderTotals" waits on ""

  Rule: Routing refuses a page it cannot route faithfully

    Scenario Outline: A page that does not fit the cursor is refused
      Given "order-a@1" were routed for "orderTotals" from 0 to 1
      When <page> is routed for "orderTotals" from 1 to 4
      Then it is refused with INVALID_ARGUMENT saying "<message>"
      And the call wrote nothing

      Examples:
        | page                                              | message                                                                                      |
        | a page with an event at the expected position     | event evt-1 at position 1 is outside the routed range (1, 4]                                 |
        | a page with an event after the next position      | event evt-5 at position 5 is outside the routed range (1, 4]                                 |
        | a page with an unroutable event before the cursor | event evt-1 at position 1 is outside the routed range (1, 4]                                 |
        | a page one event over MAX_PAGE_SIZE               | a routing call carries at most 500 events (got 501): route the page in smaller reads         |
        | a page with an event without a partition key      | partitionKey of event evt-3 must be a non-empty string (got "")                              |
        | a page that lists one event twice                 | event evt-2 is listed more than once in the page: route each event once                      |
        | a page that lists an event as routed and unroutable | event evt-3 is listed more than once in the page: route each event once                    |

    Scenario Outline: Positions the cursor cannot take are refused
      Given "order-a@1" were routed for "orderTotals" from 0 to 1
      When an empty page is routed for "<projection>" from <from> to <to>
      Then it is refused with INVALID_ARGUMENT saying "<message>"
      And the call wrote nothing

      Examples:
        | projection  | from | to  | message                                                                    |
        | orderTotals | 1    | 0   | nextPosition 0 is before expectedPosition 1: the cursor only moves forward |
        | orderTotals | -1   | 4   | expectedPosition must be a non-negative integer position (got -1)         |
        | orderTotals | 1    | 4.5 | nextPosition must be a non-negative integer position (got 4.5)             |
        |             | 0    | 4   | projection must be a non-empty string (got "")                             |

  Rule: An event without a partition becomes a dead letter at once

    Scenario: An event whose partition key could not be computed is quarantined
      When "order-a@1, order-a@3" are routed for "orderTotals" from 0 to 3 with "evt-2" unroutable because "orderId is missing"
      Then routing answered the partition keys "order-a"
      And the poison record of "evt-2" for "orderTotals" is "quarantined" after attempt 1
      And the poison record of "evt-2" is kept under the unroutable partition with the error "orderId is missing"
      And the dead letters of "orderTotals" are "evt-2"
      And partition "order-a" of "orderTotals" waits on "evt-1, evt-3"
      And the cursor of "orderTotals" is at 3

    Scenario: Routing the same page twice records its unroutable event once
      Given "order-a@1" were routed for "orderTotals" from 0 to 2 with "evt-2" unroutable because "orderId is missing"
      When the same page is routed again
      Then routing answered that the cursor moved to 2
      And the call wrote nothing
      And "orderTotals" has 1 poison record
      And the dead letters of "orderTotals" are "evt-2"
