Feature: Bounded context foundation
  A bounded context is a Convex component: its tables live in its own database, the app reaches
  them only through the component's functions, each call into it is a sub-transaction, the
  app's authentication stays in the app and ids leave it as plain strings. A dual-write
  contract declares what the context handles, produces, stores and refuses.
  These scenarios run the bank app under convex-test, whose accounts bounded context keeps its
  CMS and the daily withdrawal limits in its own database.

  Background:
    Given the bank app with account "acc-1" opened for "alice"

  Rule: Components have isolated databases that parent cannot query directly

    Scenario: The accounts CMS is reachable only through the accounts context's functions
      Then the accounts context answers account "acc-1" of "alice" with a balance of 0
      And the app's schema declares "limitRequests, accountBalances, balanceHistory, projectionFaults" and the accounts context's declares "accounts, dailyLimits"
      And a full scan of "accounts" in the app's database finds no document
      And the app's database refuses the "by_account_id" index of "accounts"

  Rule: Sub-transactions are atomic within components

    Scenario: A component mutation's writes commit together
      Given account "acc-2" was opened for "bob"
      When the app sets the daily limits "acc-1=500, acc-2=300" as request "req-1"
      Then request "req-1" is recorded "applied"
      And the daily limits are "acc-1=500, acc-2=300"

    Scenario: A component mutation that throws takes back all its writes while its caller commits
      When the app sets the daily limits "acc-1=500, acc-404=300" as request "req-2"
      Then request "req-2" is recorded "refused" with code "ACCOUNT_NOT_FOUND"
      And the daily limits are "acc-1=none, acc-404=none"

    Scenario: A committed sub-transaction rolls back with its caller
      When the app sets the daily limits "acc-1=500" as request "req-3" and then crashes
      Then the call failed saying "the request req-3 crashed after the accounts context answered"
      And request "req-3" is not recorded
      And the daily limits are "acc-1=none"

  Rule: ctx.auth does not cross component boundaries

    Scenario: A component sees no identity while the app's caller is signed in
      When "alice" signed in asks who is calling
      Then the app sees "alice" and the accounts context sees nobody

    Scenario: The app hands the identity it resolved to the command as data
      When teller "tina" signed in deposits 25 into account "acc-1" as command "cmd-id"
      Then the deposit is "executed" and its event names "tina" as the user

    Scenario: Without a signed-in caller the app refuses before the context is called
      When an anonymous caller deposits 25 into account "acc-1" as command "cmd-anon"
      Then the deposit is "rejected" with code "UNAUTHORIZED"
      And account "acc-1" still has a balance of 0 at CMS version 1

  Rule: Id<"table"> inside component becomes string at API boundary

    Scenario: A document id leaves the accounts context as a plain string
      When the app sets the daily limits "acc-1=500" as request "req-4"
      Then the returned limit id is a string
      And the accounts context finds the limit 500 of "acc-1" by that id

    Scenario: An id from a component is no id of the app's database
      When the app sets the daily limits "acc-1=500" as request "req-5"
      Then the app's database finds no document under the returned limit id
      And the app's database does not take the returned limit id for one of its "limitRequests"

    Scenario: A component refuses an id of the app's database
      When the app sets the daily limits "acc-1=500" as request "req-6"
      And the app passes the id of its own request "req-6" to the accounts context
      Then the accounts context refuses it with code "INVALID_LIMIT_ID"

  Rule: DualWriteContextContract formalizes the bounded context API

    Scenario: The accounts contract is accepted and declares what the context really does
      Given the accounts contract
      Then it names context "accounts" at version 1 in "dual-write" mode with stream type prefix "Account"
      When teller "tina" deposits 100, withdraws 500 and deposits 0 on account "acc-1"
      Then every event type in the streams of account "acc-1" is one the contract produces
      And every rejection code recorded for those commands is one the contract declares
      And the contract covers the context's command definitions and its CMS

    Scenario: A contract that misses a command the context handles fails the coverage check
      Given the accounts contract without "Withdraw"
      Then checking it against the context's command definitions fails naming 'command type "Withdraw" is not in commandTypes'

    Scenario Outline: A malformed contract is refused with its code
      When the accounts contract is defined with <change>
      Then it is refused with code "<code>"

      Examples:
        | change                              | code                   |
        | execution mode "event-sourced"      | UNKNOWN_EXECUTION_MODE |
        | no command types                    | EMPTY_LIST             |
        | "Deposit" also listed as an event   | AMBIGUOUS_MESSAGE_TYPE |
        | "MoneyDeposited" listed twice       | DUPLICATE_ENTRY        |
        | error code "notFound"               | INVALID_ERROR_CODE     |
        | CMS "accountCMS" at version 0       | INVALID_VERSION        |
        | context name "Accounts"             | INVALID_NAME           |
