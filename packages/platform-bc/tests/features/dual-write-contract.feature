Feature: Dual-write contract
  A bounded context that keeps a CMS (command model state) table and appends events in the
  same transaction publishes a contract: its identity, the execution mode "dual-write", the
  commands it handles, the events it produces, its CMS tables with their schema versions and the
  error codes it can return. The contract is checked when it is defined and documents the
  context's API with literal types other code can build on.

  Rule: A valid contract is frozen and its type unions are inferred

    Scenario: The contract keeps what it declares
      Given the orders contract
      Then its command types are "CreateOrder, SubmitOrder, CancelOrder"
      And its event types are "OrderCreated, OrderSubmitted, OrderCancelled"
      And its CMS "orderCMS" is at version 2
      And its error codes are "ORDER_NOT_FOUND, ORDER_NOT_IN_DRAFT"
      And the contract, its lists and its CMS declarations are frozen
      And EXECUTION_MODES lists only "dual-write"

    Scenario: Command, event, CMS and error code unions come from the contract's type
      Given the orders contract
      Then CommandTypeOf is exactly "CreateOrder" | "SubmitOrder" | "CancelOrder"
      And EventTypeOf is exactly "OrderCreated" | "OrderSubmitted" | "OrderCancelled"
      And CMSTypeOf is exactly "orderCMS", ErrorCodeOf the two codes and ContextNameOf "orders"
      And a command type outside the contract is a compile error

    Scenario: The contract answers which commands, events and codes it declares
      Given the orders contract
      Then handlesCommand is true for "SubmitOrder" and false for "OrderSubmitted"
      And producesEvent is true for "OrderSubmitted" and false for "SubmitOrder"
      And declaresErrorCode is true for "ORDER_NOT_FOUND" and false for "PAYMENT_DECLINED"
      And handlesCommand narrows a string to the contract's command types

    Scenario: A context without rejections may declare no error codes
      Given the orders contract with errorCodes []
      When the contract is defined
      Then the contract is accepted with no error codes

  Rule: A malformed contract is refused with every problem named

    Scenario Outline: Each kind of problem has its code and says what was expected
      Given the orders contract with <field> <value>
      When the contract is defined
      Then it is refused with the single problem '<problem>'

      Examples:
        | field         | value                                       | problem                                                                                                                                                 |
        | executionMode | "event-sourced"                             | UNKNOWN_EXECUTION_MODE: executionMode must be one of "dual-write" (got "event-sourced")                                                                |
        | commandTypes  | []                                          | EMPTY_LIST: commandTypes is empty: expected at least one entry, such as "SubmitOrder"                                                                  |
        | eventTypes    | []                                          | EMPTY_LIST: eventTypes is empty: expected at least one entry, such as "OrderSubmitted"                                                                 |
        | commandTypes  | "SubmitOrder"                               | INVALID_LIST: commandTypes must be an array of PascalCase identifiers such as ["SubmitOrder"] (got "SubmitOrder")                                   |
        | commandTypes  | ["SubmitOrder", "CancelOrder", "SubmitOrder"] | DUPLICATE_ENTRY: commandTypes lists "SubmitOrder" more than once                                                                                    |
        | eventTypes    | ["OrderCreated", "order_submitted"]         | INVALID_NAME: eventTypes[1] must be a PascalCase identifier such as "OrderSubmitted" (got "order_submitted"; did you mean "OrderSubmitted"?)          |
        | errorCodes    | ["ORDER_NOT_FOUND", "orderNotInDraft"]      | INVALID_ERROR_CODE: errorCodes[1] must be a SCREAMING_SNAKE_CASE code such as "ORDER_NOT_FOUND" (got "orderNotInDraft"; did you mean "ORDER_NOT_IN_DRAFT"?) |
        | errorCodes    | ["ORDER_NOT_FOUND", "ORDER_NOT_FOUND"]      | DUPLICATE_ENTRY: errorCodes lists "ORDER_NOT_FOUND" more than once                                                                                     |
        | cmsTypes      | {}                                          | EMPTY_LIST: cmsTypes is empty: a dual-write context keeps at least one CMS table, such as { orderCMS: { currentVersion: 1 } }                         |
        | cmsTypes      | {"orderCMS": {"currentVersion": 0}}         | INVALID_VERSION: cmsTypes.orderCMS.currentVersion must be a positive integer such as 1 (got number 0)                                                 |
        | cmsTypes      | {"orderCMS": {}}                            | MISSING_FIELD: cmsTypes.orderCMS.currentVersion is required: a positive integer such as 1                                                             |
        | cmsTypes      | {"OrderCMS": {"currentVersion": 1}}         | INVALID_NAME: cmsTypes key "OrderCMS" must be a camelCase identifier such as "orderCMS" (got "OrderCMS"; did you mean "orderCms"?)                    |
        | cmsTypes      | {"orderCMS": 2}                             | INVALID_FIELD: cmsTypes.orderCMS must be an object such as { currentVersion: 1 } (got number 2)                                                       |
        | eventTypes    | ["OrderCreated", "SubmitOrder"]             | AMBIGUOUS_MESSAGE_TYPE: "SubmitOrder" is listed in both commandTypes and eventTypes: a command is named for the request (SubmitOrder), an event for the fact (OrderSubmitted) |
        | identity      | {"name": "orders", "description": "Orders", "version": 0, "streamTypePrefix": "Order"} | INVALID_VERSION: identity.version must be a positive integer such as 1 (got number 0)                                     |
        | identity      | "orders"                                    | INVALID_FIELD: identity must be an object with the fields "name", "description", "version", "streamTypePrefix" (got "orders")               |

    Scenario: Several problems are reported together under the context's name
      Given the orders contract with these fields:
        | field         | value        |
        | executionMode | "cqrs"       |
        | eventTypes    | []           |
        | errorCodes    | ["notFound"] |
      When the contract is defined
      Then the error message is:
        """
        dual-write contract of bounded context "orders" is invalid (3 problems):
          - UNKNOWN_EXECUTION_MODE: executionMode must be one of "dual-write" (got "cqrs")
          - EMPTY_LIST: eventTypes is empty: expected at least one entry, such as "OrderSubmitted"
          - INVALID_ERROR_CODE: errorCodes[0] must be a SCREAMING_SNAKE_CASE code such as "ORDER_NOT_FOUND" (got "notFound"; did you mean "NOT_FOUND"?)
        """

    Scenario: A missing list or mode is required, not assumed
      Given the orders contract without "executionMode, commandTypes, errorCodes"
      When the contract is defined
      Then the problems are:
        | problem                                                                                                   |
        | MISSING_FIELD: executionMode is required: one of "dual-write"                                             |
        | MISSING_FIELD: commandTypes is required: an array of PascalCase identifiers such as ["SubmitOrder"]     |
        | MISSING_FIELD: errorCodes is required: an array of SCREAMING_SNAKE_CASE codes such as ["ORDER_NOT_FOUND"] |
