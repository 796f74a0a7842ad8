Feature: Event store foundation
  The eventStore component keeps every domain event in a stream of its entity. Streams give
  per-entity order through versions and optimistic concurrency; global positions give one order
  across all streams that catch-up readers follow, checkpoint and resume from.

  Rule: Events are immutable once appended

    Scenario: An appended event reads back exactly as written after later appends
      Given an event store app
      And order "ord-1" holds an "OrderCreated" event with a total of 100
      When 3 more events are appended to order "ord-1"
      Then the "OrderCreated" event of order "ord-1" reads back exactly as first read

    Scenario: The store has no function that changes or deletes an event
      Given the public functions of the eventStore component
      Then the only functions that write are "appendToStream, commitScope"

    Scenario: Reusing an idempotency key with other content leaves the original intact
      Given an event store app
      And order "ord-1" received payment "pay-1" of 10
      When payment "pay-1" of 99 is appended to order "ord-1"
      Then the append is an idempotency conflict naming the original payment
      And the original payment still reads 10
      And an audit record of the reused key "pay-1" was committed

  Rule: Streams provide per-entity ordering via version numbers

    Scenario: Versions start at 1 and rise by one per event
      Given an event store app
      When order "ord-1" gets 2 events and then 1 more
      Then order "ord-1" reads the versions "1, 2, 3" and is at version 3

    Scenario: Each stream counts its own versions
      Given an event store app
      When orders "ord-1" and "ord-2" get one event each, 2 times in turn
      Then order "ord-1" reads the versions "1, 2" and is at version 2
      And order "ord-2" reads the versions "1, 2" and is at version 2

    Scenario: A reader continues a stream from a version
      Given an event store app
      When order "ord-1" gets 2 events and then 1 more
      Then reading order "ord-1" from version 2 returns the versions "2, 3"

    Scenario: Only its tenant reads a tenant's stream
      Given an event store app
      And order "ord-7" of tenant "t1" holds 2 events
      Then tenant "t1" reads the versions "1, 2" of order "ord-7" and finds it at version 2
      And tenant "t2" reading order "ord-7" fails with code "TENANT_MISMATCH" without learning the owner
      And a reader without tenant reading order "ord-7" fails with code "TENANT_MISMATCH"

  Rule: globalPosition enables total ordering across all streams

    Scenario: Positions are unique and rise in the order events were appended
      Given an event store app
      When 12 events are appended to 4 streams in turn, one millisecond apart
      Then their global positions are unique and rise in the order of appending
      And a catch-up reader returns all 12 in that order once they are older than the settle window

    Scenario: A catch-up reader stops at the high-water mark
      Given an event store app
      When 12 events are appended to 4 streams in turn, one millisecond apart
      Then a catch-up reader right after the last append reads no event
      And its next position stays below the high-water mark of 5000 ms ago

    Scenario: A catch-up reader follows only its tenant's events, a platform reader all of them
      Given an event store app
      When orders of tenant "t1", of tenant "t2" and of no tenant get 2 events each in turn, one millisecond apart
      Then once they settle, a catch-up reader of tenant "t1" reads only the 2 events of tenant "t1"
      And a catch-up reader without tenant reads only the 2 events without tenant
      And a platform reader with allTenants reads all 6 in position order

    Scenario: An append touches no document shared with appends to other streams
      Given an event store app
      When appends to 3 new streams are measured
      Then each read no document and wrote 2 documents: its event and its stream row

    Scenario: Concurrent appends never make a reader skip an event
      When the interleaving simulation runs 3000 appends on 300 streams with 6 readers for the seeds "1, 2, 3"
      Then positions are unique and rise with stream versions in every run
      And every reader read every event exactly once, although commits landed below positions already read
      But with a settle window of 0 ms the same runs make readers skip events

  Rule: OCC prevents concurrent modification conflicts

    Scenario: An append at the current version succeeds
      Given an event store app
      And order "ord-1" holds 2 events
      When an event is appended to order "ord-1" expecting version 2
      Then the append succeeds and order "ord-1" is at version 3

    Scenario: An append at another version is a conflict and writes nothing
      Given an event store app
      And order "ord-1" holds 2 events
      When an event is appended to order "ord-1" expecting version 1
      Then the append is a conflict reporting current version 2 and expected version 1
      And order "ord-1" is still at version 2

    Scenario: A new stream expects version 0, and 0 conflicts once the stream exists
      Given an event store app
      When an event is appended to order "ord-9" expecting version 0
      Then the append succeeds and order "ord-9" is at version 1
      And another append to order "ord-9" expecting version 0 is a conflict reporting current version 1

    Scenario: Two writers that decided on the same version: the second one conflicts
      Given an event store app
      And order "ord-1" holds 2 events
      When two writers both read version 2 of order "ord-1" and append one after the other
      Then the first writer succeeds and the second gets a conflict reporting current version 3

    Scenario Outline: An expected version that is not a version is refused
      Given an event store app
      When an event is appended to order "ord-1" with the expected version <expected>
      Then the append fails with code "INVALID_EXPECTED_VERSION" and nothing is written

      Examples:
        | expected |
        | -1       |
        | 1.5      |

  Rule: Checkpoints enable projection resumption with exactly-once semantics

    Scenario: A projection resumes after a restart without reprocessing or skipping
      Given an event store app with 6 settled events on 3 streams
      When the projection catches up one page of 4 events
      And the projection restarts and 3 more events are appended and settle
      And the projection catches up until it is done
      Then the projection applied 9 events, each exactly once, in position order
      And its checkpoint is at or past the last of them

    Scenario: A crash rolls back the read model and the checkpoint together
      Given an event store app with 6 settled events on 3 streams
      When the projection crashes after applying a page of 4 events
      Then the projection has applied no event and has no checkpoint
      When the projection catches up until it is done
      Then the projection applied 6 events, each exactly once, in position order

    Scenario: Two catch-up jobs of one partition run out of order in the projections runtime
      Given the bank app with its projections runtime, where teller "tina" opened account "acc-1"
      And teller "tina" deposits 100 and 50 into account "acc-1", which settle and are dispatched as a first job left queued
      And teller "tina" deposits 25 into account "acc-1", which settles and is dispatched as a second job left queued
      When the "accountBalances" catch-up of partition "stream:acc-1" is called for the later job first
      And the "accountBalances" catch-up of partition "stream:acc-1" is called again for the earlier job, late
      And the Workpool runs the 2 queued catch-up jobs, which find nothing left to apply
      Then the balance history of account "acc-1" lists its 4 events once each, in stream order
      And the balance view of account "acc-1" reads 175 from its last event
      And the "accountBalances" checkpoint of partition "stream:acc-1" is at the last event of account "acc-1", with 4 applied and 0 skipped

    Scenario: A balance handler that throws three times is quarantined, passed over and replayed
      Given the bank app with its projections runtime, where teller "tina" opened accounts "acc-1" and "acc-2" and both were projected
      And the accountBalances handlers throw "ledger offline" for account "acc-1"
      And teller "tina" deposits 100 into account "acc-1" and 40 into account "acc-2"
      When the events settle and the projections are dispatched and their jobs run
      Then the jobs of partition "stream:acc-1" retried the deposit twice, then quarantined it
      And the "accountBalances" dead letters list the deposit of account "acc-1" with 3 attempts, status "quarantined" and error "ledger offline"
      And the "accountBalances" checkpoint of partition "stream:acc-1" is at the last event of account "acc-1", with 1 applied and 1 skipped
      And the balance view of account "acc-1" still reads 0, its history holding only "AccountOpened"
      And the balance view of account "acc-2" reads 40 from its last event
      And the "accountBalances" checkpoint of partition "stream:acc-2" is at the last event of account "acc-2", with 2 applied and 0 skipped
      When the fault of account "acc-1" is removed and the dead letter of its deposit is retried
      Then the retry answered "replayed" and the poison record of the deposit reads 3 attempts, status "replayed"
      And the balance view of account "acc-1" reads 100 from its last event
      And the balance history of account "acc-1" lists its 2 events once each, in stream order
      And the "accountBalances" projection has no dead letter left

    Scenario: A projection or a projection trigger without a partition key is refused when defined
      When the accountBalances handlers are defined without a partition
      Then the definition is refused with code "PARTITION_KEY_REQUIRED" naming projection "accountBalances"
      When the "Deposit" command config triggers "accountBalances" without a partition key
      Then assertCommandConfigPartitionKeys refuses it with code "PARTITION_KEY_REQUIRED" naming command "Deposit" and projection "accountBalances"
      But the bank's own "Deposit" config, whose trigger has a partition key, passes the check
