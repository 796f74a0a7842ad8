Feature: Projection runtime
  Projections run from the event log: a dispatcher routes each projection's settled events to
  their partitions and enqueues one Workpool job per partition, "catch partition P of projection
  X up from its checkpoint". A job advances the checkpoint in the transaction that writes the read
  model; handler failures are counted durably, quarantined after three, and kept as dead letters.

  Background:
    Given the counters app with the projection runtime and a real Workpool

  Rule: Commands' events reach the read models through Workpool jobs

    Scenario: A counter's events are projected with the command's correlation
      Given counter "c-1" is created at 5 with correlation "corr-a"
      And counter "c-1" is incremented by 2 with correlation "corr-b"
      When the events settle and the projections are dispatched and run
      Then the counterTotals row of "c-1" has value 7 and correlation "corr-b"
      And the counterTotals partition "stream:c-1" has its checkpoint at the last event of "c-1"
      And every event of "c-1" was applied once, in stream order

    Scenario: Events younger than the settle window wait for the next dispatch
      Given counter "c-2" is created at 1 with correlation "corr-c"
      When the projections are dispatched before the events settle
      Then the dispatch routed 0 events
      And there is no counterTotals row for "c-2"
      When the events settle and the projections are dispatched and run
      Then the counterTotals row of "c-2" has value 1 and correlation "corr-c"

    Scenario: The command path writes nothing for projections
      When counter "c-3" is created at 0 with its cost measured
      Then the command made 4 component calls and wrote 4 documents

  Rule: Catch-up jobs are idempotent and order-safe per partition

    Scenario: Two jobs for one partition run out of order
      Given counter "c-4" is created at 0 with correlation "corr-d"
      And the first batch settles and is dispatched without running its job
      And counter "c-4" is incremented by 1 twice with correlation "corr-f"
      And the second batch settles and is dispatched without running its job
      When the catch-up job of partition "stream:c-4" runs for the second batch first
      And the catch-up job of partition "stream:c-4" runs again for the first batch
      Then the second run applied 0 events
      And every event of "c-4" was applied once, in stream order
      And the counterTotals row of "c-4" has value 2 and correlation "corr-f"

    Scenario: Every queued job runs and the read model counts each event once
      Given counter "c-5" is created at 0 with correlation "corr-g"
      And the first batch settles and is dispatched without running its job
      And counter "c-5" is incremented by 4 with correlation "corr-g2"
      And the second batch settles and is dispatched without running its job
      When the Workpool runs every queued job
      Then every event of "c-5" was applied once, in stream order

  Rule: A projection handler that keeps failing is quarantined after three attempts

    Scenario: A projection that throws three times
      Given counter "c-6" is created at 0 with correlation "corr-h"
      And the counterTotals handler throws "disk full" for "c-6"
      And counter "c-6" is incremented by 3 with correlation "corr-i"
      When the events settle and the projections are dispatched and run
      Then the poison record of the first event of "c-6" has 3 attempts, status "quarantined" and error "disk full"
      And the counterTotals dead letters list the first event of "c-6"
      And the counterTotals partition "stream:c-6" has its checkpoint at the last event of "c-6"
      And no event of "c-6" was applied

    Scenario: A dead letter is retried after the fault is removed
      Given counter "c-7" is created at 4 with correlation "corr-j"
      And the counterTotals handler throws "timeout" for "c-7"
      When the events settle and the projections are dispatched and run
      And the fault of "c-7" is removed and the dead letter of its first event is retried
      Then the retry answered "replayed"
      And the counterTotals row of "c-7" has value 4 and correlation "corr-j"
      And the counterTotals dead letters do not list the first event of "c-7"

    Scenario: A dead letter that still fails stays quarantined with one more attempt
      Given counter "c-8" is created at 1 with correlation "corr-k"
      And the counterTotals handler throws "still broken" for "c-8"
      When the events settle and the projections are dispatched and run
      And the dead letter of the first event of "c-8" is retried
      Then the retry answered "failed"
      And the poison record of the first event of "c-8" has 4 attempts, status "quarantined" and error "still broken"

    Scenario: A dead letter is ignored
      Given counter "c-9" is created at 1 with correlation "corr-l"
      And the counterTotals handler throws "bad data" for "c-9"
      When the events settle and the projections are dispatched and run
      And the dead letter of the first event of "c-9" is ignored
      Then the poison record of the first event of "c-9" has 3 attempts, status "ignored" and error "bad data"

    Scenario: A handler that fails once recovers on its retry
      Given counter "c-10" is created at 2 with correlation "corr-m"
      And the counterTotals handler throws "flaky" for "c-10"
      When the events settle and the projections are dispatched and the first job runs
      And the fault of "c-10" is removed and the Workpool runs every queued job
      Then the counterTotals row of "c-10" has value 2 and correlation "corr-m"
      And the poison record of the first event of "c-10" has 1 attempts, status "recovered" and error "flaky"

  Rule: Events and jobs that cannot be processed are kept for operators

    Scenario: An event without its partition key becomes a dead letter at once
      Given a CounterTouched event without counterId on stream "t-1"
      And a CounterTouched event with counterId "k-1" on stream "t-2"
      When the events settle and the projections are dispatched and run
      Then the counterFeed dead letters list the event of stream "t-1" with an error mentioning "entityId"
      And the counterFeed applied the event of stream "t-2"

    Scenario: A catch-up job that fails is recorded by its onComplete and retried
      Given a catch-up job for projection "ghost" partition "global" is enqueued
      When the Workpool runs every queued job
      Then the failed jobs list "ghost" partition "global" with 3 failures and an error mentioning "ghost"
      And retrying that job is refused with code "UNKNOWN_PROJECTION"

  Rule: Projection definitions are checked when they load

    Scenario: A projection without a partition is refused
      When projection handlers are defined without a partition
      Then the definition is refused with code "PARTITION_KEY_REQUIRED"

    Scenario: A subscribed event without a handler is refused
      When projection handlers are defined without the CounterIncremented handler
      Then the definition is refused with code "PROJECTION_HANDLER_REQUIRED"

    Scenario: A handler for an event the projection does not subscribe to is refused
      When projection handlers are defined with a handler for CounterTouched
      Then the definition is refused with code "UNSUBSCRIBED_EVENT_HANDLER"

    Scenario: A projection registered twice is refused by the runtime
      When a runtime is made with counterTotals twice
      Then the definition is refused with code "DUPLICATE_PROJECTION"

  Rule: Read-model queries enforce their projection's category

    Scenario: A view projection's query is open to every client
      Given counter "q-1" is created at 3 with correlation "corr-q"
      When the events settle and the projections are dispatched and run
      Then a client without identity reads the total of "q-1" as 3

    Scenario: A reporting projection's query answers admins only
      Given counter "q-2" is created at 8 with correlation "corr-r"
      When the events settle and the projections are dispatched and run
      Then a client without identity is refused the grand total with code "ADMIN_ROLE_REQUIRED"
      And a client with the role "admin" reads the grand total 8

    Scenario: A client query of an integration projection is refused when it is defined
      When a client query of the counterFeed projection is defined
      Then the query definition is refused with code "PROJECTION_NOT_CLIENT_EXPOSED"

    Scenario: A client query of a reporting projection without a caller is refused
      When a client query of the counterReport projection is defined without a caller
      Then the query definition is refused with code "CALLER_REQUIRED"

    Scenario: Server code reads an integration projection through an internal query
      Given a CounterTouched event with counterId "k-9" on stream "t-9"
      When the events settle and the projections are dispatched and run
      Then the internal feed query of stream "t-9" returns its one event
