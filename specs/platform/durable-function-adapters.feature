Feature: Durable function adapters
  The platform's interfaces (the RateLimitChecker of the middleware, the conflict values of DCB
  scope commits) are bridged to Convex's durable components: @convex-dev/rate-limiter keeps the
  limits, sharded by expected traffic, and @convex-dev/workpool retries DCB conflicts with
  backoff and jitter, one operation per scope at a time. Nothing in the middleware pipeline, the
  command configs or the orchestrator changes. These scenarios run the real components under
  convex-test.

  Rule: Rate limit adapter bridges middleware to component

    Scenario Outline: A limit expected at <qps> QPS is sharded as recommended
      When a rate limit is sized for <qps> QPS
      Then it has <shards> shards

      Examples:
        | qps  | shards |
        | 20   | no     |
        | 100  | 5      |
        | 600  | 30     |
        | 1500 | 75     |

    Scenario: The limit lives in the component, so a rate limiter built after a restart enforces it
      Given an adapters app allowing 2 commands per user and minute
      When "u-1" runs 2 commands
      And "u-1" runs 1 command through a rate limiter built after a restart
      Then the commands answer "success, success, rejected:RATE_LIMITED"

  Rule: DCB retry helper automatically handles OCC conflicts

    Scenario: A decision on a stale scope version is retried to exactly one commit
      Given an adapters app whose warehouse "wh-1" is at scope version 2
      When reservation "r-1" is decided on scope version 1
      Then the caller gets "deferred" and writes no retry loop
      When the background work runs
      Then the warehouse holds "StockReserved:r-1" once, at scope version 3

    Scenario: Retries of one scope run one at a time, in order
      Given an adapters app whose warehouse "wh-1" is at scope version 2
      When reservations "r-2, r-3" are decided on scope version 1
      Then only "r-2" has a retry job and "r-3" waits
      When the background work runs
      Then the warehouse holds "StockReserved:r-2, StockReserved:r-3" in that order, at scope version 4

    Scenario: A retry that never stops conflicting is recorded failed after its attempts
      Given an adapters app whose warehouse "wh-1" is at scope version 2
      And every read of the warehouse is one commit behind
      When reservation "r-4" is decided on scope version 1
      And the background work runs
      Then the retry of "r-4" is recorded "failed" after 4 attempts
      And the warehouse is still at scope version 2

  Rule: Adapters integrate with existing platform infrastructure

    Scenario: The orchestrator records a rate-limited command as rejected, with no event
      Given an adapters app allowing 2 commands per user and minute
      When "u-2" increments counter "c-1" with the commands "cmd-1, cmd-2, cmd-3"
      Then the commands are recorded "executed, executed, rejected:RATE_LIMITED"
      And the stream of counter "c-1" holds 2 events
