Feature: Reservations
  A unique value (a username, an email) is reserved in a namespace before the entity that uses it
  exists. Reserving is one mutation that reads the value's holding rows through an index and
  inserts into that range, so concurrent claims are serialised by Convex's OCC. Every
  reservation expires at its TTL through a scheduled function, unless it is confirmed once with
  the created entity's id or released early. Outcomes are values.

  Background:
    Given the reservation app with fake timers

  Rule: A value is held by one reservation at a time

    Scenario: The first caller reserves, the second learns who holds it
      When "visitor-a" reserves username "alice" for 60000 ms
      Then the reservation is "reserved" and expires 60000 ms from now
      When "visitor-b" reserves username "alice" with the default TTL
      Then the answer is already_reserved, held by "visitor-a" with status "reserved"

    Scenario: Two reservations of one value started together: exactly one succeeds
      When "visitor-a" and "visitor-b" reserve username "bob" at the same time
      Then exactly one of them is "reserved" and the other is "already_reserved"
      And username "bob" has 1 reservation row

    Scenario: The reservation's insert lands in the index range its own transaction read
      When "visitor-a" reserves username "carol" while its reads and inserts are recorded
      Then the inserted reservation lies inside an index range of reservations the transaction read
      And that range is by_type_and_value_and_status for "username" "carol" "reserved"

    Scenario: The same value in different namespaces
      When "visitor-a" reserves username "alice" for 60000 ms
      And "visitor-b" reserves displayName "alice" for 60000 ms
      Then both reservations are "reserved"

    Scenario: Who holds a value
      When "visitor-a" reserves username "dave" for 60000 ms
      Then the lookup of username "dave" names "visitor-a"
      And the lookup of username "erin" finds nobody

  Rule: Every reservation expires at its TTL

    Scenario: The scheduled expiry frees the value
      When "visitor-a" reserves username "frank" for 30000 ms
      And 30000 ms pass
      Then the reservation's status is "expired"
      And the lookup of username "frank" finds nobody
      When "visitor-b" reserves username "frank" with the default TTL
      Then the reservation is "reserved" and expires 600000 ms from now

    Scenario: Before its TTL the value stays held
      When "visitor-a" reserves username "gina" for 30000 ms
      And 29999 ms pass
      Then the reservation's status is "reserved"

    Scenario: A reservation past its TTL frees the value even before its expiry runs
      When "visitor-a" reserves username "hank" for 30000 ms
      And the clock moves 30000 ms without running scheduled functions
      And "visitor-b" reserves username "hank" with the default TTL
      Then the answer is "reserved"
      And the first reservation's status is "expired"

    Scenario: The cron target expires what is due, in batches
      When 3 visitors each reserve a different username for 5000 ms
      And the clock moves 5000 ms without running scheduled functions
      And expireDue runs with limit 2
      Then it expired 2 and has more
      When expireDue runs with limit 2
      Then it expired 1 and has no more

    Scenario: A TTL out of bounds is refused
      When "visitor-a" reserves username "ivy" for 500 ms
      Then the call fails with INVALID_RESERVATION_TTL saying "expected an integer from 1000 to 3600000"

  Rule: A reservation is confirmed once, with the entity it became

    Scenario: Confirming links the entity and holds the value for good
      When "visitor-a" reserves username "jane" for 30000 ms
      And the reservation is confirmed with entity "account-1"
      Then the answer is "confirmed" with entity "account-1"
      When 30000 ms pass
      Then the reservation's status is "confirmed"
      And the lookup of username "jane" names "visitor-a" with entity "account-1"

    Scenario: A second confirmation is refused with the first one's entity
      When "visitor-a" reserves username "kim" for 30000 ms
      And the reservation is confirmed with entity "account-1"
      And the reservation is confirmed with entity "account-2"
      Then the answer is already_confirmed with entity "account-1"

    Scenario: An expired reservation cannot be confirmed
      When "visitor-a" reserves username "lee" for 30000 ms
      And 30000 ms pass
      And the reservation is confirmed with entity "account-1"
      Then the answer is "expired"

    Scenario: Sign-up creates the account and confirms in one transaction
      When "visitor-a" starts a sign-up as "Mona"
      And the sign-up completes with email "mona@example.com"
      Then an account "mona" exists and the reservation links to it

    Scenario: A sign-up whose reservation expired creates no account
      When "visitor-a" starts a sign-up as "Nina"
      And 600000 ms pass
      And the sign-up completes with email "nina@example.com"
      Then the sign-up fails with USERNAME_NOT_RESERVED
      And no account "nina" exists

  Rule: A reservation can be released before it expires

    Scenario: Releasing frees the value at once
      When "visitor-a" reserves username "omar" for 60000 ms
      And the reservation is released
      Then the answer is "released"
      When "visitor-b" reserves username "omar" with the default TTL
      Then the answer is "reserved"

    Scenario: A confirmed reservation is not released
      When "visitor-a" reserves username "pia" for 60000 ms
      And the reservation is confirmed with entity "account-9"
      And the reservation is released
      Then the answer is already_confirmed with entity "account-9"

    Scenario: Unknown reservations are answered, not thrown
      When reservation "not-an-id" is released
      Then the answer is "not_found"
      When reservation "not-an-id" is confirmed with entity "account-1"
      Then the confirmation answer is also "not_found"

  Rule: Arguments and options are checked

    Scenario Outline: Unusable arguments are refused with a code
      When holder "<holder>" reserves the value "<value>" in namespace "<type>"
      Then the call fails with <code> saying "<message>"

      Examples:
        | holder    | type     | value | code                    | message                         |
        | visitor-a | username |       | INVALID_RESERVATION_KEY | expected 1 to 512               |
        | visitor-a |          | alice | INVALID_RESERVATION_KEY | expected a namespace            |
        |           | username | alice | INVALID_HOLDER          | expected who asks for the value |

    Scenario: Options out of bounds are refused when the module loads
      When Reservations is configured with defaultTtlMs 500 and minTtlMs 1000
      Then it is refused with INVALID_RESERVATIONS_CONFIG saying "defaultTtlMs 500 is outside 1000"
