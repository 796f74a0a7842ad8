// The customers context's handler mutation: the pure customer decider over the customers' CMS,
// through platform-core's handler factory. The app's CommandOrchestrator calls it; it decides,
// writes the CMS row and returns the event, which the orchestrator appends in the same
// transaction.
import { createEntityDeciderHandler } from "@convex-es/platform-core";
import { v } from "convex/values";
import { customerCMS, customerDecider, customerRegistered } from "../../src/customers/index.js";
import { loadCustomer, writeCustomer } from "./cms.js";
import { mutation } from "./_generated/server.js";

/** What the app's email reservations answered for the email this registration asks for. */
const vEmailAnswer = v.union(
  v.object({ status: v.literal("free") }),
  v.object({ status: v.literal("taken") }),
);

export const register = mutation(
  createEntityDeciderHandler({
    args: {
      customerId: v.string(),
      name: v.string(),
      email: v.string(),
      emailAnswer: v.optional(vEmailAnswer),
    },
    decider: customerDecider,
    cms: customerCMS,
    toCommand: ({ customerId, name, email, emailAnswer }) => ({
      type: "RegisterCustomer" as const,
      data: { customerId, name, email, ...(emailAnswer !== undefined && { emailAnswer }) },
    }),
    streamOf: (args) => ({ streamType: "Customer", streamId: args.customerId }),
    loadCMS: loadCustomer,
    applyStateUpdate: writeCustomer,
    alreadyExistsCode: "CUSTOMER_ALREADY_REGISTERED",
    events: [customerRegistered],
  }),
);
