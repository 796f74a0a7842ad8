Feature: Bounded context identity
  defineBoundedContext names a bounded context: a camelCase name (also its Convex component
  name), a description, a positive integer version of its contract and the PascalCase prefix of
  the event streams it owns. A malformed identity is refused when it is defined, with every
  problem listed, each with a stable code, what was wrong and what was expected.

  Rule: A well-formed identity is accepted and frozen

    Scenario: The identity keeps its fields and cannot be changed
      Given the identity {"name": "orders", "description": "Order lifecycle", "version": 3, "streamTypePrefix": "Order"}
      When the bounded context is defined
      Then the context's name is "orders", its version 3 and its stream type prefix "Order"
      And the identity is frozen

    Scenario: The context name is kept as a literal type
      When the orders identity is defined inline in TypeScript
      Then its name type is exactly "orders"

  Rule: A malformed identity is refused with a code per problem

    Scenario Outline: Each malformed field is named with what was expected
      Given the identity <identity>
      When the bounded context is defined
      Then it is refused with the single problem "<problem>"

      Examples:
        | identity                                                                                         | problem                                                                                                                          |
        | {"name": "Order Management", "description": "d", "version": 1, "streamTypePrefix": "Order"}      | INVALID_NAME: name must be a camelCase identifier such as "orders" (got "Order Management"; did you mean "orderManagement"?)     |
        | {"name": "orders", "description": "  ", "version": 1, "streamTypePrefix": "Order"}               | INVALID_DESCRIPTION: description must be a non-empty string (got "  ")                                                          |
        | {"name": "orders", "description": "d", "version": 0, "streamTypePrefix": "Order"}                | INVALID_VERSION: version must be a positive integer such as 1 (got number 0)                                                    |
        | {"name": "orders", "description": "d", "version": 1.5, "streamTypePrefix": "Order"}              | INVALID_VERSION: version must be a positive integer such as 1 (got number 1.5)                                                  |
        | {"name": "orders", "description": "d", "version": "1", "streamTypePrefix": "Order"}              | INVALID_VERSION: version must be a positive integer such as 1 (got "1")                                                         |
        | {"name": "orders", "description": "d", "version": 1, "streamTypePrefix": "order-"}               | INVALID_NAME: streamTypePrefix must be a PascalCase identifier such as "Order" (got "order-"; did you mean "Order"?)             |
        | {"name": "orders", "description": "d", "version": 1}                                             | MISSING_FIELD: streamTypePrefix is required: a PascalCase identifier such as "Order"                                            |
        | {"description": "d", "version": 1, "streamTypePrefix": "Order"}                                  | MISSING_FIELD: name is required: a camelCase identifier such as "orders"                                                        |
        | {"name": "orders", "description": "d", "version": 1, "streamTypePrefix": "Order", "owner": "me"} | UNKNOWN_FIELD: owner is not a known field (known fields: "name", "description", "version", "streamTypePrefix")                   |
        | null                                                                                             | INVALID_DEFINITION: the definition must be an object with the fields "name", "description", "version", "streamTypePrefix" (got null) |

    Scenario: Every problem is reported at once, unknown fields last
      Given the identity {"owner": "me", "name": "Orders", "description": "", "version": -1, "streamTypePrefix": "order"}
      When the bounded context is defined
      Then it is refused with code "INVALID_NAME"
      And the error message is:
        """
        bounded context "Orders" is invalid (5 problems):
          - INVALID_NAME: name must be a camelCase identifier such as "orders" (got "Orders"; did you mean "orders"?)
          - INVALID_DESCRIPTION: description must be a non-empty string (got "")
          - INVALID_VERSION: version must be a positive integer such as 1 (got number -1)
          - INVALID_NAME: streamTypePrefix must be a PascalCase identifier such as "Order" (got "order"; did you mean "Order"?)
          - UNKNOWN_FIELD: owner is not a known field (known fields: "name", "description", "version", "streamTypePrefix")
        """
      And the error's codes are "INVALID_NAME, INVALID_DESCRIPTION, INVALID_VERSION, UNKNOWN_FIELD"

  Rule: Definition errors are recognised by their guard and codes

    Scenario: The guard matches any of the error's codes and nothing else
      Given the identity {"name": "Orders", "description": "", "version": 1, "streamTypePrefix": "Order"}
      When the bounded context is defined
      Then isBoundedContextDefinitionError holds for the refusal with "INVALID_NAME", with "INVALID_DESCRIPTION" and with no code
      And it does not hold for the refusal with "INVALID_VERSION"
      And it does not hold for a plain Error, a look-alike object or a projection access error
      And the refusal is a BoundedContextDefinitionError whose definition is 'bounded context "Orders"'

    Scenario: Every code a definition can be refused with is listed
      Then DEFINITION_ERROR_CODES lists each code once, all in SCREAMING_SNAKE_CASE
      And DEFINITION_ERROR_CODES contains "CATEGORY_REQUIRED, INVALID_CATEGORY, CMS_UPCASTER_CHAIN_GAP, UNKNOWN_EXECUTION_MODE"
