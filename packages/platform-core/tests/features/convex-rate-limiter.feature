Feature: Rate limiting with the Convex rate limiter component
  In production the rate limit middleware is backed by @convex-dev/rate-limiter: limits are
  stored in the component, so they survive restarts and hold across every function runner.
  createConvexRateLimitChecker consumes the limit inside the running mutation; a refused command
  returns a RATE_LIMITED rejection (a value, so the mutation commits) and writes nothing else.
  These scenarios run the real component under convex-test.

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
