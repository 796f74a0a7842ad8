Feature: Built-in middleware
  The platform ships the middlewares every command needs: validation against the command's zod
  schema, authorization of the caller the app passes in, structured logging and rate limiting.
  Each refusal is a rejection with a stable code and a message that says what was wrong.

  Rule: Validation checks the payload against the command's schema

    Scenario: A valid payload reaches the handler as the schema parsed it
      Given a pipeline of the validation middleware
      When SubmitOrder runs with the payload '{"orderId":"o-1","items":[{"productId":"p-1","quantity":2}]}'
      Then the handler ran with the payload '{"orderId":"o-1","items":[{"productId":"p-1","quantity":2}],"note":""}'

    Scenario: An invalid payload is rejected with every issue and its path
      Given a pipeline of the validation middleware
      When SubmitOrder runs with the payload '{"orderId":7,"items":[{"productId":"p-1","quantity":0}],"rush":true}'
      Then the handler did not run and the result is rejected with "INVALID_COMMAND_PAYLOAD" and the message:
        """
        command "SubmitOrder": payload is invalid (3 issues):
        - orderId: Invalid input: expected string, received number
        - items[0].quantity: Too small: expected number to be >0
        - (root): Unrecognized key: "rush"
        """
      And the rejection context lists the issue paths "orderId, items[0].quantity, (root)"

  Rule: Authorization decides for the caller the app passed in

    Scenario: An anonymous caller is unauthorized
      Given a pipeline of the authorization middleware allowing the role "clerk"
      When SubmitOrder runs for an anonymous caller
      Then the handler did not run and the result is rejected with "UNAUTHORIZED" and the message:
        """
        command "SubmitOrder" needs an authenticated caller, but none was given: the app resolves the identity (ctx.auth.getUserIdentity()) and passes it as the caller
        """

    Scenario: A caller the rule refuses is forbidden, with the rule's reason
      Given a pipeline of the authorization middleware allowing the role "clerk"
      When SubmitOrder runs for the caller "u-2" with the role "customer"
      Then the handler did not run and the result is rejected with "FORBIDDEN" and the message:
        """
        caller "u-2" may not run command "SubmitOrder": only clerks submit orders
        """
      And the rejection context is '{"commandType":"SubmitOrder","userId":"u-2","reason":"only clerks submit orders"}'

    Scenario: A caller the rule allows reaches the handler
      Given a pipeline of the authorization middleware allowing the role "clerk"
      When SubmitOrder runs for the caller "u-1" with the role "clerk"
      Then the handler ran

    Scenario: Anonymous callers reach the rule only when allowed
      Given a pipeline of the authorization middleware allowing anonymous callers and refusing everyone
      When SubmitOrder runs for an anonymous caller
      Then the handler did not run and the result is rejected with "FORBIDDEN" and the message:
        """
        an anonymous caller may not run command "SubmitOrder": the authorization rule refused it
        """

    Scenario: A rule that answers something else is a programming error
      Given a pipeline of the authorization middleware whose rule answers "yes"
      When SubmitOrder runs for the caller "u-1" with the role "clerk"
      Then the run is refused with the single problem 'INVALID_MIDDLEWARE_RESULT: authorize must return a boolean, { allowed: true } or { allowed: false, reason } (got "yes")'

  Rule: Logging writes one structured line before and one after each command

    Scenario: A successful command is logged with its ids and duration
      # The clock ticks on every read: start 1000, first line 1025, end 1050, last line 1075.
      Given a pipeline of the logging middleware on a clock starting at 1000 stepping by 25
      When SubmitOrder runs for the caller "u-1" with the role "clerk"
      Then the log records are:
        """
        {"level":"INFO","scope":"orders:commands","message":"command started","timestamp":1025,"commandType":"SubmitOrder","boundedContext":"orders","commandId":"cmd-1","correlationId":"corr-1","causationId":"cmd-1","userId":"u-1"}
        {"level":"INFO","scope":"orders:commands","message":"command finished","timestamp":1075,"commandType":"SubmitOrder","boundedContext":"orders","commandId":"cmd-1","correlationId":"corr-1","causationId":"cmd-1","userId":"u-1","status":"success","durationMs":50}
        """

    Scenario: A refusal by a later middleware is logged at WARN with its code
      Given a pipeline of the logging middleware and the authorization middleware allowing the role "clerk"
      When SubmitOrder runs for an anonymous caller
      Then the log messages are "INFO orders:commands: command started, WARN orders:commands: command finished"
      And the last record has the status "rejected" and the code "UNAUTHORIZED"

    Scenario: A failed command is logged at ERROR with its reason
      Given a pipeline of the logging middleware on a clock starting at 0 stepping by 5
      When SubmitOrder runs for the caller "u-1" with a handler that fails with "inventory unreachable"
      Then the last record has the level "ERROR", the status "failed" and the reason "inventory unreachable"

  Rule: Rate limiting throttles each user's commands

    Scenario: The default key is per user and command
      Given a pipeline of the rate limit middleware with a test checker allowing 2 per key and retry after 1500 ms
      When "u-1" sends SubmitOrder 3 times, "u-2" once and "u-1" CancelOrder once
      Then the outcomes are "success, success, rejected:RATE_LIMITED, success, success"
      And the refusal says 'command "SubmitOrder" is rate limited for "u-1:SubmitOrder": retry after 1500 ms' with the context '{"commandType":"SubmitOrder","key":"u-1:SubmitOrder","retryAfterMs":1500}'

    Scenario: A custom key throttles per tenant, with a checker made per execution
      Given a pipeline of the rate limit middleware keyed by tenant with a checker made per execution allowing 1 per key
      When "u-1" of tenant "acme" and "u-2" of tenant "acme" and "u-3" of tenant "globex" send SubmitOrder
      Then the outcomes are "success, rejected:RATE_LIMITED, success"
      And a checker was made for each of the 3 executions

    Scenario: A checker that answers without retryAfterMs is a programming error
      Given a pipeline of the rate limit middleware with a checker answering '{"allowed":false}'
      When SubmitOrder runs for the caller "u-1" with the role "clerk"
      Then the run is refused with the single problem 'INVALID_MIDDLEWARE_RESULT: a rate limit checker must return { allowed: true } or { allowed: false, retryAfterMs >= 0 } (got an object)'

    Scenario Outline: Rate limits are sharded by expected traffic
      When the shards for <qps> QPS are asked for
      Then the recommendation is <shards>

      Examples:
        | qps  | shards |
        | 0    | none   |
        | 49   | none   |
        | 50   | 5      |
        | 120  | 6      |
        | 199  | 10     |
        | 200  | 10     |
        | 500  | 25     |
        | 999  | 50     |
        | 1000 | 50     |
        | 2000 | 100    |

    Scenario: The sharding table is the documented one, and nonsense traffic is refused
      Then the sharding tiers are "<50: none, 50-200: 5-10, 200-1000: 10-50, >=1000: 50+"
      And the shards for -1 QPS are refused with 'INVALID_QPS: expected QPS must be a finite number >= 0 (got number -1)'

  Rule: The built-ins compose into one pipeline

    Scenario: Logging, validation, authorization and rate limiting run in that order
      Given the full pipeline: logging, validation, authorization for "clerk", rate limit of 1 per key
      When "u-1" the clerk sends a valid SubmitOrder twice and an invalid one once
      Then the outcomes are "success, rejected:RATE_LIMITED, rejected:INVALID_COMMAND_PAYLOAD"
      And every refusal code is one of the middleware rejection codes
      And 6 log lines were written
