Feature: Scope commands (Dynamic Consistency Boundaries) through the orchestrator
  A scope handler (createScopeDeciderHandler) decides over several entities of one bounded
  context, such as the stock of the products of a warehouse: it loads their CMS rows and the
  scope version they reflect, runs a pure decider, writes every changed row and returns the
  events with their streams and the scope key. The orchestrator commits them with commitScope,
  the scope at the version the CMS decided on, in the same transaction: the CMS rows and the
  events of every stream commit together, or nothing does. These scenarios run the eventStore
  and commandBus components and a warehouse bounded context under convex-test.

  Background:
    Given the scope command test app
    And warehouse "wh-1" was stocked with "sku-a:5, sku-b:2" as command "cmd-stock"

  Rule: A scope command commits the events of several streams in one scope commit

    Scenario: A reservation over two products commits both lines at one scope version
      When reservation "r-1" of "sku-a:2, sku-b:1" is made in warehouse "wh-1" as command "cmd-r1"
      Then the outcome is executed at scope version 2 of scope "tenant:t1:warehouse:wh-1"
      And the virtual stream of warehouse "wh-1" holds "StockAdded sku-a, StockAdded sku-b, StockReserved sku-a, StockReserved sku-b" at version 2
      And the events of command "cmd-r1" carry its correlation and tenant "t1"
      And the CMS of warehouse "wh-1" is at version 2 with "sku-a:3, sku-b:1"
      And the command "cmd-r1" is recorded "executed" with the event ids of the outcome
      And the projection hook saw scope "tenant:t1:warehouse:wh-1" at version 2 with 2 events for command "cmd-r1"

    Scenario: A scope command costs 4 component calls
      When reservation "r-2" of "sku-a:1, sku-b:1" is made in warehouse "wh-1" as command "cmd-m", measured
      Then it cost 4 component calls and 9 document writes

    Scenario: A duplicate returns the stored result and commits nothing
      When reservation "r-1" of "sku-a:2" is made in warehouse "wh-1" as command "cmd-r1"
      And reservation "r-1" of "sku-a:2" is made in warehouse "wh-1" as command "cmd-r1"
      Then the last outcome is the first one, marked as a duplicate
      And the CMS of warehouse "wh-1" is at version 2 with "sku-a:3, sku-b:2"

  Rule: A rejected or failed scope decision writes no CMS row and commits nothing to the scope

    Scenario: A line short of stock rejects the whole reservation
      When reservation "r-1" of "sku-a:2, sku-b:3" is made in warehouse "wh-1" as command "cmd-short"
      Then the outcome is rejected with code "INSUFFICIENT_STOCK" naming "sku-b"
      And the virtual stream of warehouse "wh-1" holds "StockAdded sku-a, StockAdded sku-b" at version 1
      And the CMS of warehouse "wh-1" is at version 1 with "sku-a:5, sku-b:2"
      And the command "cmd-short" is recorded "rejected" with no event

    Scenario: A failure's audit event goes to the scope's failure stream, in the scope's tenant
      When reservation "r-9" of "sku-a:1, sku-b:1, sku-c:1, sku-d:1, sku-e:1, sku-f:1" is made in warehouse "wh-1" as command "cmd-fail"
      Then the outcome is failed with code "HANDLER_FAILED"
      And the failure stream "warehouseFailures" of "wh-1" holds "ReservationRefused" for tenant "t1"
      And the virtual stream of warehouse "wh-1" holds "StockAdded sku-a, StockAdded sku-b" at version 1

  Rule: A scope that disagrees with its CMS rolls the whole command back

    Scenario: Events committed to the scope outside the CMS make the next command conflict
      Given stock of "sku-a" was committed to the scope of warehouse "wh-1" behind its CMS
      When reservation "r-1" of "sku-a:1" is made in warehouse "wh-1" as command "cmd-late"
      Then the error is CONCURRENT_MODIFICATION at scope version 2 for a decision on version 1
      And the CMS of warehouse "wh-1" is at version 1 with "sku-a:5, sku-b:2"
      And the command "cmd-late" was never recorded

  Rule: Events name their stream exactly when the handler names a scope

    Scenario Outline: A handler result that mixes the two shapes is refused and rolled back
      When reservation "r-1" of "sku-a:1" is made in warehouse "wh-1" as command "<commandId>" by the "<handler>" handler
      Then the error is INVALID_HANDLER_RESULT saying "<says>"
      And the command "<commandId>" was never recorded

      Examples:
        | handler         | commandId | says                  |
        | withoutStreams  | cmd-ws    | without its stream    |
        | withStrayStream | cmd-ss    | named a stream for ev |
