Feature: Rate limiting with the Convex rate limiter component
  In production the rate limit middleware is backed by @convex-dev/rate-limiter: limits are
  stored in the component, so they survive restarts and hold across every function runner.
  createConvexRateLimitChecker consumes the limit inside the running mutation; a refused command
  returns a RATE_LIMITED rejection (a value, so the mutation commits) and writes nothing else.
  defineShardedRateLimits shards a limit as the table recommends for its expected traffic. The
  adapter plugs into the CommandOrchestrator's middleware with no change to the orchestrator,
  the pipeline or the command configs. These scenarios run the real component under convex-test.

  Background:
    Given the test app with the rate limiter component, at 10 seconds past a minute
    And the limit "placeOrder" of 2 orders per user in fixed one-minute windows

  Rule: The adapter bridges the middleware to the component

    Scenario: Commands within the limit run; the next one is refused with when to retry
      When "u-1" places the orders "o-1, o-2, o-3"
      Then the outcomes are "success, success, rejected:RATE_LIMITED"
      And the refusal says 'command "PlaceOrder" is rate limited for "u-1:PlaceOrder": retry after 50000 ms' with retryAfterMs 50000
      And the orders stored are "o-1, o-2"

    Scenario: Each user has a limit of their own
      When "u-1" places the orders "o-1, o-2, o-3"
      And "u-2" places the orders "o-4"
      Then the outcomes are "success, success, rejected:RATE_LIMITED, success"
      And the orders stored are "o-1, o-2, o-4"

    Scenario: After the retry delay the user may place orders again
      When "u-1" places the orders "o-1, o-2, o-3"
      And 50000 ms pass
      And "u-1" places the orders "o-3"
      Then the outcomes are "success, success, rejected:RATE_LIMITED, success"
      And the orders stored are "o-1, o-2, o-3"

  Rule: A pipeline defined once takes each command's mutation ctx from its context

    Scenario: The shared pipeline limits like the per-execution one
      When "u-1" places the orders "o-1, o-2, o-3" through the shared pipeline
      Then the outcomes are "success, success, rejected:RATE_LIMITED"
      And the orders stored are "o-1, o-2"

    Scenario: A context without the mutation ctx is refused
      When the shared checker is asked for a context without a mutation ctx
      Then it is refused with code "INVALID_MIDDLEWARE_CONTEXT"

  Rule: Limits are sharded by their expected traffic

    Scenario Outline: A limit expected at <qps> QPS gets <shards> shards
      When a limit is defined for <qps> QPS
      Then it has <shards> shards

      Examples:
        | qps  | shards |
        | 10   | no     |
        | 50   | 5      |
        | 120  | 6      |
        | 500  | 25     |
        | 2000 | 100    |

    Scenario: A sharded limit still bounds the commands of its key
      Given the limit "bulkImport" of 12 imports per minute is spread over 6 shards
      When "u-1" imports 20 orders in bulk
      Then at most 12 of them got through and every other one was refused RATE_LIMITED
      And the orders stored are the ones that got through

    Scenario: A limit sized by its traffic cannot also set its own shards
      When a limit is defined for 120 QPS with 3 shards
      Then it is refused with INVALID_RATE_LIMIT_CONFIG: 'rate limit "imports" has expectedQps and shards: 3; expected expectedQps alone (it sets the shards) or shards without expectedQps'

  Rule: Decisions live in the component, not in memory

    Scenario: A rate limiter built after a restart sees the limit already used
      When "u-1" places the orders "o-1, o-2"
      And "u-1" places the orders "o-3" through a rate limiter built after a restart
      Then the outcomes are "success, success, rejected:RATE_LIMITED"
      And the orders stored are "o-1, o-2"

  Rule: The adapter plugs into the command orchestrator unchanged

    Scenario: A rate-limited command is recorded rejected and appends nothing
      Given the orchestrator app with counter "c-1" created by "u-1"
      When "u-1" increments counter "c-1" as the commands "cmd-1, cmd-2, cmd-3"
      Then the command outcomes are "executed, executed, rejected:RATE_LIMITED"
      And the command "cmd-3" is recorded "rejected" with the code "RATE_LIMITED"
      And the stream of counter "c-1" holds "CounterCreated, CounterIncremented, CounterIncremented"
