// Customer registration: one transaction looks the email up in the app's reservations, runs
// RegisterCustomer through the orchestrator with that answer, and claims the email for the
// customer once the registration executed. A refusal (the email is another customer's, the
// caller registered already, a bad name or email) is recorded as the command's rejected status
// and leaves no reservation; a re-sent command id returns the stored result.
import { v } from "convex/values";
import { emailProblem, normaliseEmail } from "../../src/customers/index.js";
import { mutation } from "../_generated/server.js";
import { execute, issuedBy } from "../platform/commands.js";
import { vCommandMeta, vCommandOutcome } from "../platform/validators.js";
import { registerCustomerConfig } from "./configs.js";
import { claimEmail, emailAnswerFor, emailHolder } from "./emails.js";

/** Registers the signed-in caller as a customer (their customerId is their userId). */
export const registerCustomer = mutation({
  args: { ...vCommandMeta, name: v.string(), email: v.string() },
  returns: vCommandOutcome,
  handler: async (ctx, args) => {
    const issued = await issuedBy(ctx, args);
    // Anonymous callers get UNAUTHORIZED from the authorization middleware; their customerId
    // is never used.
    const customerId = issued.caller?.userId ?? "anonymous";
    const name = args.name.trim();
    const email = normaliseEmail(args.email);
    // An address the decider refuses (INVALID_EMAIL) is not looked up: reservations refuse
    // empty or oversized values with a throw, and the refusal must be recorded instead.
    const held = emailProblem(email) === null ? await emailHolder(ctx, email) : undefined;
    const emailAnswer = held === undefined ? undefined : emailAnswerFor(held, customerId);
    const outcome = await execute(ctx, registerCustomerConfig(emailAnswer), issued, {
      customerId,
      name,
      email,
    });
    if (outcome.status === "executed" && !outcome.duplicate) {
      await claimEmail(ctx, { email, customerId, held: held ?? null });
    }
    return outcome;
  },
});
