Feature: The demo story
  `npm start` runs the order-management story on the embedded runtime. The story checks its
  own turning points; this feature keeps what it prints true.

  Rule: The story runs every part of the app and its report is consistent

    Scenario: The story's commands, read models, events and statuses
      When the demo story runs
      Then its submissions were "executed, rejected INSUFFICIENT_STOCK, executed, executed (duplicate)"
      And every follow-up command it caused was executed: "submit-10:reserve, submit-18:reserve"
      And the saga confirmed ord-1001 and the process manager released ord-1003's stock
      And its event log holds 33 events, each once
      And its read models show ord-1001 confirmed and the stock "kbd 3, monitor 1, mouse 1"
      And its warehouse audit finds no difference
