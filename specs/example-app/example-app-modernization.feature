Feature: The order-management example app as a reference implementation
  The example app is what people clone to learn the platform, so it shows the platform's
  patterns in one working shop. These rules run in the example's own tests
  (examples/order-management/tests/steps/example-app-modernization.steps.ts): the app on its
  embedded runtime, driven through its public API, with projections, sagas and the other
  background work really running.

  Rule: Order submission uses DCB for multi-product inventory reservation

    Scenario: Every product of an order is reserved in one scope commit
      Given the shop stocks "kbd:5, mouse:2, cable:3"
      And "ada" has a draft order "ord-1" with "kbd:2, mouse:1, cable:3"
      When "ada" submits order "ord-1"
      Then the submission is executed
      And one commit moved the warehouse scope by one version with "StockReserved kbd, StockReserved mouse, StockReserved cable, ReservationPlaced ord-1"
      And once the projections caught up the shop shows "kbd: 3, mouse: 1, cable: 0" available

    Scenario: One short product rejects the whole submission and names it
      Given the shop stocks "kbd:5, mouse:2"
      And "bob" has a draft order "ord-2" with "kbd:1, mouse:3"
      When "bob" submits order "ord-2"
      Then the submission is rejected with "INSUFFICIENT_STOCK" naming "mouse" with 2 available of 3 requested
      And the warehouse scope did not move and nothing is reserved

  Rule: Order detail view uses reactive projection for instant updates

    Scenario: The customer's page shows her submission at once, before any projection ran
      Given the shop stocks "kbd:5, mouse:2"
      And "ada" has a draft order "ord-1" with "kbd:2, mouse:1"
      And "ada" has the detail page of "ord-1" open
      When "ada" submits order "ord-1"
      And the page's live query answers again
      Then the page shows "submitted, kbd x 2, mouse x 1 = 110, reservation held" from 5 pending events, optimistically
      And no projection has applied an event of "ord-1" yet

    Scenario: Once the background work ran, the page shows the durable detail
      Given the shop stocks "kbd:5, mouse:2"
      And "ada" has a draft order "ord-1" with "kbd:2, mouse:1"
      And "ada" has the detail page of "ord-1" open
      When "ada" submits order "ord-1"
      And the background work runs and the page's live query answers again
      Then the page shows "confirmed, kbd x 2, mouse x 1 = 110, reservation confirmed" with no pending events
      And the durable read model of "ord-1" is the shared evolve's fold of its order's and reservation's events

  Rule: OrderSubmitted event includes customer snapshot for downstream consumers

    Scenario: The submission carries the customer as the customers context holds her
      Given the shop stocks "kbd:5"
      And "ada" registered as "Ada Lovelace" with "ada@lovelace.example"
      And "ada" has a draft order "ord-1" with "kbd:1"
      When "ada" submits order "ord-1"
      Then the log holds the OrderSubmitted of "ord-1" as a "fat" event of schema version 1
      And it carries the customer snapshot "Ada Lovelace", "ada@lovelace.example" of schema version 1
      And its submittedAt and the snapshot's capture time are the submission's command time
      And the app lists "customer.data.name, customer.data.email" of OrderSubmitted as personal data of the customer

    Scenario: A downstream consumer reads the customer from the event, never from the customers context
      Given the shop stocks "kbd:5"
      And "ada" registered as "Ada Lovelace" with "ada@lovelace.example"
      And "ada" has a draft order "ord-1" with "kbd:1"
      When "ada" submits order "ord-1"
      And the projections catch up
      Then the shipping feed addresses "ord-1" to "Ada Lovelace"

  Rule: README documents the app as a Reference Implementation

    Scenario: The README says what the app is before anything else
      Given the example's README
      Then its first block after the title is a note that it is a reference implementation
      And it has the sections "Patterns demonstrated", "Architecture", "Run it" and "Development guidelines"

    Scenario: The patterns table points at code that exists
      Given the example's README
      Then its patterns table names "CMS dual write, Pure deciders, Projection categories, DCB, Reactive projections, Durable function adapters, Fat events, Reservation pattern"
      And every link of the table resolves to a file or folder of the example or the repository

    Scenario: The architecture diagram shows the bounded contexts and the components
      Given the example's README
      Then its architecture section has a mermaid diagram naming "orders, inventory, customers, eventStore, commandBus, projections, CommandOrchestrator"

    Scenario: Running locally covers the embedded demo and a real deployment
      Given the example's README
      Then its run section shows "npm start" and "npx convex dev"

    Scenario: The development guidelines link to the decision on the app's purpose
      Given the example's README
      Then its development guidelines link to the decision records, among them "the example app's purpose and change criteria"
      And every decision record they link to exists
