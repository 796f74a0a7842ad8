Feature: Order detail evolve
  The order detail view folds the events of an order and of its stock reservation with one pure
  evolve. The durable projection runs it on the server and the browser runs it on the events
  the durable read model has not applied yet, so both show the same detail. No Convex here.

  Rule: The detail is the order's events and its reservation's, folded

    Scenario: A submitted order with its reservation held
      Given the order "ord-1" events "created by ada at 1000; added kbd x 2; added mouse x 1; submitted at 2000"
      And its reservation events "reservation placed until 9000"
      When the detail folds the order's events, then the reservation's
      Then the detail is "ord-1 of ada: submitted, kbd x 2, mouse x 1 = 110, reservation held until 9000, updated at 2000"

    Scenario: A removed item leaves the detail and the total
      Given the order "ord-2" events "created by ada at 1000; added kbd x 2; added cable x 3; removed kbd"
      When the detail folds the order's events, then the reservation's
      Then the detail is "ord-2 of ada: draft, cable x 3 = 15, no reservation, updated at 1000"

    Scenario: A cancelled order shows its reservation released, keeping the expiry
      Given the order "ord-3" events "created by ada at 1000; added kbd x 1; submitted at 2000; cancelled at 4000"
      And its reservation events "reservation placed until 9000; reservation released"
      When the detail folds the order's events, then the reservation's
      Then the detail is "ord-3 of ada: cancelled, kbd x 1 = 45, reservation released until 9000, updated at 4000"

    Scenario: An expired reservation moves the time the detail was last changed
      Given the order "ord-4" events "created by ada at 1000; added kbd x 1; submitted at 2000"
      And its reservation events "reservation placed until 9000; reservation expired at 9500"
      When the detail folds the order's events, then the reservation's
      Then the detail is "ord-4 of ada: submitted, kbd x 1 = 45, reservation expired until 9000, updated at 9500"

  Rule: The two streams may arrive in any interleaving

    Scenario: Every interleaving of the two streams gives the same detail
      Given the order "ord-5" events "created by ada at 1000; added kbd x 2; submitted at 2000; confirmed at 3000"
      And its reservation events "reservation placed until 9000; reservation confirmed"
      When the detail folds every interleaving of the two streams
      Then the 15 interleavings all give "ord-5 of ada: confirmed, kbd x 2 = 90, reservation confirmed until 9000, updated at 3000"

    Scenario: Reservation events folded before the order's own show the reservation alone
      Given the order "ord-6" events "created by ada at 1000"
      And its reservation events "reservation placed until 9000"
      When the detail folds the reservation's events only
      Then the detail is "ord-6 of ?: ?, no items = 0, reservation held until 9000, updated at 0"

  Rule: Evolve is pure

    Scenario: Folding never changes the detail it starts from
      Given the order "ord-7" events "created by ada at 1000; added kbd x 2; submitted at 2000"
      When the detail folds the order's events from a frozen detail
      Then the frozen detail still reads "ord-0 of bob: draft, no items = 0, no reservation, updated at 500"
