Feature: Decider outputs
  A decider answers every command with exactly one of three outcomes, told apart by status:
  success with one or more events, a rejection with a stable code and no event, or a failure
  with a reason, preserved context and an optional audit event.

  Rule: DeciderOutput encodes three outcomes

    Scenario: A valid command succeeds with events, data for the caller and a state update
      Given a draft order "ord-1" with an item "sku-1" of quantity 2 at 500
      When the order is submitted at 1700000000000
      Then the output is a success with the event types "OrderSubmitted"
      And the OrderSubmitted event carries total 1000, item count 1 and time 1700000000000
      And the data returned to the caller is order "ord-1" with total 1000
      And the state update sets the status to "submitted" with total 1000

    Scenario: A business rule violation is rejected with a code, a message and no event
      Given a submitted order "ord-1"
      When an item "sku-2" of quantity 1 at 300 is added
      Then the output is rejected with code "ORDER_NOT_DRAFT"
      And the rejection message is "Cannot add items to a submitted order"
      And the rejection context names order "ord-1" in status "submitted"
      And the rejection carries no events

    Scenario: An unexpected failure keeps its reason, its context and an audit event
      Given a draft order "ord-1" whose total is 100 below the safe integer limit
      When an item "sku-3" of quantity 1 at 1000 is added
      Then the output is failed with reason "Order total would exceed the safe integer range"
      And the failure carries the audit event "OrderFlagged" with attempted line total 1000
      And the failure context preserves the attempted line total 1000 and the order "ord-1"

  Rule: Constructors refuse outputs that cannot be represented

    Scenario: success refuses an empty list of events
      When success is called with an empty list of events
      Then it throws a DeciderError with code "EMPTY_SUCCESS"
      And the error message says "success() needs at least one event"

    Scenario: success takes a single event or a non-empty list
      Given an ItemAdded event and an OrderSubmitted event
      Then success with the ItemAdded event alone holds exactly that 1 event
      And success with both events holds 2 events in the order given

    Scenario Outline: rejected accepts only SCREAMING_SNAKE codes
      When rejected is called with the code "<code>"
      Then the code is <verdict>

      Examples:
        | code             | verdict  |
        | ORDER_NOT_DRAFT  | accepted |
        | A                | accepted |
        | ORDER_2          | accepted |
        | HTTP2_ERROR      | accepted |
        | orderNotDraft    | refused  |
        | ORDER__NOT_DRAFT | refused  |
        | _ORDER           | refused  |
        | ORDER_           | refused  |
        | ORDER-NOT-DRAFT  | refused  |
        | 2FA_REQUIRED     | refused  |

    Scenario: A refused rejection code comes with a suggestion
      When rejected is called with the code "orderNotDraft"
      Then it throws a DeciderError with code "INVALID_REJECTION_CODE"
      And the error message suggests "ORDER_NOT_DRAFT"

    Scenario: Outputs are frozen
      Given a success, a rejection with context and a failure with context
      Then each output is frozen
      And the events of the success cannot be pushed to
      And the contexts of the rejection and the failure are frozen copies

  Rule: Type guards are mutually exclusive

    Scenario Outline: Exactly one guard holds for each outcome
      Given an output of the order decider that is <kind>
      Then isSuccess is <isSuccess>, isRejected is <isRejected> and isFailed is <isFailed>

      Examples:
        | kind     | isSuccess | isRejected | isFailed |
        | success  | true      | false      | false    |
        | rejected | false     | true       | false    |
        | failed   | false     | false      | true     |

    Scenario: A guard narrows the output to the fields of its outcome
      Given an output of the order decider that is rejected
      Then after isRejected its code reads "ORDER_NOT_DRAFT"
      And after isSuccess on a success its first event type reads "ItemAdded"
      And after isFailed on a failure its reason reads "Order total would exceed the safe integer range"

  Rule: matchOutput folds every outcome exhaustively

    Scenario Outline: matchOutput calls only the handler for the outcome
      Given an output of the order decider that is <kind>
      When it is matched with one handler per outcome
      Then only the <kind> handler ran
      And the match result is "<result>"

      Examples:
        | kind     | result                                                 |
        | success  | events:ItemAdded                                       |
        | rejected | rejected:ORDER_NOT_DRAFT                               |
        | failed   | failed:Order total would exceed the safe integer range |

    Scenario: matchOutput refuses a value with an unknown status
      When a value with the status "pending" is matched
      Then it throws a DeciderError with code "UNKNOWN_OUTPUT_STATUS"
      And the error message says 'Unknown decider output status "pending"'
