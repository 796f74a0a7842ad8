Feature: Appending and reading through the EventStore client
  An app appends to streams and reads them back through the EventStore client. Outcomes of an
  append are values the app switches on; bad input fails with a stable code; events are read
  in the schema the app knows today while the store keeps what was written.

  Rule: Appends answer with their outcome as a value

    Scenario: A first append creates the stream with the client's defaults
      Given an app using the eventStore component
      When the app appends "OrderCreated" and "ItemAdded" to order "ord-1" expecting version 0
      Then the result is a success with stream version 2
      And the stored events have category "domain" and schema version 1

    Scenario: A stale expected version is a conflict and writes nothing
      Given an app using the eventStore component
      And order "ord-1" holds 2 events
      When the app appends "ItemAdded" to order "ord-1" expecting version 1
      Then the result is a conflict at current version 2
      And order "ord-1" still holds 2 events

    Scenario: A retry under the same idempotency key returns the original
      Given an app using the eventStore component
      And order "ord-1" received payment "pay-1" of 10
      When the app appends payment "pay-1" of 10 to order "ord-1" again
      Then the result is a duplicate returning the original event

    Scenario: A key reused with other content is refused and audited
      Given an app using the eventStore component
      And order "ord-1" received payment "pay-1" of 10
      When the app appends payment "pay-1" of 25 to order "ord-1" again
      Then the result is an idempotency conflict on key "pay-1" naming the original event
      And the store keeps an audit record of the reused key "pay-1"

  Rule: Bad input fails with a stable code and a message that says what was expected

    Scenario Outline: An append the store refuses
      Given an app using the eventStore component
      When the app appends <input>
      Then the append fails with code "<code>" and a message containing "<text>"
      And order "ord-1" still holds 0 events

      Examples:
        | input                                   | code                     | text                        |
        | no event                                | EMPTY_BATCH              | expected between 1 and 100  |
        | 101 events                              | BATCH_TOO_LARGE          | expected at most 100        |
        | an event with a payload of 300000 bytes | PAYLOAD_TOO_LARGE        | expected at most 262144 bytes |
        | an event expecting version -1           | INVALID_EXPECTED_VERSION | expected an integer of 0 or more |

  Rule: Reads come back in the current schema and the store keeps what was written

    Scenario: An event written at schema version 1 is read at version 3
      Given upcasters that bring "OrderCreated" to version 3 by adding a currency and renaming items to lines
      And an "OrderCreated" event written at schema version 1 with the items "a, b"
      When the app reads the order through the client
      Then the event has schema version 3, currency "EUR" and the lines "a, b"
      And the stored row still has schema version 1 and the items "a, b"

    Scenario: New events are written at the current schema version
      Given upcasters that bring "OrderCreated" to version 3 by adding a currency and renaming items to lines
      When the app appends an "OrderCreated" event without a schema version
      Then the stored row has schema version 3

    Scenario: An event newer than the reader's schema is refused
      Given upcasters that bring "OrderCreated" to version 3 by adding a currency and renaming items to lines
      And an "OrderCreated" event written at schema version 4 with the items "a"
      When the app reads the order through the client
      Then the read fails with code "UPCASTER_VERSION_AHEAD" and a message containing "knows versions up to 3"

  Rule: Upcaster chains are checked when they are defined

    Scenario: A missing step names the event type and the version
      When upcasters for "OrderCreated" at version 3 are defined with a step from version 1 only
      Then defining fails with code "UPCASTER_CHAIN_GAP" and a message containing "OrderCreated: no step from version 2 to 3"

    Scenario: A step beyond the current version is refused
      When upcasters for "OrderCreated" at version 2 are defined with steps from versions 1 and 2
      Then defining fails with code "UPCASTER_STEP_OUT_OF_RANGE" and a message containing "expected steps from 1 to 1"

  Rule: Catch-up reads return only events older than the settle window

    Scenario: An event appears once it is older than the client's settle window
      Given an app whose client settles reads for 1000 ms
      And order "ord-1" holds 2 events appended at the start of the clock
      When the app reads from position 0 after 500 ms
      Then it reads no event and is done below the high-water mark of that time
      And after 1001 ms the same read returns 2 events in position order and is done

    Scenario: Lookups find events by stream version, correlation, id and idempotency key
      Given an app using the eventStore component
      And order "ord-1" received payment "pay-1" of 10
      Then order "ord-1" is at version 1
      And the payment is found by its correlation id, its event id and its key "pay-1"
