import { defineDecider, rejected, success } from "@convex-es/platform-decider";
import type { DecisionContext, DeciderOutput } from "@convex-es/platform-decider";
import { emailProblem, nameProblem } from "./email.js";
import { evolveCustomer } from "./evolve.js";
import type { CustomerCommand, CustomerErrorCode, CustomerEvent, EmailAnswer } from "./messages.js";
import type { CustomerState } from "./state.js";

export type CustomerOutput = DeciderOutput<CustomerEvent, { customerId: string }>;

function reject(code: CustomerErrorCode, message: string, context?: Record<string, unknown>) {
  return rejected(code, message, context);
}

function decideCustomer(
  state: CustomerState,
  command: CustomerCommand,
  context: DecisionContext,
): CustomerOutput {
  switch (command.type) {
    case "RegisterCustomer":
      return register(state, command.data, context);
    default: {
      const unhandled: never = command.type;
      throw new Error(`Unhandled customer command ${JSON.stringify(unhandled)}`);
    }
  }
}

function register(
  state: CustomerState,
  data: Extract<CustomerCommand, { type: "RegisterCustomer" }>["data"],
  context: DecisionContext,
): CustomerOutput {
  if (state !== null) {
    return reject(
      "CUSTOMER_ALREADY_REGISTERED",
      `Customer ${state.customerId} is registered already; a customer registers once`,
      { customerId: state.customerId },
    );
  }
  const badName = nameProblem(data.name);
  if (badName !== null) return reject("INVALID_CUSTOMER_NAME", badName);
  const badEmail = emailProblem(data.email);
  if (badEmail !== null) return reject("INVALID_EMAIL", badEmail);
  const refused = emailRefusal(data.emailAnswer, data.email);
  if (refused !== null) return refused;
  const { customerId, name, email } = data;
  return success(
    { type: "CustomerRegistered", data: { customerId, name, email, registeredAt: context.now } },
    { data: { customerId } },
  );
}

/** The email must have been looked up, and be free; a missing answer is refused too. */
function emailRefusal(answer: EmailAnswer | undefined, email: string): CustomerOutput | null {
  if (answer === undefined) {
    return reject(
      "EMAIL_NOT_CHECKED",
      "Registering needs the answer of the email reservations; the app looks the email up before deciding",
    );
  }
  if (answer.status === "free") return null;
  // The holder is another person: their identity stays out of the rejection.
  return reject(
    "EMAIL_ALREADY_REGISTERED",
    `${email} is registered to another customer; register with another email`,
    { email },
  );
}

export const customerDecider = defineDecider({
  initialState: null as CustomerState,
  decide: decideCustomer,
  evolve: evolveCustomer,
});
