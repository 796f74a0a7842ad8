// The customers bounded context as contracts: its identity, the command clients send (its
// payload schema, which the validation middleware parses), its dual-write contract and its CMS
// version.
import {
  defineBoundedContext,
  defineCMS,
  defineCommand,
  defineDualWriteContract,
  defineEvent,
} from "@convex-es/platform-bc";
import { z } from "zod";
import { customerErrorCodes } from "./messages.js";
import type { Customer } from "./state.js";

export const customersContext = defineBoundedContext({
  name: "customers",
  description: "Who orders: registered customers, one per signed-in user, each with a unique email",
  version: 1,
  streamTypePrefix: "Customer",
});

/**
 * The name and email are strings here; their rules (not blank, lengths, the email's shape) are
 * the decider's, so a client gets INVALID_CUSTOMER_NAME or INVALID_EMAIL saying what is wrong.
 */
export const registerCustomer = defineCommand({
  commandType: "RegisterCustomer",
  boundedContext: "customers",
  payload: z.strictObject({ customerId: z.string().min(1), name: z.string(), email: z.string() }),
  createsAggregate: true,
  producesEvents: ["CustomerRegistered"],
});

/** A thin event: the customer's name and email are personal data (convex/platform/personalData.ts). */
export const customerRegistered = defineEvent({
  eventType: "CustomerRegistered",
  boundedContext: "customers",
  schemaVersion: 1,
  category: "domain",
  description: "A signed-in user became a customer with a unique email",
  payload: z.object({
    customerId: z.string(),
    name: z.string(),
    email: z.string(),
    registeredAt: z.number(),
  }),
});

/** The customer as the customers context stores it (CMS). */
export const customerCMS = defineCMS<Customer>({ cmsType: "customerCMS", currentVersion: 1 });

export const customersContract = defineDualWriteContract({
  identity: customersContext,
  executionMode: "dual-write",
  commandTypes: ["RegisterCustomer"],
  eventTypes: ["CustomerRegistered"],
  cmsTypes: { customerCMS: { currentVersion: 1 } },
  errorCodes: [...customerErrorCodes],
});

/** The reservation namespace of customers' emails, in the app's reservation table. */
export const CUSTOMER_EMAIL_NAMESPACE = "customerEmail";
