Feature: Dynamic consistency boundaries
  An invariant that spans several entities of one bounded context, such as stock across the
  products of a warehouse, is decided over a scope: the events of several physical streams read
  together as a virtual stream, and committed together under the scope's own version.

  Rule: DCB defines four core concepts for scope-based coordination

    Scenario: A scope key names the consistency boundary
      When the scope key of tenant "t1", scope type "warehouse" and scope id "wh-1" is built
      Then it reads "tenant:t1:warehouse:wh-1" and names its tenant, type and id

    Scenario: The scope table tracks each scope's version
      Given an event store app
      When warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5, sku-b:2"
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-c:1"
      Then the dcbScopes record of the scope is at version 2 over 3 streams in bounded context "inventory"

    Scenario: The virtual stream composes the scope's physical streams
      Given an event store app
      When warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5, sku-b:2"
      Then the virtual stream of the scope holds "sku-a, sku-b" in position order
      And the stream of product "sku-a" alone holds 1 event

    Scenario: Scope OCC refuses a commit made on a version that has moved on
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5"
      When a reservation of "sku-a:1" decided on scope version 0 is committed
      Then the commit is a scope conflict at current version 1 and nothing is written

  Rule: Scope key uniquely identifies consistency boundary with OCC

    Scenario Outline: A malformed scope key is refused, naming the bad part
      Given an event store app
      When events are committed to the scope "<key>"
      Then the commit fails with code "INVALID_SCOPE_KEY" naming the part "<part>" and the expected format

      Examples:
        | key                      | part      |
        | warehouse:t1:wh-1        | prefix    |
        | tenant::warehouse:wh-1   | tenantId  |
        | tenant:t1::wh-1          | scopeType |
        | tenant:t1:warehouse      | scopeId   |

    Scenario: Two decisions on the same scope version: only the first commits
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5, sku-b:5"
      When two reservations of "sku-a:1" and "sku-b:1" are both decided on scope version 1
      Then the first commits at scope version 2 and the second is a scope conflict at version 2
      And the virtual stream of the scope holds 3 events

    Scenario: Different scopes are separate consistency boundaries
      Given an event store app
      When warehouses "wh-1" and "wh-2" of tenant "t1" are each stocked at scope version 0
      Then both commits succeed at scope version 1

  Rule: Virtual streams compose events across scope

    Scenario: The events of several products read back in position order, page by page
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5, sku-b:2"
      And order "ord-1" reserves "sku-b:1, sku-a:2" in warehouse "wh-1" of tenant "t1"
      When the virtual stream of the scope is read in pages of 2
      Then it returns "StockAdded sku-a, StockAdded sku-b, StockReserved sku-b, StockReserved sku-a"
      And every event carries the scope key and tenant "t1"

    Scenario: Events of other scopes stay out of the virtual stream
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5"
      And another warehouse "wh-2" of tenant "t1" is stocked with "sku-z:9"
      Then the virtual stream of the scope holds "sku-a" in position order

    Scenario: A tenant never sees another tenant's scope
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5"
      Then tenant "t2" reading the virtual stream of warehouse "wh-1" of tenant "t1" fails with code "TENANT_MISMATCH"
      And tenant "t2" reading the scope record fails with code "TENANT_MISMATCH"
      And tenant "t2" reading the stream of product "sku-a" fails with code "TENANT_MISMATCH"
      And tenant "t2" finds none of the scope's events by their correlation id, tenant "t1" all of them

  Rule: DCB enforces three mandatory constraints

    Scenario: Single bounded context: a scope refuses events of another context
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5"
      When events of bounded context "billing" are committed to that scope
      Then the commit fails with code "CROSS_BOUNDED_CONTEXT_SCOPE" and nothing is written

    Scenario: Tenant-aware: a scope refuses an event of another tenant
      Given an event store app
      When an event of tenant "t2" is committed to warehouse "wh-1" of tenant "t1"
      Then the commit fails with code "TENANT_MISMATCH" and nothing is written

    Scenario: Decider required: the outcome of a scope operation is the decider's
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:1"
      When order "ord-1" reserves "sku-a:2" in warehouse "wh-1" of tenant "t1"
      Then the decider rejected it with code "INSUFFICIENT_STOCK" and nothing was committed

  Rule: Operations must use Decider pattern

    Scenario: A reservation decided by a pure decider is committed with commitScope
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5, sku-b:2"
      When order "ord-1" reserves "sku-a:3, sku-b:2" in warehouse "wh-1" of tenant "t1"
      Then the decider succeeded with "StockReserved, StockReserved"
      And its events were committed to the streams "sku-a, sku-b" at scope version 2
      And folding the virtual stream leaves "sku-a:2, sku-b:0" available

    Scenario: A rejected decision commits nothing
      Given an event store app
      And warehouse "wh-1" of tenant "t1" is stocked with "sku-a:5, sku-b:2"
      When order "ord-1" reserves "sku-a:1, sku-b:3" in warehouse "wh-1" of tenant "t1"
      Then the decider rejected it with code "INSUFFICIENT_STOCK" and nothing was committed

    Scenario: The decider is pure: the same events and command give the same decision
      Given the stock events "sku-a:5, sku-b:2"
      When the decider decides a reservation of "sku-a:2" twice at the same time
      Then both decisions are equal and the events were not changed
