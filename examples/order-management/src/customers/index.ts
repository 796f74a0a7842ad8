export { customerDecider } from "./decider.js";
export type { CustomerOutput } from "./decider.js";
export {
  CUSTOMER_EMAIL_NAMESPACE,
  customerCMS,
  customersContext,
  customerRegistered,
  customersContract,
  registerCustomer,
} from "./definitions.js";
export {
  EMAIL_PATTERN,
  emailProblem,
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  nameProblem,
  normaliseEmail,
} from "./email.js";
export { evolveCustomer } from "./evolve.js";
export { customerErrorCodes } from "./messages.js";
export type { CustomerCommand, CustomerErrorCode, CustomerEvent, EmailAnswer } from "./messages.js";
export { customerSnapshot } from "./snapshot.js";
export type { CustomerSnapshot } from "./snapshot.js";
export type { Customer, CustomerState } from "./state.js";
