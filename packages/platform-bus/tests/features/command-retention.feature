Feature: Command retention
  Command records are kept at least for their TTL (7 days by default), then deleted by an app
  cron in bounded batches. A command still pending after its TTL is kept: it is stuck, and
  deleting it would let its commandId run again.

  Background:
    Given the clock is faked

  Rule: Expired commands are deleted in bounded batches

    Scenario: Each batch deletes at most batchSize commands and says whether more remain
      Given 5 executed commands that expire in an hour
      And 2 executed commands that expire in two days
      When 2 hours pass
      Then cleanup with a batch size of 3 deletes 3 and reports more
      And cleanup with a batch size of 3 deletes 2 and reports no more
      And 2 commands remain

    Scenario: Pending commands past their TTL are kept and listed
      Given 2 pending commands that expire in an hour
      And 3 executed commands that expire in an hour
      When 2 hours pass
      Then cleanup with a batch size of 100 deletes 3 and reports no more
      And the expired pending commands are "stuck-1, stuck-2"

    Scenario: A cleanup that reschedules itself removes everything expired and nothing else
      Given 23 executed commands that expire in an hour
      And 3 executed commands that expire in two days
      And 2 pending commands that expire in an hour
      When 2 hours pass
      And the app's cleanup runs with a batch size of 5 and its scheduled runs finish
      Then it ran 5 times
      And 5 commands remain
