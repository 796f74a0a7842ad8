Feature: Projection complexity classifier
  The classifier recommends how to process a projection: its complexity sets the chunk size
  (events per replay or catch-up mutation, so a chunk stays within Convex's limits), and the
  order it needs sets the partition strategy and its parallelism. The worst feature wins.

  Rule: Complexity follows the work per event, strategy the order needed

    Scenario Outline: Each profile gets its complexity, chunk size and strategy
      When a projection with <eventTypes> event types writing <tables> tables, cross-context <crossContext>, external lookups <externalLookups> and ordering "<ordering>" is classified
      Then it is "<complexity>" with chunks of <chunkSize>, partitioned by "<strategy>" with a parallelism of <parallelism>

      Examples:
        | eventTypes | tables | crossContext | externalLookups | ordering   | complexity   | chunkSize | strategy | parallelism |
        | 2          | 1      | false        | false           | per-stream | simple       | 100       | stream   | 10          |
        | 12         | 1      | false        | false           | none       | simple       | 100       | stream   | 10          |
        | 3          | 2      | false        | false           | per-entity | medium       | 50        | entity   | 10          |
        | 4          | 1      | true         | false           | per-stream | complex      | 25        | entity   | 10          |
        | 4          | 3      | true         | false           | per-tenant | complex      | 25        | tenant   | 5           |
        | 1          | 1      | false        | true            | per-entity | very-complex | 10        | entity   | 10          |
        | 5          | 4      | true         | true            | global     | very-complex | 10        | global   | 1           |

    Scenario: The classification explains itself
      When a projection with 3 event types writing 2 tables, cross-context false, external lookups false and ordering "per-stream" is classified
      Then the rationale is:
        """
        it writes 2 tables per event: medium, more writes per event: 50 events per chunk
        it subscribes to 3 event types; the chunk size follows the work per event, not the number of types
        each stream's events are applied in order and streams in parallel: one partition per stream
        """

    Scenario: The chunk table is the documented one
      Then the chunk sizes are "simple: 100, medium: 50, complex: 25, very-complex: 10"
      And the orderings are "none, per-stream, per-entity, per-tenant, global"

    Scenario: A profile that cannot be classified is refused with every problem
      When the profile '{"eventTypes":0,"tables":1,"crossContext":"no","externalLookups":false,"ordering":"sorted","writes":3}' is classified
      Then it is refused with the problems:
        """
        INVALID_PROJECTION_PROFILE: writes is not a known field (known fields: "eventTypes", "tables", "crossContext", "externalLookups", "ordering")
        INVALID_PROJECTION_PROFILE: eventTypes must be a positive integer (got number 0)
        INVALID_PROJECTION_PROFILE: crossContext must be a boolean (got "no")
        INVALID_PROJECTION_PROFILE: ordering must be one of "none", "per-stream", "per-entity", "per-tenant", "global" (got "sorted")
        """
