Feature: Decider purity and evolve
  decide and evolve are pure functions: the same input gives the same output, inputs are never
  mutated, time and ids come in through the context, and evolve takes its values from the event
  payload. fold and decideAndEvolve are built on evolve alone.

  Rule: Deciders must be pure functions

    Scenario: The same state, command and context give deep-equal outputs
      Given a deeply frozen draft order "ord-1" with an item "sku-1" of quantity 1 at 200
      And a deeply frozen command adding an item "sku-2" of quantity 3 at 100
      When the command is decided twice with the same context
      Then both outputs are deep-equal
      And the frozen state still deep-equals the copy taken before deciding

    Scenario: Time comes in through the context, never from a clock
      Given no order yet
      When order "ord-9" is created with the context time 1700000000000
      And order "ord-9" is created again with the context time 1800000000000
      Then the first OrderCreated event has createdAt 1700000000000
      And the second OrderCreated event has createdAt 1800000000000

    Scenario: evolve returns a new state and leaves the previous one untouched
      Given a deeply frozen draft order "ord-1" with an item "sku-1" of quantity 1 at 200
      When an ItemAdded event for "sku-2" with line total 300 is evolved onto it
      Then the new state has 2 items and total 500
      And the previous state still has 1 item and total 200

  Rule: Evolve functions use event payload as source of truth

    Scenario: The line total comes from the event, not from quantity times price
      Given a draft order "ord-1" without items
      When an ItemAdded event with quantity 2, unit price 500 and line total 900 is evolved
      Then the order total is 900
      And the item records the line total 900 next to quantity 2 and unit price 500

    Scenario: The submitted total comes from the event
      Given a draft order "ord-1" with an item "sku-1" of quantity 1 at 200
      When an OrderSubmitted event with total 150 at time 5000 is evolved
      Then the order total is 150
      And the order status is "submitted" since 5000

  Rule: fold replays history from the initial state

    Scenario: fold applies events in order from the initial state
      Given the history of order "ord-1" with items "sku-1" for 200 and "sku-2" for 300
      When the history is folded
      Then the state is a draft order "ord-1" with the items "sku-1, sku-2" and total 500

    Scenario: fold of no events is the initial state itself
      When no events are folded
      Then the result is the initial state object of the decider

    Scenario: fold continues from a given state
      Given a draft order "ord-1" with an item "sku-1" of quantity 1 at 200
      When an ItemAdded event for "sku-2" with line total 300 is folded from that state
      Then the order total is 500

    Scenario: defineDecider freezes the decider and its initial state
      Given the order decider made with defineDecider
      Then the decider object is frozen
      And its initial state and the initial items list are frozen

  Rule: decideAndEvolve returns the output and the next state

    Scenario: A success evolves the emitted events into the next state
      Given a draft order "ord-1" with an item "sku-1" of quantity 1 at 200
      When the order is submitted at 1700000000000 through decideAndEvolve
      Then the output is a success
      And the next state is "submitted" since 1700000000000

    Scenario: A rejection leaves the state as it was
      Given a submitted order "ord-1"
      When the order is submitted at 1700000000000 through decideAndEvolve
      Then the output is rejected with code "ORDER_NOT_DRAFT"
      And the next state is the given state object itself

    Scenario: A failure evolves its audit event
      Given a draft order "ord-1" whose total is 100 below the safe integer limit
      When an item "sku-3" of quantity 1 at 1000 is added through decideAndEvolve
      Then the output is failed
      And the next state is flagged and keeps its total
