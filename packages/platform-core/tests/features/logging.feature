Feature: Structured logging
  Loggers are scoped to a part of the system and write one structured record per line:
  { level, scope, message, timestamp, ...fields }. Lines below the logger's level are dropped.
  By default each record is one JSON line on the console, which is Convex's log stream; tests
  keep records in a memory sink and inject the clock.

  Rule: Records are structured and filtered by level

    Scenario: An INFO logger drops DEBUG lines and keeps the others, in order
      Given a logger "orders" at level "INFO" writing to a memory sink at time 1000
      When it logs at every level
      Then the sink holds "INFO orders: info line, WARN orders: warn line, ERROR orders: error line"
      And DEBUG is not enabled and WARN is

    Scenario: A record carries the level, scope, message, injected timestamp and fields
      Given a logger "orders" at level "DEBUG" writing to a memory sink at time 1000
      When it logs "order placed" at DEBUG with the fields '{"orderId":"o-1","items":2}'
      Then the record is '{"level":"DEBUG","scope":"orders","message":"order placed","timestamp":1000,"orderId":"o-1","items":2}'

    Scenario: A field named like a record key is kept beside it, not over it
      Given a logger "orders" at level "INFO" writing to a memory sink at time 5
      When it logs "odd fields" at INFO with the fields '{"level":"custom","message":"shadow"}'
      Then the record is '{"level":"INFO","scope":"orders","message":"odd fields","timestamp":5,"field:level":"custom","field:message":"shadow"}'

    Scenario: A logger without options logs at INFO
      Given a logger "billing" without options
      Then its level is "INFO"

  Rule: Child loggers extend the scope

    Scenario: A child writes under parent:child with the parent's fields and its own level
      Given a logger "orders" at level "INFO" writing to a memory sink at time 7
      When a child "projections" at level "DEBUG" with the field "component" = "runtime" logs "caught up" at DEBUG
      Then the record is '{"level":"DEBUG","scope":"orders:projections","message":"caught up","timestamp":7,"component":"runtime"}'
      And the parent still drops DEBUG lines

    Scenario Outline: A malformed scope or level is refused
      When a logger is created with <what>
      Then it is refused with the single problem '<problem>'

      Examples:
        | what                  | problem                                                                                                                                                            |
        | the scope "my orders" | INVALID_LOGGER_CONFIG: logger "my orders": a scope is one or more segments of letters, digits, "_", "." or "-", joined by ":" (such as "orders" or "orders:projections") |
        | the level "TRACE"     | INVALID_LOGGER_CONFIG: logger "orders": level must be one of "DEBUG", "INFO", "WARN", "ERROR" (got "TRACE")                                                          |
        | the child "a:b"       | INVALID_LOGGER_CONFIG: logger "orders": child "a:b": a child scope is one segment of letters, digits, "_", "." or "-" such as "projections"                            |

  Rule: The console sink writes one JSON line per record, at the console method of its level

    Scenario: Each level goes to its console method as one JSON line
      Given a logger "orders" at level "DEBUG" writing to a fake console at time 0
      When it logs at every level
      Then the console received "debug, info, warn, error" calls, each one JSON line of its record

    Scenario: Values JSON cannot hold are written, not lost or thrown
      Given a logger "orders" at level "INFO" writing to a fake console at time 0
      When it logs an error with a code, a bigint, a cycle, a Map and a Set
      Then the line holds the error as name, message and code, "12n", "[Circular]", an object and an array

  Rule: Levels are read from configuration

    Scenario Outline: A configured level is read in any case, or refused
      When the configured level <value> is read with the fallback "WARN"
      Then the level read is <result>

      Examples:
        | value     | result                                                                                                    |
        | "debug"   | "DEBUG"                                                                                                   |
        | " Error " | "ERROR"                                                                                                   |
        | ""        | "WARN"                                                                                                    |
        | nothing   | "WARN"                                                                                                    |
        | "verbose" | refused: INVALID_LOGGER_CONFIG: log level must be one of "DEBUG", "INFO", "WARN", "ERROR" (any case) (got "verbose") |
