Feature: Dynamic Consistency Boundaries through the EventStore client
  A scope groups the streams one decision must see together, such as the products of a
  warehouse. The client reads the scope's virtual stream with its version, and commits the
  events of a decision to several streams at once if nobody committed to the scope meanwhile.

  Rule: A scope commits one decision across several streams under one version

    Scenario: Reservations of two products commit together
      Given an app using the eventStore component
      When tenant "t1" commits reservations of "sku-a, sku-b" to the scope "inventory" "wh-1" at version 0
      Then the commit succeeds at scope version 1
      And the virtual stream of the scope returns the reservations of "sku-a, sku-b" at version 1
      And the scope record counts 2 streams in bounded context "inventory"

    Scenario: A commit decided on a stale version is a conflict
      Given an app using the eventStore component
      And tenant "t1" committed a reservation of "sku-a" to the scope "inventory" "wh-1"
      When tenant "t1" commits reservations of "sku-b" to the scope "inventory" "wh-1" at version 0
      Then the commit is a conflict at scope version 1
      And the virtual stream of the scope returns the reservations of "sku-a" at version 1

    Scenario: Another tenant can neither read nor write the scope
      Given an app using the eventStore component
      And tenant "t1" committed a reservation of "sku-a" to the scope "inventory" "wh-1"
      Then tenant "t2" reading that scope fails with code "TENANT_MISMATCH"
      And tenant "t2" committing to that scope fails with code "TENANT_MISMATCH"

  Rule: Scope keys name a tenant, a scope type and a scope id

    Scenario: A key is built and read back
      When the key of tenant "t1", scope type "inventory" and scope id "wh-1" is built
      Then it is "tenant:t1:inventory:wh-1" and parses back into its three parts

    Scenario Outline: A malformed key names its bad part
      Then the key "<key>" is invalid in its <part> part, with the expected format in the message

      Examples:
        | key                     | part      |
        | scope:t1:inventory:wh-1 | prefix    |
        | tenant::inventory:wh-1  | tenantId  |
        | tenant:t1::wh-1         | scopeType |
        | tenant:t1:inventory     | scopeId   |
