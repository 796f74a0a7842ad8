// How the orchestrator runs the customers' command: its definition (payload schema), the
// customers context's handler and the handler's arguments.
import type { OrchestratedCommandConfig } from "@convex-es/platform-core";
import { registerCustomer } from "../../src/customers/index.js";
import type { EmailAnswer } from "../../src/customers/index.js";
import { components } from "../_generated/api.js";

/**
 * The reservations' answer goes to the handler, not into the payload: the payload is what the
 * client asked (`{ customerId, name, email }`) and is what a retried commandId is compared on.
 */
export function registerCustomerConfig(
  emailAnswer: EmailAnswer | undefined,
): OrchestratedCommandConfig<typeof registerCustomer> {
  return {
    definition: registerCustomer,
    handler: components.customers.handlers.register,
    toHandlerArgs: (payload, context) => ({
      ...context,
      ...payload,
      ...(emailAnswer !== undefined && { emailAnswer }),
    }),
  };
}
