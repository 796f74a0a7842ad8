Feature: Middleware pipeline
  The CommandOrchestrator runs every command's handler inside one pipeline of middlewares:
  cross-cutting concerns (validation, authorization, logging, rate limiting) with before and
  after hooks. Befores run in registration order and can stop the chain with a rejection;
  afters run in reverse order for every middleware whose before ran. The caller's identity is
  part of the context, passed in by the app.

  Background:
    Given a SubmitOrder context for the caller "u-1"

  Rule: Middlewares run in registration order around the handler

    Scenario: Befores run in order, then the handler, then the afters in reverse
      Given a pipeline of the recording middlewares "a, b, c"
      When the pipeline runs a handler that succeeds
      Then the journal is "a:before, b:before, c:before, handler, c:after:success, b:after:success, a:after:success"
      And the result is the handler's success
      And the pipeline's names are "a, b, c"

    Scenario: A middleware with only an after hook still observes the result
      Given a pipeline of the recording middleware "a" and an after-only middleware "audit"
      When the pipeline runs a handler that succeeds
      Then the journal is "a:before, handler, audit:after:success, a:after:success"

  Rule: A before hook can stop the chain with a rejection

    Scenario: The refusing middleware stops later befores and the handler
      Given a pipeline of the recording middlewares "a, b, c" where "b" refuses with "NOT_TODAY"
      When the pipeline runs a handler that succeeds
      Then the journal is "a:before, b:before, b:after:rejected, a:after:rejected"
      And the result is the rejection "NOT_TODAY"

    Scenario: A before that stops without a rejection is refused
      Given a pipeline with a middleware "sloppy" that stops with a success result
      When the pipeline runs a handler that succeeds
      Then the run is refused with the single problem 'INVALID_MIDDLEWARE_RESULT: middleware "sloppy": before must return nothing, { continue: true, ctx? } or { continue: false, result: rejected(code, message) } (got an object)'

  Rule: A before hook can hand a new context to what follows

    Scenario: A middleware enriches the custom bag and replaces the payload
      Given a pipeline with a middleware "enrich" that sets custom "tenant" to "acme" and the payload to '{"orderId":"o-9"}'
      When the pipeline runs a handler that records its context
      Then the handler saw the payload '{"orderId":"o-9"}', the custom "tenant" = "acme" and the caller "u-1"

    Scenario: A middleware may not change which command runs
      Given a pipeline with a middleware "hijack" that hands on a context for the command "cmd-other"
      When the pipeline runs a handler that succeeds
      Then the run is refused with the single problem 'INVALID_MIDDLEWARE_RESULT: middleware "hijack" returned a context for another command: it may replace the payload or the custom bag, not the command type or its correlation'
      And the journal is ""

  Rule: Errors are not swallowed

    Scenario: A handler that throws propagates its error and skips the after hooks
      Given a pipeline of the recording middlewares "a, b"
      When the pipeline runs a handler that throws "boom"
      Then the run fails with "boom"
      And the journal is "a:before, b:before"

    Scenario: A handler that returns no status is refused
      Given a pipeline of the recording middlewares "a"
      When the pipeline runs a handler that returns nothing
      Then the run is refused with the single problem 'INVALID_MIDDLEWARE_RESULT: the handler of command "SubmitOrder" must return a result with a string status, such as a DeciderOutput (got undefined)'

  Rule: Pipelines and contexts are checked

    Scenario: Repeated names and middlewares without hooks are refused together
      When a pipeline is built from the recording middlewares "a, a" and a middleware "idle" without hooks
      Then it is refused with the problems:
        """
        DUPLICATE_MIDDLEWARE: middleware name "a" is used twice (entries 0 and 1): expected one middleware per name
        INVALID_MIDDLEWARE: middleware 2 must be { name, before?, after? } with a non-empty name and at least one hook function (got an object named "idle")
        """

    Scenario: A context whose command differs from its config is refused
      Given a pipeline of the recording middlewares "a"
      When the pipeline runs a context for "CancelOrder" with the SubmitOrder config
      Then the run is refused with the single problem 'COMMAND_CONFIG_MISMATCH: the context holds command "CancelOrder" but its config is for "SubmitOrder": build the context with createMiddlewareContext'

    Scenario: The caller comes from Convex's identity, passed in explicitly
      When the caller is built from a Convex identity "https://auth.example|user-7" with the role "clerk"
      Then the context's caller is '{"userId":"https://auth.example|user-7","roles":["clerk"],"claims":{"subject":"user-7","issuer":"https://auth.example"}}'
      And without an identity the caller is anonymous

    Scenario: A caller without a user id is refused
      When a context is created with the caller '{"roles":["clerk"]}'
      Then the run is refused with the single problem 'INVALID_MIDDLEWARE_CONTEXT: caller must be null (anonymous) or an identity { userId, roles?, tenantId?, claims? } with a non-empty userId (got an object)'
