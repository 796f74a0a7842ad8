Feature: Inventory decider
  Every inventory command is decided over the warehouse scope: the products and reservations it
  names, together. So a reservation of several products takes every line or none, and the
  rejection names the products that are short. The decider is pure: no Convex, no clock.

  Background:
    Given a warehouse where "kbd" holds 5 and "mouse" holds 1

  Rule: A reservation takes every line or none

    Scenario: Every line in stock is reserved in one decision
      When reservation "ord-1" reserves "kbd:2, mouse:1" at time 1000
      Then the events are "StockReserved kbd, StockReserved mouse, ReservationPlaced ord-1"
      And reservation "ord-1" is held until 901000
      And "kbd" has 3 available and "mouse" has 0 available

    Scenario: One short line rejects the whole reservation and names it
      When reservation "ord-1" reserves "kbd:2, mouse:3" at time 1000
      Then it is rejected with "INSUFFICIENT_STOCK" and the message names "mouse (requested 3, available 1)"
      And the shortages are "mouse: 3 requested, 1 available"

    Scenario Outline: A reservation that cannot be decided on is refused
      Given reservation "ord-0" already reserves "kbd:1"
      When reservation "<reservation>" reserves "<lines>" at time 1000
      Then it is rejected with "<code>"

      Examples:
        | reservation | lines         | code                       |
        | ord-1       |               | RESERVATION_HAS_NO_LINES   |
        | ord-1       | kbd:1, kbd:1  | DUPLICATE_LINE             |
        | ord-1       | kbd:0         | INVALID_QUANTITY           |
        | ord-1       | cable:1       | UNKNOWN_PRODUCTS           |
        | ord-0       | kbd:1         | RESERVATION_ALREADY_EXISTS |

  Rule: Reserved stock is allocated, released or expired, once

    Scenario: Confirming allocates the reserved stock
      Given reservation "ord-1" already reserves "kbd:2, mouse:1"
      When reservation "ord-1" is confirmed at time 2000
      Then the events are "ReservationConfirmed ord-1, StockAllocated kbd, StockAllocated mouse"
      And "kbd" has 3 on hand and 0 reserved

    Scenario: A reservation past its expiry cannot be confirmed
      Given reservation "ord-1" already reserves "kbd:2"
      When reservation "ord-1" is confirmed at time 901000
      Then it is rejected with "RESERVATION_EXPIRED"

    Scenario: Releasing gives the stock back, and a released reservation stays released
      Given reservation "ord-1" already reserves "kbd:2"
      When reservation "ord-1" is released
      Then the events are "ReservationReleased ord-1, StockReleased kbd"
      And "kbd" has 5 available and "mouse" has 1 available
      And releasing reservation "ord-1" again is rejected with "RESERVATION_NOT_HELD"

    Scenario: Reservations past their expiry expire together
      Given reservation "ord-1" already reserves "kbd:2"
      And reservation "ord-2" already reserves "mouse:1"
      When reservations "ord-1, ord-2" expire at time 901000
      Then the events are "ReservationExpired ord-1, StockReleased kbd, ReservationExpired ord-2, StockReleased mouse"

    Scenario: A reservation not yet due does not expire
      Given reservation "ord-1" already reserves "kbd:2"
      When reservations "ord-1" expire at time 900999
      Then it is rejected with "RESERVATIONS_NOT_DUE"

    Scenario: An expired reservation never returns to held
      Then the reservation status machine refuses "expired" to "held"

  Rule: The catalogue and its stock

    Scenario: Stock is added in whole units to products that exist
      When 3 of "kbd" are added
      Then the events are "StockAdded kbd"
      And "kbd" has 8 on hand and 0 reserved
      And adding 2 of "cable" is rejected with "PRODUCT_NOT_FOUND"
      And creating product "kbd" again is rejected with "PRODUCT_ALREADY_EXISTS"

    Scenario: The warehouse folds from its events alone
      Given reservation "ord-1" already reserves "kbd:2, mouse:1"
      Then folding every event of the warehouse from nothing gives "kbd" 5 on hand, 2 reserved
