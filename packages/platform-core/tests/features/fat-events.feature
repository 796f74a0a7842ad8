Feature: Fat events
  A fat event (Event-Carried State Transfer) embeds snapshots of related data, each in an
  envelope with its own schema version and capture time, so consumers in other contexts need not
  query the source back. Personal fields are marked in the definition, listed by event type, and
  shredded per subject. `chooseEventStyle` says when an event should be fat or thin.

  Rule: Snapshots travel in envelopes with their schema version

    Scenario: Building an event wraps each snapshot
      When an OrderSubmitted of Alice is built at 1900000000000
      Then the message is a "fat" OrderSubmitted at schemaVersion 2
      And its customer snapshot is at schemaVersion 2, captured at 1900000000000, with Alice's email
      And its warehouse snapshot is at schemaVersion 1 with city "Paris"
      And the payload passes the definition's own parse

    Scenario: The definition is a platform-bc event definition
      Then OrderSubmitted is an event definition of context "orders" in category "fat"
      And its payload schema has the fields orderId, customerId, total, deliveryNote, lines, customer, warehouse

    Scenario: Snapshot data that does not match is refused, every problem listed
      When an OrderSubmitted is built with a customer without email and no warehouse
      Then it is refused with INVALID_SNAPSHOT_DATA
      And the problems mention "snapshot customer (customers v2) email" and "needs the warehouse snapshot"

    Scenario: The event's own data is checked too
      When an OrderSubmitted is built with a quantity given as text and no total
      Then it is refused with INVALID_FAT_EVENT_PAYLOAD
      And the problems mention "data lines.0.quantity" and "data total"

  Rule: Stored fat events are read at the current versions

    Scenario: An old customer snapshot is upcast on read
      Given a stored OrderSubmitted v2 whose customer snapshot is at schemaVersion 1
      When it is read
      Then the customer data is at schemaVersion 2 with name "Alice Martin" and tier "standard"
      And the read reports snapshot versions customer 1, warehouse 1 and an upcast

    Scenario: An old event is upcast by the event's upcasters, its snapshots by theirs
      Given a stored OrderSubmitted v1 with amount 40 and a customer snapshot at schemaVersion 1
      When it is read
      Then the total is 40 and the customer email is "alice@example.com"

    Scenario: A current event is read as it is
      Given a stored OrderSubmitted as built today
      When it is read
      Then the read reports no upcast

    Scenario: A snapshot from a newer deployment is refused
      Given a stored OrderSubmitted v2 whose customer snapshot is at schemaVersion 3
      When it is read
      Then the read is refused with INVALID_STORED_VERSION saying "newer than this code's 2"

    Scenario: An upcaster that throws is reported with its step
      Given a stored OrderSubmitted v2 whose customer snapshot v1 has no fullName
      When it is read
      Then the read is refused with UPCAST_FAILED saying "upcasting failed at 1 → 2"

  Rule: PII marks are declared in the definition and can be listed

    Scenario: The personal fields of an event, with their subjects
      Then the PII fields of OrderSubmitted are:
        | path                        | subject                  | snapshot |
        | deliveryNote                | customerId               |          |
        | lines[].giftRecipientEmail  | customerId               |          |
        | customer.data.name          | customer.data.customerId | customer |
        | customer.data.email         | customer.data.customerId | customer |

    Scenario: A registry lists every personal field by event type
      When a PII registry is made of OrderSubmitted, CustomerRegistered and StockMoved
      Then it lists the event types CustomerRegistered, OrderSubmitted
      And it has 6 entries, 2 of them for CustomerRegistered
      And StockMoved has no personal fields

    Scenario: One event type is registered once
      When a PII registry is made of OrderSubmitted twice
      Then it is refused with DUPLICATE_FAT_EVENT

    Scenario: The personal values of one payload, with concrete paths
      When the PII of an OrderSubmitted of Alice is searched
      Then 4 values of subject "cust-alice" are found
      And one of them is at "lines.1.giftRecipientEmail" with "friend@example.com"

  Rule: Shredding replaces a forgotten subject's values by a key reference

    Scenario: Alice is forgotten
      When Alice's and Bob's orders are read with Alice forgotten
      Then in Alice's order deliveryNote, lines.1.giftRecipientEmail, customer.data.name, customer.data.email are shredded
      And they hold the key reference "cust-alice"
      And Alice's order keeps its orderId, total, sku lines, customer tier and warehouse
      And Bob's order is unchanged

    Scenario: The registry shreds by event type
      When a StockMoved and an OrderSubmitted of Alice are shredded through the registry with Alice forgotten
      Then the StockMoved is unchanged and the OrderSubmitted has 4 shredded values

    Scenario: Personal data without its subject id cannot be shredded
      When the PII of an OrderSubmitted payload without customerId is searched
      Then it is refused with PII_SUBJECT_MISSING

  Rule: Definitions are checked when the module loads

    Scenario Outline: A definition that cannot work is refused
      When the <definition> is defined
      Then it is refused with <code>
      And the problems mention "<message>"

      Examples:
        | definition                               | code                 | message                                       |
        | snapshot with an unknown PII path        | INVALID_PII_MARK     | names no field: customer is not in the schema |
        | snapshot with PII but no subject         | PII_SUBJECT_REQUIRED | names no subject                              |
        | snapshot with an optional subject        | INVALID_PII_SUBJECT  | must be a required string                     |
        | snapshot with a gap in its upcasters     | INVALID_UPCASTER     | misses 2 → 3                                  |
        | snapshot of a source not in camelCase    | INVALID_SNAPSHOT     | in camelCase                                  |
        | fat event whose snapshot key collides    | INVALID_FAT_EVENT    | collides with the payload's own field         |
        | fat event that sets a category           | INVALID_FAT_EVENT    | category is always "fat"                      |
        | fat event without snapshots              | INVALID_FAT_EVENT    | an event that embeds nothing is a plain       |
        | fat event whose subject is in an array   | INVALID_PII_SUBJECT  | outside any array (it is inside an array)     |
        | fat event marking its subject as PII     | INVALID_PII_MARK     | marks the subject                             |

    Scenario: The event's own name is checked by platform-bc
      When a fat event named "orderSubmitted" is defined
      Then platform-bc refuses it with a BoundedContextDefinitionError

  Rule: Fat for other contexts that need related data, thin inside a context

    Scenario Outline: Choosing the style of an event
      When the style is chosen for <consumers> consumers, related data needed <related>, as of the event <asOf>
      Then the style is <style> because "<because>"

      Examples:
        | consumers      | related | asOf  | style | because                                  |
        | other-contexts | true    | false | fat   | never query the source context back      |
        | other-contexts | false   | false | thin  | there is nothing to embed                |
        | same-context   | true    | false | thin  | read their own context's current data    |
        | same-context   | true    | true  | fat   | cannot be read back later                |
        | same-context   | false   | false | thin  | read their own context's current data    |

    Scenario: Unclear input is refused
      When the style is chosen for "everyone" consumers
      Then it is refused with INVALID_EVENT_STYLE_INPUT
