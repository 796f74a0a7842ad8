Feature: Testing DSL for deciders
  deciderSpec runs a decider given events or a state, when a command, and checks the result with
  assertions that pass silently on a correct expectation and throw a DeciderSpecError with a
  path-based diff on a wrong one. runDeciderCases checks a whole table of cases at once.

  Rule: Givens set up the state the command is decided against

    Scenario: An event-based given folds the events from the initial state
      Given a spec given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec submits the order
      Then thenEventTypes "OrderSubmitted" passes
      And the result state is "submitted" with total 200

    Scenario: A state-based given uses the state exactly as given
      Given a spec given the state of a draft order "ord-1" whose total was set to 700
      When the spec submits the order
      Then thenEvents with an OrderSubmitted event of total 700 at the default spec time passes

    Scenario: givenNothing starts from the initial state
      Given a spec given nothing
      When the spec creates order "ord-1" for customer "cust-1"
      Then thenEvents with OrderCreated "ord-1" for "cust-1" at the default spec time passes
      And thenData with order "ord-1" and total 0 passes

    Scenario: The spec context sets the time, and one when can override it
      Given a spec with the context time 1700000000000 given nothing
      When the spec creates order "ord-1" for customer "cust-1"
      Then the OrderCreated event has createdAt 1700000000000
      And the same given with the time 1800000000000 for one when gives createdAt 1800000000000

  Rule: Each assertion passes on a correct expectation and explains a wrong one

    Scenario: thenEvents compares all events exactly and in order
      Given a spec given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec adds an item "sku-2" of quantity 2 at 300
      Then thenEvents with the ItemAdded event of "sku-2", quantity 2 at 300 passes
      And thenEvents with quantity 3 instead fails with:
        """
        thenEvents after AddItem: the events differ
        events[0].data.quantity: expected 3, received 2
        """
      And thenEvents with that event listed twice fails with:
        """
        thenEvents after AddItem: the events differ
        events: expected 2 event(s), received 1
        events[1]: expected { type: "ItemAdded", data: { orderId: "ord-1", productId: "sku-2", quantity: 2, unitPrice: 300, lineTotal: 600 } }, received <missing>
        """

    Scenario: thenEventTypes compares only the types of the events
      Given a spec given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec submits the order
      Then thenEventTypes "OrderSubmitted" passes
      And thenEventTypes "OrderSubmitted, ItemAdded" fails with:
        """
        thenEventTypes after SubmitOrder: the event types differ
        event types: expected ["OrderSubmitted", "ItemAdded"], received ["OrderSubmitted"]
        """

    Scenario: thenRejected checks the code, the message and part of the context
      Given a spec given the events of a submitted order "ord-1"
      When the spec adds an item "sku-2" of quantity 1 at 300
      Then thenRejected "ORDER_NOT_DRAFT" with the message "Cannot add items to a submitted order" and the context status "submitted" passes
      And thenRejected "ORDER_NOT_DRAFT" with a message matching "submitted order" passes
      And thenRejected "ORDER_EMPTY" fails with:
        """
        thenRejected after AddItem: the rejection differs
        code: expected "ORDER_EMPTY", received "ORDER_NOT_DRAFT"
        """
      And thenRejected "ORDER_NOT_DRAFT" with a message matching "draft order" fails with:
        """
        thenRejected after AddItem: the rejection differs
        message: expected to match /draft order/, received "Cannot add items to a submitted order"
        """
      And thenRejected "ORDER_NOT_DRAFT" with the context status "draft" fails with:
        """
        thenRejected after AddItem: the rejection differs
        context.status: expected "draft", received "submitted"
        """

    Scenario: thenFailed checks the reason and the audit event
      Given a spec given the state of a draft order "ord-1" whose total is 100 below the safe integer limit
      When the spec adds an item "sku-3" of quantity 1 at 1000
      Then thenFailed with a reason matching "safe integer" and the OrderFlagged audit event passes
      And thenFailed with the reason "Out of stock" fails with:
        """
        thenFailed after AddItem: the failure differs
        reason: expected "Out of stock", received "Order total would exceed the safe integer range"
        """
      And thenFailed requiring no audit event fails with:
        """
        thenFailed after AddItem: the failure differs
        event: expected no audit event, received { type: "OrderFlagged", ...
        """

    Scenario: thenState and thenStateMatches check the state after the emitted events
      Given a spec given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec adds an item "sku-2" of quantity 2 at 300
      Then thenState with the full expected state passes
      And thenStateMatches with total 800 and the items "sku-1, sku-2" passes
      And thenState with total 900 instead fails with:
        """
        thenState after AddItem: the state differs
        state.total: expected 900, received 800
        """
      And thenStateMatches with only the item "sku-1" fails with:
        """
        thenStateMatches after AddItem: the state differs
        state.items: expected 1 item(s), received 2
        state.items[1]: expected <missing>, received { productId: "sku-2", quantity: 2, unitPrice: 300, lineTotal: 600 }
        """

    Scenario: thenData and thenStateUpdate check what a success returns besides events
      Given a spec given the events of order "ord-1" with an item "sku-1" of quantity 2 at 500
      When the spec submits the order
      Then thenData with order "ord-1" and total 1000 passes
      And thenStateUpdate with the status "submitted" and total 1000 passes
      And thenData with order "ord-1" and total 999 fails with:
        """
        thenData after SubmitOrder: the data differs
        data.total: expected 999, received 1000
        """
      And thenStateUpdate with the status "draft" and total 1000 fails with:
        """
        thenStateUpdate after SubmitOrder: the state update differs
        stateUpdate.status: expected "draft", received "submitted"
        """

    Scenario: Assertions chain, and output and state stay available for ad-hoc checks
      Given a spec given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec adds an item "sku-2" of quantity 2 at 300
      Then thenEventTypes, thenStateMatches and thenState chain on one result
      And the result output is a success and the result state has 2 items

    Scenario: A different kind of outcome names both kinds and the details
      Given a spec given the events of a submitted order "ord-1"
      When the spec adds an item "sku-2" of quantity 1 at 300
      Then thenEvents with any event fails with:
        """
        thenEvents after AddItem: expected success, received rejected ORDER_NOT_DRAFT ("Cannot add items to a submitted order")
        """
      And thenFailed without a reason fails with:
        """
        thenFailed after AddItem: expected failed, received rejected ORDER_NOT_DRAFT ("Cannot add items to a submitted order")
        """

    Scenario: Expecting a rejection on a success names the emitted events
      Given a spec given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec adds an item "sku-2" of quantity 2 at 300
      Then thenRejected "ORDER_NOT_DRAFT" fails with:
        """
        thenRejected after AddItem: expected rejected ORDER_NOT_DRAFT, received success with 1 event(s) [ItemAdded]
        """
      And thenThrows fails with:
        """
        thenThrows after AddItem: expected an exception, received success with 1 event(s) [ItemAdded]
        """

    Scenario: Expecting events on a failure names the reason and the audit event
      Given a spec given the state of a draft order "ord-1" whose total is 100 below the safe integer limit
      When the spec adds an item "sku-3" of quantity 1 at 1000
      Then thenEvents with any event fails with:
        """
        thenEvents after AddItem: expected success, received failed ("Order total would exceed the safe integer range") with audit event OrderFlagged
        """

  Rule: The spec catches deciders that are not pure

    Scenario: A decider that reads its own clock is reported as not deterministic
      Given a spec of a decider that reads its own clock, given nothing
      When the spec creates order "ord-1" for customer "cust-1"
      Then the when fails with:
        """
        when CreateOrder: the same state, command and context gave a different result on a second run...
        output.events[0].data.createdAt: expected 1, received 2
        state.createdAt: expected 1, received 2
        """

    Scenario: The determinism check can be switched off
      Given a spec of a decider that reads its own clock with checkPurity off, given nothing
      When the spec creates order "ord-1" for customer "cust-1"
      Then thenEventTypes "OrderCreated" passes

    Scenario: A decider that mutates the given state is reported with the mutated path
      Given a spec of a decider that pushes into the given items, given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec adds an item "sku-2" of quantity 2 at 300
      Then the when fails with:
        """
        when AddItem: decide or evolve mutated its input; return new objects instead
        state.items: expected 1 item(s), received 2
        state.items[1]: expected <missing>, received { productId: "sku-2", quantity: 2, unitPrice: 300, lineTotal: 600 }
        """

    Scenario: An exception from decide is reported, and can be expected
      Given a spec of a decider that answers submit with an empty success, given the events of order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the spec submits the order
      Then thenThrows "EMPTY_SUCCESS" passes
      And thenEvents with any event fails with:
        """
        thenEvents after SubmitOrder: expected a returned output, received an exception DeciderError EMPTY_SUCCESS ("success() needs at least one event...
        """

  Rule: diff reports every difference by its path

    Scenario Outline: diff names each difference by its path
      Given the values called "<pair>"
      When the expected value is diffed against the received one
      Then the differences are "<differences>"

      Examples:
        | pair                 | differences                                                                          |
        | equal nested objects | none                                                                                 |
        | nested field         | items[1].quantity: expected 3, received 2                                            |
        | array length         | items: expected 2 item(s), received 1; items[1]: expected "b", received <missing>    |
        | undefined vs missing | note: expected undefined, received <missing>                                         |
        | unexpected key       | note: expected <missing>, received "x"                                               |
        | different dates      | at: expected Date(2025-01-01T00:00:00.000Z), received Date(2025-01-02T00:00:00.000Z) |
        | equal dates          | none                                                                                 |
        | NaN                  | none                                                                                 |
        | number vs string     | total: expected 1, received "1"                                                      |
        | array vs object      | items: expected [], received {}                                                      |
        | quoted key           | ["order-id"]: expected 1, received 2                                                 |
        | root value           | expected 1, received 2                                                               |

    Scenario: A partial diff checks only what the expectation names
      Given an expectation that names only some keys of the received value
      When the expected value is diffed partially against the received one
      Then there are no differences
      And a wrong value under a named key is still reported as "b.c: expected 5, received 2"

  Rule: Case tables drive one decider from many examples

    Scenario Outline: Each row of the table is one case of the order decider
      Given an order case that is <given>
      When the case <command> runs expecting "<outcome>"
      Then the case passes with the outcome "<outcome>"

      Examples:
        | given                | command     | outcome                       |
        | not created          | CreateOrder | success                       |
        | a draft with items   | CreateOrder | rejected:ORDER_ALREADY_EXISTS |
        | not created          | AddItem     | rejected:ORDER_NOT_FOUND      |
        | a draft with items   | AddItem     | success                       |
        | submitted            | AddItem     | rejected:ORDER_NOT_DRAFT      |
        | an empty draft       | SubmitOrder | rejected:ORDER_EMPTY          |
        | a draft with items   | SubmitOrder | success                       |
        | near the total limit | AddItem     | failed                        |

    Scenario: One error lists every failing case with its differences
      Given the cases:
        | name                     | given              | command     | expect                   |
        | submit a draft           | a draft with items | SubmitOrder | success                  |
        | add to a submitted order | submitted          | AddItem     | success                  |
        | submit an empty draft    | an empty draft     | SubmitOrder | rejected:ORDER_NOT_DRAFT |
      When the case table runs
      Then it fails with:
        """
        runDeciderCases: 2 of 3 case(s) failed
        add to a submitted order:
        outcome: expected "success", received "rejected:ORDER_NOT_DRAFT" ("Cannot add items to a submitted order")
        submit an empty draft:
        outcome: expected "rejected:ORDER_NOT_DRAFT", received "rejected:ORDER_EMPTY" ("Cannot submit an order without items")
        """
      And the passing case "submit a draft" is not listed

    Scenario: A malformed outcome is reported, not ignored
      Given the cases:
        | name            | given              | command     | expect                   |
        | typo            | a draft with items | SubmitOrder | ok                       |
        | lower-case code | submitted          | AddItem     | rejected:order_not_draft |
      When the case table runs
      Then it fails with:
        """
        runDeciderCases: 2 of 2 case(s) failed
        typo:
        expect: "ok" is not an outcome; use "success", "failed" or "rejected:<CODE>"
        lower-case code:
        expect: "rejected:order_not_draft" is not an outcome; use "success", "failed" or "rejected:<CODE>"
        """

    Scenario: Cases can also check events and state, and return their results
      Given a case adding "sku-2" of quantity 2 at 300 to a draft that expects its ItemAdded event and total 800
      And a case submitting a draft given as state that expects the status "submitted"
      When the case table runs
      Then every case passes and the results carry their names, outcomes and states
