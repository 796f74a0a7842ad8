Feature: Reservation pattern
  A uniqueness constraint checked before the entity exists (check, then create) lets two
  requests both see "free" and both create. A reservation claims the value atomically in a
  namespace, holds it for a TTL, and is either confirmed once with the entity it became, released
  early, or left to expire so the value becomes available again.

  Background:
    Given a registration app with reservations and fake timers

  Rule: Reservations prevent race conditions

    Scenario: Two sign-ups race for one username: one wins, the other is told who holds it
      When visitors "s-1" and "s-2" reserve username "alice" concurrently
      Then exactly one of them holds "alice"
      And the other is answered already_reserved with the winner as holder
      And only one reservation of username "alice" exists

    Scenario: The claim reads the value's index range and inserts into it in one transaction
      When visitor "s-1" reserves username "bob" with its transaction recorded
      Then the reservation was inserted inside an index range that the same transaction read
      And a concurrent claim of "bob" would therefore conflict under OCC and be retried

  Rule: Reservations have TTL for auto-cleanup

    Scenario: An abandoned reservation expires and the value becomes available
      Given visitor "s-1" reserved username "carol" for 2 minutes and went away
      When 2 minutes pass and the scheduled expiry runs
      Then the reservation of "carol" is expired
      And visitor "s-2" can reserve username "carol"

    Scenario: Every reservation has a TTL, and it has bounds
      When visitor "s-1" asks for username "dave" for 2 days
      Then the request is refused with INVALID_RESERVATION_TTL
      When visitor "s-1" reserves username "dave" without a TTL
      Then the reservation expires after the app's default of 10 minutes

    Scenario: A missed expiry is caught by the sweep
      Given visitor "s-1" reserved username "erin" for 2 minutes and went away
      When the clock passes 2 minutes but the scheduled expiry has not run
      And the expiry sweep runs
      Then the sweep expired 1 reservation and the reservation of "erin" is expired

  Rule: Confirmation converts to permanent entity

    Scenario: Completing the sign-up creates the account and confirms the reservation together
      Given visitor "s-1" reserved username "frank" for 10 minutes
      When the sign-up of "frank" completes
      Then the account "frank" exists and the reservation of "frank" is confirmed, linked to it
      And after 10 minutes the reservation of "frank" is still confirmed

    Scenario: A reservation is confirmed only once
      Given visitor "s-1" reserved username "gina" for 10 minutes
      When the reservation of "gina" is confirmed with "account-1" and then with "account-2"
      Then the second confirmation is answered already_confirmed with "account-1"

    Scenario: An expired reservation cannot become an account
      Given visitor "s-1" reserved username "hank" for 2 minutes and went away
      When 2 minutes pass and the scheduled expiry runs
      And the sign-up of "hank" completes
      Then the sign-up is refused and no account "hank" exists

  Rule: Release frees reservation before expiry

    Scenario: A cancelled sign-up frees the username at once
      Given visitor "s-1" reserved username "ivy" for 10 minutes
      When visitor "s-1" cancels and releases "ivy"
      Then visitor "s-2" can reserve username "ivy" right away

    Scenario: A confirmed reservation cannot be released
      Given visitor "s-1" reserved username "jane" for 10 minutes
      When the sign-up of "jane" completes
      And the reservation of "jane" is released
      Then the release is answered already_confirmed

  Rule: Reservation key combines type and value

    Scenario: The same value is reserved in two namespaces at once
      When visitor "s-1" reserves username "alice" and visitor "s-2" reserves displayName "alice"
      Then both hold "alice", each in its own namespace

    Scenario: Within one namespace the value stays unique
      When visitor "s-1" reserves email "kim@example.com" and visitor "s-2" reserves email "kim@example.com"
      Then only visitor "s-1" holds email "kim@example.com"
