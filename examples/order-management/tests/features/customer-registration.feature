Feature: Customer registration
  A signed-in user registers as a customer (their customerId is their userId) with a name and
  an email. In one transaction the app looks the normalised email up in its reservations
  (namespace customerEmail), runs RegisterCustomer through the orchestrator with that answer,
  and claims the email (reserve, then confirm with the customerId) once the registration
  executed. Orders are for registered customers, and a submitted order carries the customer.

  Background:
    Given the shop stocks "kbd:5"

  Rule: Each email belongs to one customer, and a refusal holds nothing

    Scenario: A signed-in user registers and their email is theirs for good
      When "ada" registers with "  Ada@Example.com" as command "reg-ada"
      Then command "reg-ada" is executed
      And customer "ada" is "Ada" reached at "ada@example.com"
      And "ada@example.com" is held for "ada", confirmed

    Scenario: The same email for another customer is refused, recorded, and reserves nothing
      Given "ada" registered with "ada@example.com"
      When "bob" registers with "ADA@example.com" as command "reg-bob"
      Then command "reg-bob" is rejected with "EMAIL_ALREADY_REGISTERED" and recorded so
      And "bob" is not a customer
      And the reservations hold only "ada@example.com"

    Scenario: A customer registers once
      Given "ada" registered with "ada@example.com"
      When "ada" registers with "ada.lovelace@example.com" as command "reg-again"
      Then command "reg-again" is rejected with "CUSTOMER_ALREADY_REGISTERED" and recorded so
      And the reservations hold only "ada@example.com"

    Scenario: A malformed email is refused with what was expected, and nothing is reserved
      When "ada" registers with "ada.example.com" as command "reg-bad"
      Then command "reg-bad" is rejected with "INVALID_EMAIL" and recorded so
      And the rejection says "ada@example.com"
      And the reservations hold nothing

    Scenario: An anonymous caller cannot register
      When an anonymous caller registers with "anon@example.com" as command "reg-anon"
      Then command "reg-anon" is rejected with "UNAUTHORIZED" and recorded so
      And the reservations hold nothing

  Rule: A re-sent command id returns the stored result

    Scenario: Re-sending a registration returns its stored result and registers nothing more
      Given "ada" registered with "ada@example.com" as command "reg-ada"
      When "ada" sends "reg-ada" again with "ada@example.com"
      Then the answer is the stored "executed" result of "reg-ada", marked duplicate
      And the log holds 1 CustomerRegistered event

    Scenario: Re-sending a refused registration returns the stored refusal
      Given "ada" registered with "ada@example.com"
      And "bob" registers with "ada@example.com" as command "reg-bob"
      When "bob" sends "reg-bob" again with "ada@example.com"
      Then the answer is the stored "rejected" result of "reg-bob", marked duplicate

  Rule: A reservation nobody confirmed frees the email when it expires

    Scenario: An email another person reserved and never confirmed is free once it expired
      Given "bob" reserved "ada@example.com" for 1 minute without confirming it
      When "ada" registers with "ada@example.com" as command "reg-1"
      Then command "reg-1" is rejected with "EMAIL_ALREADY_REGISTERED" and recorded so
      When 2 minutes pass and the scheduled expiry runs
      And "ada" registers with "ada@example.com" as command "reg-2"
      Then command "reg-2" is executed
      And "ada@example.com" is held for "ada", confirmed

  Rule: Orders are for registered customers, and a submission carries the customer

    Scenario: A caller who never registered cannot create an order
      When "bob" creates order "ord-9" as command "bob-create"
      Then command "bob-create" is rejected with "CUSTOMER_NOT_REGISTERED" and recorded so

    Scenario: OrderSubmitted carries the customer snapshot, its personal fields marked
      Given "ada" registered as "Ada Lovelace" with "ada@example.com"
      And "ada" has a draft order "ord-1" with "kbd:1"
      When "ada" submits order "ord-1"
      Then the OrderSubmitted event of "ord-1" carries "Ada Lovelace" "ada@example.com" at snapshot version 1, captured when submitted
      And the personal data fields of "OrderSubmitted" are "customer.data.name, customer.data.email" of subject "customer.data.customerId"
      And the personal data fields of "CustomerRegistered" are "name, email" of subject "customerId"
      And once projected, shipping sees order "ord-1" for "Ada Lovelace"
