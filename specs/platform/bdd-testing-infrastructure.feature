Feature: BDD testing infrastructure
  Domain logic is specified in Gherkin and runs without infrastructure; the specifications
  are organised so that steps of different areas never collide.

  Rule: All domain logic tests must be Gherkin

    Scenario: Domain packages are tested only through feature files
      Given the domain logic packages "platform-fsm, platform-decider"
      Then every test file of those packages is a step file bound to a feature file
      And every feature file of those packages is bound by a step file

    Scenario: Each business rule stands as a Rule block with its exact title
      Given the business rules table
      Then every spec feature file holds each rule of the table as a Rule block
      And every Rule block of a spec feature file is a rule of the table

  Rule: Deciders enable perfect test isolation

    Scenario: A decider is specified from prior events with no infrastructure
      Given an account history with an opening and a deposit of 100
      When a withdrawal of 40 is specified
      Then the spec sees a "MoneyWithdrawn" event with a balance of 60
      And the spec sees a resulting state with a balance of 60

    Scenario: A wrong expectation fails with a diff naming the field
      Given an account history with an opening and a deposit of 100
      When a withdrawal of 40 is specified expecting a balance of 70
      Then the spec fails with a diff naming "events[0].data.balanceAfter"

    Scenario: The decider packages load without any framework
      When the built files of "platform-fsm, platform-decider" are inspected
      Then they import nothing but their own modules

  Rule: Step definitions must be organized to prevent conflicts

    Scenario: Each feature file has its own step file beside it
      Given the specification tree
      Then every feature file has a step file of the same name in its area folder, or in the example its area specifies
      And every step file loads only the feature file of its name

    Scenario: Shared step helpers stay within their area
      Given the specification tree
      Then no step file imports the support modules of another area

  Rule: Integration tests use action-focused steps

    Scenario: A command lifecycle is told one action at a time
      Given a new account "acc-7" for "Linus"
      When the owner deposits 100
      And the owner withdraws 30
      And the bank freezes the account
      And the owner tries to deposit 10
      Then the commands were decided as "success, success, success, rejected:ACCOUNT_NOT_OPEN"
      And the account is "frozen" with a balance of 70
      And the recorded events are "AccountOpened, MoneyDeposited, MoneyWithdrawn, AccountFrozen"

  Rule: Platform packages must have feature coverage

    Scenario: Every platform package ships feature files
      Given the platform packages of the workspace
      Then each has at least one feature file under tests/features

    Scenario: Every public function of a platform package is exercised by its steps
      Given the platform packages of the workspace
      When their built entry points are imported
      Then every exported name is used by a step file of that package
