Feature: Sagas on @convex-dev/workflow
  A saga coordinates steps that no single transaction can hold: each step runs as a durable
  workflow step, and when one fails the completed steps are undone in reverse order. A saga
  starts once per sagaId, can wait for an external event, and its status lives in the app's
  sagas table, where only the workflow's onComplete (and an operator's retry) changes it.
  These scenarios run a test app with the real @convex-dev/workflow component under
  convex-test; its steps write a ledger of the effects they had, in the order they had them.
  The order fulfilment saga reserves stock, charges the payment and confirms the order; the
  payment approval saga reserves stock, waits for the payment confirmation and confirms.

  Background:
    Given the saga test app

  Rule: A saga runs its steps in order, each as a workflow step

    Scenario: Every step succeeds and the saga completes
      When order "o-1" starts the order fulfilment saga and the background work runs
      Then the ledger of "o-1" reads "reserveStock, chargePayment, confirmOrder"
      And the "orderFulfillment" saga "o-1" is "completed" after 1 attempt
      And the journal of the "orderFulfillment" saga "o-1" reads "reserveStock:success, chargePayment:success, confirmOrder:success"

    Scenario: A later step sees what the earlier steps returned
      When order "o-1" starts the order fulfilment saga and the background work runs
      Then the ledger entry "confirmOrder" of "o-1" says "res-o-1, pay-o-1"

  Rule: A failed step makes the saga undo its completed steps in reverse order

    Scenario: The third step fails: step two then step one are compensated
      Given the "confirmOrder" effect of "o-2" is refused
      When order "o-2" starts the order fulfilment saga and the background work runs
      Then the ledger of "o-2" reads "reserveStock, chargePayment, refundPayment, releaseStock"
      And the "orderFulfillment" saga "o-2" is "compensated" after 1 attempt
      And it failed at step "confirmOrder" with an error saying "confirmOrder refused for saga o-2"
      And it compensated "chargePayment, reserveStock"
      And the journal of the "orderFulfillment" saga "o-2" reads "reserveStock:success, chargePayment:success, confirmOrder:failed, compensate:chargePayment:success, compensate:reserveStock:success"

    Scenario: The first step fails: there is nothing to undo
      Given the "reserveStock" effect of "o-3" is refused
      When order "o-3" starts the order fulfilment saga and the background work runs
      Then the ledger of "o-3" is empty
      And the "orderFulfillment" saga "o-3" is "compensated" after 1 attempt
      And it failed at step "reserveStock" with an error saying "reserveStock refused for saga o-3"
      And it compensated ""

    Scenario: A compensation that fails leaves the saga failed, and a retry resumes with it
      Given the "confirmOrder" effect of "o-4" is refused
      And the "refundPayment" effect of "o-4" is refused
      When order "o-4" starts the order fulfilment saga and the background work runs
      Then the ledger of "o-4" reads "reserveStock, chargePayment"
      And the "orderFulfillment" saga "o-4" is "failed" after 1 attempt
      And its error starts with 'SAGA_COMPENSATION_FAILED: the compensation of step "chargePayment" failed'
      When the "refundPayment" effect of "o-4" is allowed again
      And an operator retries the "orderFulfillment" saga "o-4"
      Then the retry resumes from journal step "compensate:chargePayment" and the saga is "running" again
      When the background work runs
      Then the ledger of "o-4" reads "reserveStock, chargePayment, refundPayment, releaseStock"
      And the "orderFulfillment" saga "o-4" is "compensated" after 2 attempts
      And it compensated "chargePayment, reserveStock"

  Rule: A saga starts once per sagaId

    Scenario: A second start is a no-op that returns the existing saga
      When order "o-5" starts the order fulfilment saga
      And order "o-5" starts the order fulfilment saga again
      Then the second start started nothing and returned the saga of the first
      When the background work runs
      Then the app holds 1 saga and the workflow component 1 workflow
      And the ledger of "o-5" reads "reserveStock, chargePayment, confirmOrder"

    Scenario: A start after the saga ended is a no-op too
      When order "o-5" starts the order fulfilment saga and the background work runs
      And order "o-5" starts the order fulfilment saga again
      Then the second start started nothing and returned the saga as "completed"
      When the background work runs
      Then the ledger of "o-5" reads "reserveStock, chargePayment, confirmOrder"

    Scenario: The same sagaId in another saga type is another saga
      When order "o-6" starts the order fulfilment saga and the background work runs
      And order "o-6" starts the payment approval saga
      Then the app holds 2 sagas and the workflow component 2 workflows

    Scenario Outline: A start the saga cannot take writes nothing
      When a saga is started with sagaType "<sagaType>", sagaId "<sagaId>" and input '<input>'
      Then the start is refused with "<refusal>"
      And the app holds 0 sagas and the workflow component 0 workflows

      Examples:
        | sagaType         | sagaId | input                                    | refusal                      |
        | orderFulfillment |        | {"sku":"s-1","quantity":1,"amount":10}   | INVALID_SAGA_ARGUMENT        |
        | paymentApproval  | o-7    | {"sku":"s-1","quantity":1,"amount":10}   | Expected `orderFulfillment`  |
        | orderFulfillment | o-7    | {"sku":"s-1","quantity":"1","amount":10} | Expected `number`, got `1`   |

  Rule: A saga can wait for an external event

    Scenario: A saga waiting for the payment resumes when it is sent
      When order "o-8" starts the payment approval saga and the background work runs
      Then the ledger of "o-8" reads "reserveStock"
      And the "paymentApproval" saga "o-8" is "running" after 1 attempt
      And the workflow of the "paymentApproval" saga "o-8" waits on "paymentConfirmed"
      When the payment "p-8" of order "o-8" is confirmed and the background work runs
      Then the ledger of "o-8" reads "reserveStock, confirmOrder"
      And the ledger entry "confirmOrder" of "o-8" says "res-o-8, p-8"
      And the "paymentApproval" saga "o-8" is "completed" after 1 attempt

    Scenario: An event sent before the saga waits for it is not lost
      When order "o-9" starts the payment approval saga
      And the payment "p-9" of order "o-9" is confirmed at once
      And the background work runs
      Then the ledger of "o-9" reads "reserveStock, confirmOrder"
      And the "paymentApproval" saga "o-9" is "completed" after 1 attempt

    Scenario: An event sent twice is consumed once
      When order "o-10" starts the payment approval saga and the background work runs
      And the payment "p-10" of order "o-10" is confirmed twice before the saga runs
      And the background work runs
      Then the ledger of "o-10" reads "reserveStock, confirmOrder"
      And the "paymentApproval" saga "o-10" is "completed" after 1 attempt

    Scenario: A declined payment makes the waiting saga compensate
      When order "o-11" starts the payment approval saga and the background work runs
      And the payment of order "o-11" is declined with "card expired" and the background work runs
      Then the ledger of "o-11" reads "reserveStock, releaseStock"
      And the "paymentApproval" saga "o-11" is "compensated" after 1 attempt
      And it failed at step "awaitPayment" with an error saying "card expired"

    Scenario: An event for a saga that no longer runs is refused
      When order "o-12" starts the payment approval saga and the background work runs
      And the payment "p-12" of order "o-12" is confirmed and the background work runs
      And the payment "p-12" of order "o-12" is confirmed again
      Then the event is refused with "SAGA_NOT_RUNNING"
      And the ledger of "o-12" reads "reserveStock, confirmOrder"

    Scenario: An event for an unknown saga is refused
      When the payment "p-13" of order "o-13" is confirmed again
      Then the event is refused with "SAGA_NOT_FOUND"

  Rule: The saga's status is recorded by the workflow's onComplete, never inside the workflow

    Scenario: While its workflow runs, a saga record does not change
      When order "o-14" starts the payment approval saga and the background work runs
      Then the ledger of "o-14" reads "reserveStock"
      And the "paymentApproval" saga "o-14" is exactly as its start returned it

    Scenario Outline: Each way a workflow ends gives the saga its status
      Given order "o-15" ends its saga by <ending>
      Then the "<sagaType>" saga "o-15" is "<status>" after 1 attempt
      And the saga's completion time is its last update

      Examples:
        | ending                                        | sagaType         | status      |
        | completing every step                         | orderFulfillment | completed   |
        | compensating a refused confirmation           | orderFulfillment | compensated |
        | failing to compensate a refused confirmation  | orderFulfillment | failed      |
        | being canceled while it waits for the payment | paymentApproval  | canceled    |

    Scenario Outline: An onComplete that does not fit the saga is refused and changes nothing
      When order "o-16" starts the order fulfilment saga and the background work runs
      And an onComplete arrives for <target>
      Then the onComplete is refused with "<code>"
      And the "orderFulfillment" saga "o-16" is "completed" after 1 attempt

      Examples:
        | target                       | code                    |
        | an unknown saga              | SAGA_NOT_FOUND          |
        | another workflow of the saga | SAGA_WORKFLOW_MISMATCH  |
        | the saga, which has ended    | INVALID_SAGA_TRANSITION |

  Rule: Operators list, inspect, retry and cancel sagas through internal functions

    Scenario: Sagas are listed by status and by type, most recently changed first
      Given order "o-17" completed its order fulfilment saga
      And order "o-18" compensated its order fulfilment saga
      And order "o-19" waits in its payment approval saga
      Then the sagas with status "compensated" are "o-18"
      And the sagas of type "paymentApproval" are "o-19"
      And the "orderFulfillment" sagas with status "completed" are "o-17"
      And all sagas, newest first, are "o-19, o-18, o-17"
      And all sagas read 2 at a time are "o-19, o-18" then "o-17"

    Scenario: A page of more than 100 sagas is refused
      When the sagas are listed 101 at a time
      Then the listing is refused with "INVALID_SAGA_ARGUMENT"

    Scenario: Inspecting a saga shows its record, what its workflow waits on and its journal
      Given order "o-20" waits in its payment approval saga
      Then inspecting the "paymentApproval" saga "o-20" shows it "running", its workflow "inProgress" and waiting on "paymentConfirmed"
      And the inspected journal reads "reserveStock:success, paymentConfirmed:inProgress"
      And inspecting the "paymentApproval" saga "o-404" shows nothing

    Scenario: A saga that did not fail is not retried
      Given order "o-21" completed its order fulfilment saga
      When an operator retries the "orderFulfillment" saga "o-21"
      Then the operation is refused with "SAGA_NOT_RETRYABLE"
      When an operator retries the "orderFulfillment" saga "o-404"
      Then the operation is refused with "SAGA_NOT_FOUND"

    Scenario: Canceling a waiting saga stops it without compensating
      Given order "o-22" waits in its payment approval saga
      When an operator cancels the "paymentApproval" saga "o-22" because "customer left"
      Then the "paymentApproval" saga "o-22" is "canceled" after 1 attempt
      And the cancel reason kept on it is "customer left"
      When the payment "p-22" of order "o-22" is confirmed again
      Then the event is refused with "SAGA_NOT_RUNNING"
      When the background work runs
      Then the ledger of "o-22" reads "reserveStock"

    Scenario: Only a running saga is canceled, and only with a reason
      Given order "o-23" completed its order fulfilment saga
      When an operator cancels the "orderFulfillment" saga "o-23" because "too late"
      Then the operation is refused with "SAGA_NOT_RUNNING"
      When an operator cancels the "orderFulfillment" saga "o-23" because ""
      Then the operation is refused with "INVALID_SAGA_ARGUMENT"

    Scenario: The onComplete and the admin functions are internal, with validators
      Then the saga functions "onComplete, list, inspect, retry, cancel" are internal
      And each declares the platform's argument and return validators

    Scenario: An app offers the operations to operators behind its own authorization check
      Given order "o-24" compensated its order fulfilment saga
      Then an anonymous caller listing sagas is refused with "UNAUTHORIZED"
      And "bob" without the operator role listing sagas is refused with "FORBIDDEN"
      And the operator "ann" lists the compensated sagas "o-24"
      And the operator "ann" inspects the "orderFulfillment" saga "o-24" and sees it "compensated"
      And the operator "ann" retrying the "orderFulfillment" saga "o-24" is refused with "SAGA_NOT_RETRYABLE"
      And the operator "ann" canceling the "orderFulfillment" saga "o-24" is refused with "SAGA_NOT_RUNNING"

  Rule: Saga definitions are checked when they are written

    Scenario: A saga's workflow takes the saga's type, id and input and returns its outcome
      Then the order fulfilment workflow takes "sagaType, sagaId, input" with sagaType "orderFulfillment"
      And it returns a saga outcome: "completed" or "compensated"

    Scenario Outline: A definition the runner cannot use is refused
      When a saga is defined with <mistake>
      Then the definition is refused with "<code>" saying "<message>"

      Examples:
        | mistake                  | code                | message                                         |
        | the name "Order-Saga"    | INVALID_SAGA        | saga name must be camelCase                     |
        | an args value "string"   | INVALID_SAGA        | args.orderId must be a Convex validator         |
        | the step name "reserve"  | DUPLICATE_SAGA_STEP | the saga already has a step with this name      |
        | the step name "Reserve!" | INVALID_SAGA        | a step name must be camelCase                   |
        | a step without run       | INVALID_SAGA        | run must be a function                          |
        | no steps                 | INVALID_SAGA        | has no steps                                    |
        | a runner without manager | INVALID_SAGA        | SagaRunner takes a WorkflowManager              |

    Scenario: The lifecycle lets only a failed saga run again
      Then the saga statuses are "running, completed, compensated, failed, canceled"
      And a "running" saga may become "completed, compensated, failed, canceled"
      And a "failed" saga may only become "running"
      And "completed, compensated, canceled" are final
