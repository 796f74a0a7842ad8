Feature: ECST fat events
  Thin events make consumers query the source bounded context back, which couples them to it
  and needs it to be up. A fat event (Event-Carried State Transfer) embeds a snapshot of the
  related data, with the snapshot's schema version, and marks its personal data so it can be
  crypto-shredded. Fat events are for integration across contexts; projections inside the
  producing context can stay thin.

  Rule: Fat events enable service independence

    Scenario: A consumer in another context works from the event alone
      Given the customers context holds Alice with email "alice@example.com"
      And the orders context appends OrderSubmitted "o-1" for Alice to the event store
      When the customers context goes down and Alice's email changes to "alice@new.example"
      Then the shipping context addresses the receipt of "o-1" to "Alice Martin <alice@example.com>" from the stored event
      And the shipping context never called the customers context

    Scenario: The same consumer of a thin event has to query back
      Given the customers context holds Alice with email "alice@example.com"
      And the orders context appends a thin OrderSubmitted "o-2" for Alice to the event store
      When the customers context goes down
      Then the shipping context cannot address the receipt of "o-2": the customers context is unreachable

  Rule: Builder utilities handle schema versioning

    Scenario: The builder stamps the event's and the snapshot's schema versions
      When an OrderSubmitted for Alice is built at time 1900000000000
      Then the event is at schemaVersion 1 in category "fat"
      And its customer snapshot carries schemaVersion 2 and capturedAt 1900000000000

    Scenario: An event stored with an older snapshot is upcast when read
      Given an OrderSubmitted stored while customers were at schemaVersion 1 with fullName and mail
      When the shipping context reads it
      Then it sees the customer at schemaVersion 2 with name "Alice Martin" and email "alice@example.com"
      And the read says the customer snapshot came from schemaVersion 1

    Scenario: A snapshot newer than the reader's code is refused, not guessed
      Given an OrderSubmitted stored with a customer snapshot at schemaVersion 3
      When the shipping context reads it
      Then the read fails with INVALID_STORED_VERSION

  Rule: Crypto-shredding markers identify PII fields

    Scenario: The definition marks the personal fields and the subject that owns them
      Then the PII fields of OrderSubmitted are "deliveryAddress, customer.data.name, customer.data.email" owned by "customerId, customer.data.customerId, customer.data.customerId"

    Scenario: Every personal field of the app is listed by event type
      When the app's PII registry is built from OrderSubmitted and CustomerRegistered
      Then it lists 5 personal fields over the event types "CustomerRegistered, OrderSubmitted"

    Scenario: After Alice is forgotten her personal data is unreadable, the order is not
      Given the customers context holds Alice with email "alice@example.com"
      And the orders context appends OrderSubmitted "o-3" for Alice to the event store
      When Alice asks to be forgotten and the shipping context reads "o-3" again
      Then name, email and delivery address read as shredded with the key reference "cust-alice"
      And the order id, total and customer tier are intact

    Scenario: Marking a field that does not exist is refused when the module loads
      When a snapshot marks "phone" as PII but has no such field
      Then the definition is refused with INVALID_PII_MARK

  Rule: Use fat events for cross-context integration

    Scenario Outline: Fat for other contexts, thin for same-context projections
      When an event is designed for <consumers> consumers that need related data: <related>
      Then the style is "<style>"

      Examples:
        | consumers      | related | style |
        | other-contexts | yes     | fat   |
        | same-context   | yes     | thin  |
        | other-contexts | no      | thin  |
        | same-context   | no      | thin  |

    Scenario: A same-context projection that needs the data as of the event gets a fat event
      When an event is designed for same-context consumers that need the related data as it was
      Then the style is "fat" because the data "cannot be read back later"
