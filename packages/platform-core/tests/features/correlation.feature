Feature: Correlation chains
  Every command carries a correlationId that names the user action, and a causationId that names
  the message that caused it. Events take both from the command that produced them, so a trace
  can be rebuilt from any command, event or projection job. Ids are made by an injected
  generator: pure code holds no hidden randomness.

  Rule: A command entering the system starts or joins a chain

    Scenario: A root command without ids gets new ones and is its own cause
      Given a sequential id generator
      When a chain is created for a command of user "u-1" without ids
      Then the chain is '{"commandId":"command-1","correlationId":"correlation-1","causationId":"command-1","userId":"u-1"}'
      And it is a root command

    Scenario: A command that brings its ids keeps them
      When a chain is created from '{"commandId":"cmd-7","correlationId":"corr-7","causationId":"evt-3"}'
      Then the chain is '{"commandId":"cmd-7","correlationId":"corr-7","causationId":"evt-3"}'
      And it is not a root command

    Scenario: A missing id without a generator is refused, never invented
      When a chain is created from '{"commandId":"cmd-7"}' without a generator
      Then it is refused with the single problem 'ID_GENERATOR_REQUIRED: correlationId was not given and no generateId was passed: pass the correlationId, or a generateId such as uuidIdGenerator'

    Scenario Outline: Malformed ids are refused
      When a chain is created from '<input>' without a generator
      Then it is refused with the single problem '<problem>'

      Examples:
        | input                                                  | problem                                                                                                |
        | {"commandId":"","correlationId":"c"}                   | INVALID_CORRELATION: commandId must be a non-empty string without surrounding spaces (got "")          |
        | {"commandId":"cmd-1","correlationId":" c "}            | INVALID_CORRELATION: correlationId must be a non-empty string without surrounding spaces (got " c ")   |
        | {"commandId":"cmd-1","correlationId":"c","userId":42}  | INVALID_CORRELATION: userId must be a non-empty string without surrounding spaces (got number 42)      |

    Scenario: The UUID generator makes distinct ids
      When two chains are created with the UUID generator
      Then their command and correlation ids are four distinct UUIDs
      And in a runtime without crypto.randomUUID it is refused with 'ID_GENERATOR_UNAVAILABLE: crypto.randomUUID is not available in this runtime: pass another generateId'

  Rule: Follow-up commands keep the correlation and name their cause

    Scenario: A command caused by a stored event is caused by that event
      Given a stored event "evt-9" with correlation "corr-1" by user "u-1"
      When a follow-up command "cmd-2" is derived from it
      Then the chain is '{"commandId":"cmd-2","correlationId":"corr-1","causationId":"evt-9","userId":"u-1"}'

    Scenario: A command caused by a command is caused by that command, possibly for another user
      Given the chain '{"commandId":"cmd-1","correlationId":"corr-1","causationId":"cmd-1","userId":"u-1"}'
      When a follow-up command is derived from it for the user "system:fulfilment" with a sequential generator
      Then the chain is '{"commandId":"command-1","correlationId":"corr-1","causationId":"cmd-1","userId":"system:fulfilment"}'

    Scenario: A parent without a correlation is refused
      When a follow-up command "cmd-2" is derived from an event "evt-1" without a correlationId
      Then it is refused with the single problem 'INVALID_CORRELATION: parent event correlationId must be a non-empty string without surrounding spaces (got undefined)'

  Rule: Events and command records carry the chain

    Scenario: Events are caused by the command that produced them
      Given the chain '{"commandId":"cmd-2","correlationId":"corr-1","causationId":"evt-9","userId":"u-1"}'
      When event metadata is built at time 1700000000000
      Then the metadata is '{"correlationId":"corr-1","causationId":"cmd-2","commandId":"cmd-2","userId":"u-1","timestamp":1700000000000}'
      And without a time the metadata has no timestamp, so the store stamps its own

    Scenario: The command bus records the cause only when another message caused the command
      Given the chain '{"commandId":"cmd-1","correlationId":"corr-1","causationId":"cmd-1"}'
      Then the command record correlation is '{"commandId":"cmd-1","correlationId":"corr-1"}'
      And for a command caused by "evt-9" it is '{"commandId":"cmd-1","correlationId":"corr-1","causationId":"evt-9"}'

    Scenario: A timestamp that is not milliseconds since the epoch is refused
      Given the chain '{"commandId":"cmd-1","correlationId":"corr-1","causationId":"cmd-1"}'
      When event metadata is built at time -1
      Then it is refused with the single problem 'INVALID_CORRELATION: timestamp must be milliseconds since the epoch, a finite number >= 0 (got number -1)'
