Feature: Poison events are quarantined so a projection keeps moving
  A projection's handler runs for each event as a sub-transaction. When it throws, its writes
  roll back and the guard records the attempt in the caller's mutation, which commits; the
  projection tries again after a doubling backoff. At the third failure the event is quarantined:
  an ERROR alert is logged and later attempts skip it, so the projection is not blocked. An
  operator lists quarantined events and releases one after a fix. These scenarios run the
  eventStore under convex-test with fake timers, so the retries really run.

  Background:
    Given the durability test app
    And the orderTotals projection quarantines an event after 3 failures

  Rule: A malformed event is retried, then quarantined and skipped

    Scenario: The malformed event is quarantined after 3 attempts and the next event still counts
      When order "o-1" changes its total by "abc"
      And order "o-1" changes its total by 5
      And the background work runs
      Then the event with "abc" is quarantined after 3 attempts with the error "OrderTotalChanged for o-1 has no numeric amount"
      And the total of order "o-1" is 5
      And one alert says "ERROR orders: event quarantined" for that event

    Scenario: The backoff doubles between attempts
      When order "o-2" changes its total by "abc"
      And the background work runs
      Then the last attempt failed 3000 ms after the first: 1000 ms, then 2000 ms later

    Scenario: A quarantined event is skipped from then on
      Given order "o-3" changed its total by "abc" and the event was quarantined
      When the projection processes that event again
      Then it answers "skipped" because the event is "quarantined"
      And the event still has 3 attempts

    Scenario: A released event is processed again with a fresh count
      Given order "o-4" changed its total by "abc" and the event was quarantined
      When the operator releases the event
      And the projection processes that event again
      Then it answers "failed" after 1 attempt, to retry in 1000 ms

    Scenario: Only a quarantined event can be released
      When the operator releases the unknown event "evt-none"
      Then it is refused with POISON_RECORD_NOT_FOUND: "event evt-none is not quarantined for projection orderTotals (no record); expected a quarantined event"

  Rule: A transient failure leaves no record behind

    Scenario: An event that fails once and then succeeds keeps no poison record
      Given the orderTotals handler would fail once for order "o-5"
      When order "o-5" changes its total by 7
      And the background work runs
      Then the total of order "o-5" is 7
      And no poison record is left
