Feature: Testing and integrating the eventStore component
  Apps test against the real component under convex-test, declare their own functions with the
  store's validators, and use the package's helpers to build inputs and to check concurrency.

  Rule: The component registers in convex-test under the name the app gives it

    Scenario: An app names the component "store"
      Given a convex-test app that registers the component as "store"
      When the app appends an event through a client of that component
      Then the event is read back through the same client

    Scenario: The test entry exposes the schema and the modules it registers
      Then the test entry's schema has the tables "events, streams, dcbScopes, idempotencyConflicts"
      And its modules hold the public API module and no convex.config
      And the component definition is named "eventStore"

  Rule: Apps declare what they pass on with the store's validators

    Scenario: An app's own functions validate what they take from and give to the store
      Given an app whose functions use the store's validators for their arguments and results
      When the app's mutation places an order and its query reads the order
      Then the app's functions return the append result and the events, validated
      And the app's scope function returns the scope commit result, validated

  Rule: Helpers build inputs and simulate concurrency

    Scenario: Input builders give events and streams the store accepts
      Given an app using the eventStore component
      When the app appends an event built with newEvent to a stream built with streamRef
      Then the append succeeds with the builders' defaults stored

    Scenario: The interleaving simulation separates a safe settle window from none
      When the interleaving simulation runs 2000 appends on 200 streams with 4 readers and seed 7
      Then positions are unique, follow stream versions and no reader skipped or repeated an event
      And with a settle window of 0 ms the same run makes some reader skip an event
      And the same seed draws the same numbers
