/**
 * Whether the email a registration asks for is free: the app looks the normalised email up in
 * its reservations (namespace `customerEmail`) before the customer decides, the way it asks
 * inventory before an order decides. `taken` means another customer holds it, registered or in
 * the middle of registering; who it is stays out of the answer.
 */
export type EmailAnswer = { status: "free" } | { status: "taken" };

export type CustomerCommand = {
  type: "RegisterCustomer";
  data: { customerId: string; name: string; email: string; emailAnswer?: EmailAnswer };
};

export type CustomerEvent = {
  type: "CustomerRegistered";
  data: { customerId: string; name: string; email: string; registeredAt: number };
};

/** Stable codes of the rejections a customer decides itself. */
export const customerErrorCodes = [
  "CUSTOMER_ALREADY_REGISTERED",
  "EMAIL_ALREADY_REGISTERED",
  "EMAIL_NOT_CHECKED",
  "INVALID_EMAIL",
  "INVALID_CUSTOMER_NAME",
] as const;

export type CustomerErrorCode = (typeof customerErrorCodes)[number];
