Feature: Event bus subscriptions
  A subscription names the event types it takes (optionally only from some source bounded
  contexts), the bounded context it belongs to, its priority and its retries. Each priority
  runs on a Workpool of its own, so urgent deliveries never wait behind a backlog of others.
  Subscriptions and the bus are checked when they are defined: a mistake fails when the module
  loads, listing every problem.

  Rule: A subscription is checked and completed when it is defined

    Scenario: Priority and retries have defaults
      When the subscription "audit.trail" of "CounterCreated" for "audit" is defined without priority or retries
      Then its priority is "normal"
      And it makes 5 attempts, waiting 250 ms before the first retry and doubling

    Scenario: Priorities are high, normal and low, most urgent first
      Then the priorities are "high, normal, low"

    Scenario Outline: A malformed subscription is refused
      When a subscription is defined with <field> <value>
      Then it is refused with "INVALID_SUBSCRIPTION" saying "<problem>"

      Examples:
        | field          | value          | problem                                                                   |
        | name           | "audit:trail"  | subscription "audit:trail": name is letters, digits                       |
        | eventTypes     | []             | subscription "audit.trail": eventTypes is a non-empty list of names       |
        | eventTypes     | ["A", "A"]     | subscription "audit.trail": eventTypes lists "A" more than once           |
        | sourceContexts | [""]           | subscription "audit.trail": sourceContexts holds only non-empty strings   |
        | targetContext  | ""             | subscription "audit.trail": targetContext is the subscriber's bounded     |
        | priority       | "urgent"       | subscription "audit.trail": priority is one of "high", "normal", "low"    |
        | retry          | {"maxAttempts": 0, "initialBackoffMs": 10, "base": 2} | retry.maxAttempts is an integer of 1 or more |

    Scenario: Every problem of a subscription is reported at once
      When a subscription without name, event types or target context is defined
      Then it is refused listing 3 "INVALID_SUBSCRIPTION" problems

  Rule: The bus refuses subscriptions it cannot run

    Scenario: Two subscriptions with one name are refused
      When a bus is defined with two subscriptions named "audit.trail"
      Then the bus is refused with "DUPLICATE_SUBSCRIPTION" naming "audit.trail" and saying "is registered twice"

    Scenario: A priority without its pool is refused
      When a bus with pools "high, normal" is defined with a "low" subscription "reports.daily"
      Then the bus is refused with "EVENT_BUS_POOL_MISSING" naming "reports.daily" and saying "but the bus has no pool for it"

    Scenario: A bus without its delivery functions is refused
      When a bus is defined without its onDeliveryComplete function
      Then the bus is refused with "INVALID_EVENT_BUS_CONFIG" naming "onDeliveryComplete" and saying "functions lacks"

    Scenario: A valid bus lists its subscriptions
      When a bus with pools "high, normal" is defined with subscriptions "audit.trail, notifications.counterChanged"
      Then the bus holds the subscriptions "audit.trail, notifications.counterChanged"
