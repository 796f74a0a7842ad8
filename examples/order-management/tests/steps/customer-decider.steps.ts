import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { deciderSpec, outcomeOf } from "@convex-es/platform-decider/testing";
import { customerDecider, normaliseEmail } from "../../src/customers/index.js";
import type { CustomerEvent, EmailAnswer } from "../../src/customers/index.js";

const feature = await loadFeature(
  fileURLToPath(new URL("../features/customer-decider.feature", import.meta.url)),
);

const context = { now: 1000, commandId: "cmd-1", correlationId: "corr-1" };
const spec = deciderSpec(customerDecider, { context });
type Decided = ReturnType<ReturnType<typeof spec.given>["when"]>;

const free: EmailAnswer = { status: "free" };
const taken: EmailAnswer = { status: "taken" };

function registration(customerId: string, name: string, email: string, answer?: EmailAnswer) {
  return {
    type: "RegisterCustomer" as const,
    data: { customerId, name, email, ...(answer !== undefined && { emailAnswer: answer }) },
  };
}

describeFeature(feature, ({ Rule }) => {
  Rule("A customer registers once, with an email nobody else holds", ({ RuleScenario }) => {
    RuleScenario("A new customer registers with a free email", ({ When, Then, And }) => {
      let result: Decided;
      When(
        "{string} registers as {string} with {string} at time {int}, the email free",
        (_ctx, customerId: string, name: string, email: string, now: number) => {
          result = spec.given([]).when(registration(customerId, name, email, free), { now });
        },
      );
      Then("the events are {string}", (_ctx, types: string) => {
        result.thenEventTypes(types.split(", ") as CustomerEvent["type"][]);
      });
      And(
        "the customer is {string} reached at {string}, registered at {int}",
        (_ctx, name: string, email: string, registeredAt: number) => {
          result.thenState({ customerId: "cust-1", name, email, registeredAt });
        },
      );
    });

    RuleScenario(
      "An email another customer holds is refused without naming them",
      ({ When, Then, And }) => {
        let result: Decided;
        When(
          "{string} registers as {string} with {string}, the email taken",
          (_ctx, customerId: string, name: string, email: string) => {
            result = spec.given([]).when(registration(customerId, name, email, taken));
          },
        );
        Then("the registration is rejected with {string}", (_ctx, code: string) => {
          result.thenRejected(code);
        });
        And(
          "the rejection names the email {string} but not who holds it",
          (_ctx, email: string) => {
            result.thenRejected("EMAIL_ALREADY_REGISTERED", { context: { email } });
            const output = result.output;
            expect(output.status === "rejected" && output.message).toContain(email);
            expect(JSON.stringify(output)).not.toContain("cust-1");
          },
        );
      },
    );

    RuleScenario("A registered customer cannot register again", ({ Given, When, Then }) => {
      let history: CustomerEvent[] = [];
      let result: Decided;
      Given(
        "{string} registered as {string} with {string}",
        (_ctx, customerId: string, name: string, email: string) => {
          history = [
            { type: "CustomerRegistered", data: { customerId, name, email, registeredAt: 1 } },
          ];
        },
      );
      When(
        "{string} registers as {string} with {string}, the email free",
        (_ctx, customerId: string, name: string, email: string) => {
          result = spec.given(history).when(registration(customerId, name, email, free));
        },
      );
      Then("the registration is rejected with {string}", (_ctx, code: string) => {
        result.thenRejected(code, { context: { customerId: "cust-1" } });
      });
    });

    RuleScenario("A registration without the email's lookup is refused", ({ When, Then }) => {
      let result: Decided;
      When(
        "{string} registers as {string} with {string} without looking the email up",
        (_ctx, customerId: string, name: string, email: string) => {
          result = spec.given([]).when(registration(customerId, name, email));
        },
      );
      Then("the registration is rejected with {string}", (_ctx, code: string) => {
        result.thenRejected(code);
      });
    });
  });

  Rule(
    "Names and emails are checked, and emails compared in one form",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "A registration is checked before the email's answer counts",
        ({ When, Then }, variables) => {
          let outcome = "";
          When('"cust-1" registers as "<name>" with "<email>", the email free', () => {
            const command = registration("cust-1", variables.name, variables.email, free);
            outcome = outcomeOf(spec.given([]).when(command).output);
          });
          Then('the outcome is "<outcome>"', () => {
            expect(outcome).toBe(variables.outcome);
          });
        },
      );

      RuleScenario("Emails are compared trimmed and in lower case", ({ Then }) => {
        Then("{string} is compared as {string}", (_ctx, given: string, normalised: string) => {
          expect(normaliseEmail(given)).toBe(normalised);
        });
      });
    },
  );
});
