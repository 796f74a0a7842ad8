Feature: Command, event and query definitions
  defineCommand, defineEvent and defineQuery describe the messages of a bounded context with a
  zod schema for their payload or args. Definitions are checked when they are defined; the
  parse and safeParse helpers validate input against the schema and name every issue with its
  path; create builds the { type, data, metadata? } messages deciders work with.

  Rule: A command definition validates its payload and creates commands

    Scenario: A valid payload is parsed and a command is created
      Given the SubmitOrder command definition
      When the payload {"orderId": "o-1", "items": [{"productId": "p-1", "quantity": 2, "unitPrice": 10}]} is parsed
      Then the parsed payload equals the input
      And creating it with metadata {"correlationId": "c-1"} gives a frozen "SubmitOrder" command with that payload and metadata
      And the definition documents target aggregate "order", produced events "OrderSubmitted" and error codes "ORDER_NOT_IN_DRAFT"

    Scenario: An invalid payload is refused with every issue and its path
      Given the SubmitOrder command definition
      When the payload {"orderId": 7, "items": [{"productId": "p-1", "quantity": 0, "unitPrice": 10}], "note": "x"} is parsed
      Then it is refused with code "INVALID_COMMAND_PAYLOAD" and the message:
        """
        command "SubmitOrder": payload is invalid (3 issues):
          - orderId: Invalid input: expected string, received number
          - items[0].quantity: Too small: expected number to be >0
          - (root): Unrecognized key: "note"
        """
      And safeParse returns the same error instead of throwing it
      And creating a command from that payload throws the same error

    Scenario: The command and payload types are inferred from the definition
      Given the SubmitOrder command definition
      Then CommandOf the definition is a "SubmitOrder" command whose data has an orderId string and items
      And a payload without orderId is a compile error for create

    Scenario: Optional documentation defaults to nothing
      Given the CreateOrder command definition
      Then it creates its aggregate, targets no aggregate and documents no events or error codes

  Rule: An event definition carries its schema version and category

    Scenario: An event is created and parsed against its current schema
      Given the OrderSubmitted event definition
      Then it is a "fat" event at schema version 2 of context "orders"
      And creating it from {"orderId": "o-1", "totalCents": 1250, "customer": {"customerId": "c-1", "name": "Ada"}} gives a frozen "OrderSubmitted" event without metadata
      And parsing {"orderId": "o-1"} is refused with code "INVALID_EVENT_PAYLOAD" naming the paths "totalCents, customer"

    Scenario: The event categories are domain, integration, trigger and fat
      Then EVENT_CATEGORIES are "domain, integration, trigger, fat"
      And isEventCategory holds for each of them and not for "view", "" or 3

  Rule: A query definition validates its args and fixes its result shape

    Scenario: Query args are parsed and the result mode fixes the result type
      Given the getOrderSummary query definition
      Then it reads projection "orderSummary" in result mode "single"
      And parsing {"orderId": ""} is refused with code "INVALID_QUERY_ARGS" and the message:
        """
        query "getOrderSummary": args are invalid (1 issue):
          - orderId: Too small: expected string to have >=1 characters
        """
      And the result type is the row or null for "single", Convex's PaginationResult for "paginated"
      And QUERY_RESULT_MODES are "single, list, paginated"

  Rule: A malformed message definition is refused with every problem named

    Scenario Outline: Each malformed field of a command, event or query is named
      Given a valid <kind> definition with <field> set to <value>
      When it is defined
      Then it is refused with the single problem '<problem>'

      Examples:
        | kind    | field            | value                 | problem                                                                                                                                     |
        | command | commandType      | "submitOrder"         | INVALID_NAME: commandType must be a PascalCase identifier such as "SubmitOrder" (got "submitOrder"; did you mean "SubmitOrder"?)            |
        | command | boundedContext   | "Orders"              | INVALID_NAME: boundedContext must be a camelCase identifier such as "orders" (got "Orders"; did you mean "orders"?)                          |
        | command | payload          | {"orderId": "string"} | INVALID_SCHEMA: payload must be a zod schema such as z.object({ orderId: z.string() }) (import { z } from "zod") (got an object)             |
        | command | producesEvents   | ["OrderSubmitted", "OrderSubmitted"] | DUPLICATE_ENTRY: producesEvents lists "OrderSubmitted" more than once                                                        |
        | command | errorCodes       | ["not-in-draft"]      | INVALID_ERROR_CODE: errorCodes[0] must be a SCREAMING_SNAKE_CASE code such as "ORDER_NOT_FOUND" (got "not-in-draft"; did you mean "NOT_IN_DRAFT"?) |
        | command | createsAggregate | "yes"                 | INVALID_FIELD: createsAggregate must be true or false when given (got "yes")                                                                |
        | command | targetAggregate  | "Order"               | INVALID_NAME: targetAggregate must be a camelCase identifier such as "order" (got "Order"; did you mean "order"?)                            |
        | command | handler          | "submit"              | UNKNOWN_FIELD: handler is not a known field (known fields: "commandType", "boundedContext", "payload", "description", "targetAggregate", "createsAggregate", "producesEvents", "errorCodes") |
        | event   | category         | "fact"                | INVALID_EVENT_CATEGORY: category must be one of "domain", "integration", "trigger", "fat" (got "fact")                                      |
        | event   | category         | null                  | MISSING_FIELD: category is required: one of "domain", "integration", "trigger", "fat"                                                       |
        | event   | schemaVersion    | 0                     | INVALID_VERSION: schemaVersion must be a positive integer such as 1 (got number 0)                                                          |
        | event   | eventType        | "order submitted"     | INVALID_NAME: eventType must be a PascalCase identifier such as "OrderSubmitted" (got "order submitted"; did you mean "OrderSubmitted"?)      |
        | event   | description      | ""                    | INVALID_DESCRIPTION: description must be a non-empty string (got "")                                                                        |
        | query   | resultMode       | "many"                | INVALID_RESULT_MODE: resultMode must be one of "single", "list", "paginated" (got "many")                                                   |
        | query   | args             | null                  | MISSING_FIELD: args is required: a zod schema such as z.object({ orderId: z.string() }) (import { z } from "zod")                          |
        | query   | queryName        | "GetOrder"            | INVALID_NAME: queryName must be a camelCase identifier such as "getOrderSummary" (got "GetOrder"; did you mean "getOrder"?)                  |
        | query   | targetProjection | "order_summary"       | INVALID_NAME: targetProjection must be a camelCase identifier such as "orderSummary" (got "order_summary"; did you mean "orderSummary"?)     |

    Scenario: Message validation errors are recognised by their guard
      Given the SubmitOrder command definition
      When the payload {"orderId": 7, "items": []} is parsed
      Then isMessageValidationError holds for the refusal, with "INVALID_COMMAND_PAYLOAD" and not with "INVALID_QUERY_ARGS"
      And the refusal is a MessageValidationError for message type "SubmitOrder" with the issue "orderId"
      And isMessageValidationError does not hold for a plain Error or a definition error
