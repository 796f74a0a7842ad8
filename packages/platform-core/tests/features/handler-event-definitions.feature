Feature: Handlers store events with their definitions' category and schema version
  A bounded context gives its handler factories the definitions of the events its decider emits
  (`events`: `defineEvent`, `defineFatEvent`). Each event the handler returns then carries its
  definition's category and schema version, which the orchestrator passes to the event store,
  so a fat event is stored as `fat` with its version. An event type without a definition is
  refused before the CMS is written. Without `events` the store's defaults apply.

  Rule: A handler given its event definitions returns each event with its category and version

    Scenario: An entity handler stamps a fat event and a domain event
      Given a cart handler given the definitions of "CartOpened" and the fat "CartCheckedOut" at version 2
      When the cart "c-1" is opened and checked out
      Then the handler returned "CartOpened" as "domain" version 1 and "CartCheckedOut" as "fat" version 2
      And the cart's CMS row was written at version 2

    Scenario: A scope handler stamps the events of its streams
      Given a shelf scope handler given the definition of "ShelfStocked" at version 2
      When two shelves are stocked in one scope decision
      Then every event the handler returned is "ShelfStocked" as "domain" version 2, each naming its shelf

  Rule: An event type the definitions do not list is refused and nothing is written

    Scenario: A decider emitting an undefined event type
      Given a cart handler given only the definition of "CartOpened"
      When the cart "c-2" is opened and checked out
      Then the handler threw "EVENT_NOT_DEFINED" naming "CartCheckedOut" and the known "CartOpened"
      And no CMS row was written

  Rule: Without definitions events carry no category, and the store's defaults apply

    Scenario: A handler without events returns bare events
      Given a cart handler without event definitions
      When the cart "c-3" is opened and checked out
      Then the handler returned "CartOpened" and "CartCheckedOut" with no category or version
