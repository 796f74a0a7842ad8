Feature: CMS schema versions and upcasting
  A CMS (command model state) table holds the snapshot a dual-write handler reads and updates
  with its events. Its shape changes over time: defineCMS declares the current version and one
  upcaster per older version, and upcastCMS brings a stored snapshot written at an older
  stateVersion to the current one, one step at a time. A chain with a gap is refused when it is
  defined, so a missing step can never surface in production. Event payloads are upcast the
  same way at read time with upcastEvent.

  Rule: The upcaster chain is complete when the CMS is defined

    Scenario: A CMS at version 1 needs no upcasters
      When a CMS "customerCMS" at current version 1 is defined without upcasters
      Then it is accepted with no upcasters

    Scenario: A gap in the chain is refused with CMS_UPCASTER_CHAIN_GAP
      When a CMS "orderCMS" at current version 4 is defined with upcasters for versions "1, 3"
      Then it is refused with code "CMS_UPCASTER_CHAIN_GAP" and the message:
        """
        CMS "orderCMS" is invalid (1 problem):
          - CMS_UPCASTER_CHAIN_GAP: the upcaster chain to currentVersion 4 has a gap: missing 2 → 3; expected one upcaster for every version from 1 to 3
        """

    Scenario: A current version without any upcaster is a gap at every step
      When a CMS "orderCMS" at current version 3 is defined with upcasters for versions ""
      Then it is refused with the single problem "CMS_UPCASTER_CHAIN_GAP: the upcaster chain to currentVersion 3 has a gap: missing 1 → 2, 2 → 3; expected one upcaster for every version from 1 to 2"

    Scenario Outline: Upcasters that are not steps of the chain are refused
      When a CMS "orderCMS" at current version 3 is defined with upcasters <upcasters>
      Then it is refused with the problems '<problems>'

      Examples:
        | upcasters                     | problems                                                                                                                                             |
        | {"1": "fn", "2": "fn", "3": "fn"} | INVALID_UPCASTER: upcasters[3] would upgrade version 3 to 4, past currentVersion 3: expected keys 1 to 2                                        |
        | {"1": "fn", "2": 5}           | INVALID_UPCASTER: upcasters[2] must be a function from the version 2 shape to the version 3 shape (got number 5)                                     |
        | {"1": "fn", "2": "fn", "v3": "fn"} | INVALID_UPCASTER: upcasters key "v3" is not a version: expected keys 1 to 2, each upgrading from that version to the next                        |
        | {"0": "fn", "1": "fn", "2": "fn"} | INVALID_UPCASTER: upcasters key "0" is not a version: expected keys 1 to 2, each upgrading from that version to the next                         |
        | [1]                           | INVALID_UPCASTER: upcasters must be an object keyed by the version each function upgrades from, such as { 1: (v1) => v2 } (got an array)             |

    Scenario Outline: A malformed CMS definition is refused
      When a CMS is defined from <definition>
      Then it is refused with the single problem '<problem>'

      Examples:
        | definition                                   | problem                                                                                                                   |
        | {"cmsType": "OrderState", "currentVersion": 1} | INVALID_NAME: cmsType must be a camelCase identifier such as "orderCMS" (got "OrderState"; did you mean "orderState"?)   |
        | {"cmsType": "orderCMS", "currentVersion": 0} | INVALID_VERSION: currentVersion must be a positive integer such as 1 (got number 0)                                        |
        | {"cmsType": "orderCMS"}                      | MISSING_FIELD: currentVersion is required: a positive integer such as 1                                                   |
        | {"cmsType": "orderCMS", "currentVersion": 1, "table": "orders"} | UNKNOWN_FIELD: table is not a known field (known fields: "cmsType", "currentVersion", "upcasters", "description") |

  Rule: A stored snapshot is upcast step by step to the current version

    Scenario: A snapshot at an older version is upcast through every step
      Given the CMS "orderCMS" at current version 3 whose upcasters are:
        | from | adds                          |
        | 1    | totalCents from total × 100   |
        | 2    | currency "EUR"                |
      When the stored snapshot {"_id": "k1", "stateVersion": 1, "orderId": "o-1", "total": 12.5} is upcast
      Then the state is {"_id": "k1", "stateVersion": 3, "orderId": "o-1", "total": 12.5, "totalCents": 1250, "currency": "EUR"}
      And it was upcast from version 1
      And the stored snapshot is unchanged

    Scenario: A snapshot one version behind goes through the last step only
      Given the CMS "orderCMS" at current version 3 whose upcasters are:
        | from | adds                          |
        | 1    | totalCents from total × 100   |
        | 2    | currency "EUR"                |
      When the stored snapshot {"stateVersion": 2, "orderId": "o-2", "totalCents": 300} is upcast
      Then the state is {"stateVersion": 3, "orderId": "o-2", "totalCents": 300, "currency": "EUR"}
      And it was upcast from version 2

    Scenario: A snapshot at the current version is returned as it is
      Given the orders CMS at current version 2
      When the stored snapshot {"stateVersion": 2, "orderId": "o-3", "status": "draft", "totalCents": 100} is upcast
      Then the very same object is returned, not upcast, from version 2

  Rule: A snapshot that cannot be upcast is refused with a clear error

    Scenario Outline: Snapshots from the future or without a version are refused
      Given the orders CMS at current version 2
      When the stored snapshot <stored> is upcast
      Then it is refused with code "<code>" and the message '<message>'

      Examples:
        | stored                                   | code                      | message                                                                                                                                               |
        | {"stateVersion": 3, "orderId": "o-1"}    | CMS_VERSION_FROM_FUTURE   | CMS "orderCMS": the stored snapshot is at stateVersion 3, newer than this code's currentVersion 2; it was written by a newer deployment and cannot be downgraded |
        | {"orderId": "o-1"}                       | INVALID_CMS_STATE_VERSION | CMS "orderCMS": the stored snapshot's stateVersion must be a positive integer from 1 to 2 (got undefined)                                            |
        | {"stateVersion": "1", "orderId": "o-1"}  | INVALID_CMS_STATE_VERSION | CMS "orderCMS": the stored snapshot's stateVersion must be a positive integer from 1 to 2 (got "1")                                                   |
        | null                                     | INVALID_CMS_STATE_VERSION | CMS "orderCMS": the stored snapshot must be an object with a stateVersion (got null)                                                                  |

    Scenario: An upcaster that throws is reported with its step and cause
      Given a CMS "orderCMS" at current version 2 whose upcaster from 1 throws "total is missing"
      When the stored snapshot {"stateVersion": 1, "orderId": "o-1"} is upcast
      Then it is refused with code "CMS_UPCAST_FAILED" and the message 'CMS "orderCMS": upcasting from stateVersion 1 to 2 failed at step 1 → 2: the upcaster threw: total is missing'
      And the error keeps the upcaster's error as its cause, the stored version 1 and the current version 2

    Scenario: An upcaster that returns something other than an object is refused
      Given a CMS "orderCMS" at current version 2 whose upcaster from 1 returns null
      When the stored snapshot {"stateVersion": 1, "orderId": "o-1"} is upcast
      Then it is refused with code "CMS_UPCAST_FAILED" and the message 'CMS "orderCMS": upcasting from stateVersion 1 to 2 failed at step 1 → 2: the upcaster returned null instead of an object'

    Scenario: Upcast errors are recognised by their guard
      Given the orders CMS at current version 2
      When the stored snapshot {"stateVersion": 9} is upcast
      Then isUpcastError holds for the refusal, with "CMS_VERSION_FROM_FUTURE" and not with "CMS_UPCAST_FAILED"
      And the refusal is an UpcastError for type "orderCMS"
      And isUpcastError does not hold for a plain Error

  Rule: Stored event payloads are upcast at read time the same way

    Scenario: A version 1 OrderSubmitted payload is read as version 2
      Given the OrderSubmitted event definition at schema version 2
      When the stored payload {"orderId": "o-1", "total": 12.5, "customerId": "c-1"} at schema version 1 is upcast
      Then the payload is {"orderId": "o-1", "totalCents": 1250, "customer": {"customerId": "c-1", "name": "(unknown)"}}
      And it was upcast from version 1

    Scenario: A current payload is parsed without upcasting
      Given the OrderSubmitted event definition at schema version 2
      When the stored payload {"orderId": "o-1", "totalCents": 5, "customer": {"customerId": "c-1", "name": "Ada"}} at schema version 2 is upcast
      Then the payload is {"orderId": "o-1", "totalCents": 5, "customer": {"customerId": "c-1", "name": "Ada"}}
      And it was not upcast

    Scenario Outline: A stored event that cannot be read as the current version is refused
      Given the OrderSubmitted event definition at schema version 2
      When the stored payload <payload> at schema version <version> is upcast
      Then it is refused with code "<code>"

      Examples:
        | payload                                        | version | code                         |
        | {"orderId": "o-1"}                             | 3       | EVENT_VERSION_FROM_FUTURE    |
        | {"orderId": "o-1"}                             | 0       | INVALID_EVENT_SCHEMA_VERSION |
        | {"orderId": "o-1", "total": "x", "customerId": "c"} | 1  | INVALID_EVENT_PAYLOAD        |
        | null                                           | 1       | EVENT_UPCAST_FAILED          |

    Scenario: An event definition with a gap in its upcasters is refused
      When an event "OrderSubmitted" at schema version 3 is defined with upcasters for versions "2"
      Then it is refused with the single problem "EVENT_UPCASTER_CHAIN_GAP: the upcaster chain to schemaVersion 3 has a gap: missing 1 → 2; expected one upcaster for every version from 1 to 2"
