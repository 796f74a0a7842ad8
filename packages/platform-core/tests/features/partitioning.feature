Feature: Projection partitioning
  Workpool has no keyed ordering, so a projection job means "catch partition P of projection X
  up from its checkpoint". A partition key names P: one checkpoint per partition, jobs of one
  partition never race, jobs of different partitions run in parallel. Every projection a
  command triggers declares its partition key explicitly; a command config without one is
  refused when it is defined.

  Rule: Partition keys have one clear format per strategy

    Scenario Outline: Each helper returns a key whose value parses back
      When the partition key <call> is made
      Then it is named "<name>" with the value "<value>"
      And its value parses back to '<parsed>'

      Examples:
        | call                        | name   | value                | parsed                                                          |
        | byStream("order-1")         | stream | stream:order-1       | {"strategy":"stream","streamId":"order-1"}                      |
        | byStream("tenant:a/order")  | stream | stream:tenant:a/order | {"strategy":"stream","streamId":"tenant:a/order"}               |
        | byEntity("order", "o:1")    | entity | entity:order:o:1     | {"strategy":"entity","entityType":"order","entityId":"o:1"}     |
        | byTenant("acme")            | tenant | tenant:acme          | {"strategy":"tenant","tenantId":"acme"}                         |
        | global()                    | global | global               | {"strategy":"global"}                                           |

    Scenario Outline: Malformed keys are refused
      When the partition key <call> is made
      Then it is refused with the single problem '<problem>'

      Examples:
        | call                    | problem                                                                                                                     |
        | byStream("")            | INVALID_PARTITION_KEY: byStream: streamId must be a non-empty string (got "")                                              |
        | byEntity("Order", "1")  | INVALID_PARTITION_KEY: byEntity: entityType must be camelCase such as "order" (got "Order")                                |
        | byTenant(42)            | INVALID_PARTITION_KEY: byTenant: tenantId must be a non-empty string (got number 42)                                       |
        | parse("shard:7")        | INVALID_PARTITION_KEY: partition value must be "stream:<streamId>", "entity:<type>:<id>", "tenant:<tenantId>" or "global" (got "shard:7") |

    Scenario: Keys are recognised by their shape
      Then '{"name":"stream","value":"stream:s-1"}' is a partition key
      And '{"name":"tenant","value":"stream:s-1"}' is not a partition key
      And the strategies are "stream, entity, tenant, global"

  Rule: Each projection declares how it is partitioned

    Scenario: An entity projection takes its key field from its definition
      When the partition config of "orderSummary" is defined with the strategy "entity"
      Then it has the key field "orderId", the entity type "order" and a parallelism of 10
      And the event '{"eventType":"OrderSubmitted","streamId":"order-o-1","payload":{"orderId":"o-1"}}' belongs to "entity:order:o-1"

    Scenario Outline: Each strategy computes the key from the event
      When the partition config of "<projection>" is defined from '<config>'
      Then the event '<event>' belongs to "<partition>"
      And the config's parallelism is <parallelism>

      Examples:
        | projection     | config                                         | event                                                                 | partition          | parallelism |
        | orderHistory   | {"strategy":"stream"}                          | {"streamId":"order-o-1","payload":{}}                                 | stream:order-o-1   | 10          |
        | tenantTotals   | {"strategy":"tenant"}                          | {"streamId":"order-o-1","tenantId":"acme","payload":{}}               | tenant:acme        | 5           |
        | regionTotals   | {"strategy":"tenant","keyField":"region"}      | {"streamId":"order-o-1","payload":{"region":"emea"}}                  | tenant:emea        | 5           |
        | salesTotals    | {"strategy":"global"}                          | {"streamId":"order-o-1","payload":{}}                                 | global             | 1           |
        | customerOrders | {"strategy":"entity","keyField":"customerId","maxParallelism":20} | {"streamId":"order-o-1","payload":{"customerId":"c-1"}} | entity:customer:c-1 | 20          |

    Scenario: An event without the partition's id is refused, not put in some partition
      When the partition config of "orderSummary" is defined with the strategy "entity"
      Then the event '{"eventType":"OrderSubmitted","streamId":"order-o-1","payload":{"orderId":""}}' is refused with 'PARTITION_VALUE_MISSING: projection "orderSummary" partitions by entity field "orderId", but event OrderSubmitted on stream "order-o-1" has no non-empty string there (got "")'

    Scenario: A config that cannot work is refused with every problem
      When the partition config of "salesTotals" is defined from '{"strategy":"global","keyField":"orderId","maxParallelism":4}'
      Then it is refused with the problems:
        """
        INVALID_PARTITION_CONFIG: strategy "global" takes no keyField: there is one partition
        INVALID_PARTITION_CONFIG: maxParallelism must be 1 for strategy "global": one partition has one checkpoint, so parallel jobs would only contend on it (got 4)
        """

    Scenario: An entity strategy needs a key field
      When the partition config of "customerOrders" is defined from '{"strategy":"entity"}'
      Then it is refused with the single problem 'INVALID_PARTITION_CONFIG: strategy "entity" needs keyField (the payload field holding the entity id), or a projection definition with partitionKeyField'

    Scenario: The recommended parallelism per strategy
      Then the recommended parallelism is "stream: 10, entity: 10, tenant: 5, global: 1"

  Rule: Command configs declare a partition key for every projection they trigger

    Scenario: A config whose triggers all have partition keys passes
      Given the SubmitOrder config triggering "orderSummary" by entity and "salesTotals" globally
      When its partition keys are validated
      Then it is valid
      And the triggers compute "entity:order:o-1, global" for the order "o-1" on stream "order-o-1"

    Scenario: A trigger without a partition key is refused, naming the command and the projection
      Given the SubmitOrder config triggering "orderSummary" without a partition key
      When its partition keys are validated
      Then it is invalid with the single problem 'PARTITION_KEY_REQUIRED: command "SubmitOrder" triggers projection "orderSummary" without a partition key: declare partitionKey, e.g. ({ streamId }) => byStream(streamId) or ({ payload }) => byEntity("order", payload.orderId) (got undefined)'
      And asserting it throws that problem

    Scenario: Every problem of a config is found at once
      Given the SubmitOrder config triggering "orderSummary" twice and an entry that is not a trigger
      When its partition keys are validated
      Then it is invalid with the problems:
        """
        DUPLICATE_PROJECTION_TRIGGER: command "SubmitOrder" triggers projection "orderSummary" twice (triggers 0 and 1): expected one trigger per projection
        PARTITION_KEY_REQUIRED: command "SubmitOrder" triggers projection "orderSummary" without a partition key: declare partitionKey, e.g. ({ streamId }) => byStream(streamId) or ({ payload }) => byEntity("order", payload.orderId) (got "orderId")
        INVALID_PROJECTION_TRIGGER: command "SubmitOrder": projection trigger 2 must be { projection: <name or defineProjection(...)>, partitionKey } (got "salesTotals")
        """

    Scenario: A config without projections has nothing to check
      Given the CancelOrder config without projections
      When its partition keys are validated
      Then it is valid
