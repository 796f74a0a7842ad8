Feature: Customer decider
  A signed-in user registers once as a customer, with a name and an email no other customer
  holds. The app looks the normalised email up in its reservations and hands the answer to the
  pure customer decider, the way it hands inventory's answer to the order decider.

  Rule: A customer registers once, with an email nobody else holds

    Scenario: A new customer registers with a free email
      When "cust-1" registers as "Ada Lovelace" with "ada@example.com" at time 7000, the email free
      Then the events are "CustomerRegistered"
      And the customer is "Ada Lovelace" reached at "ada@example.com", registered at 7000

    Scenario: An email another customer holds is refused without naming them
      When "cust-2" registers as "Bob" with "ada@example.com", the email taken
      Then the registration is rejected with "EMAIL_ALREADY_REGISTERED"
      And the rejection names the email "ada@example.com" but not who holds it

    Scenario: A registered customer cannot register again
      Given "cust-1" registered as "Ada Lovelace" with "ada@example.com"
      When "cust-1" registers as "Ada L." with "ada.l@example.com", the email free
      Then the registration is rejected with "CUSTOMER_ALREADY_REGISTERED"

    Scenario: A registration without the email's lookup is refused
      When "cust-1" registers as "Ada Lovelace" with "ada@example.com" without looking the email up
      Then the registration is rejected with "EMAIL_NOT_CHECKED"

  Rule: Names and emails are checked, and emails compared in one form

    Scenario Outline: A registration is checked before the email's answer counts
      When "cust-1" registers as "<name>" with "<email>", the email free
      Then the outcome is "<outcome>"

      Examples:
        | name         | email           | outcome                        |
        | Ada Lovelace | ada@example.com | success                        |
        |              | ada@example.com | rejected:INVALID_CUSTOMER_NAME |
        | Ada Lovelace | ada.example.com | rejected:INVALID_EMAIL         |
        | Ada Lovelace | ada@example     | rejected:INVALID_EMAIL         |
        | Ada Lovelace | ada @example.com | rejected:INVALID_EMAIL        |

    Scenario: Emails are compared trimmed and in lower case
      Then "  Ada@Example.COM " is compared as "ada@example.com"
