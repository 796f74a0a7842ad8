// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { formatReport } from "../../scripts/demo/print.js";
import { runStory } from "../../scripts/demo/story.js";
import type { DemoReport } from "../../scripts/demo/story.js";
import { featurePath } from "../support/world.js";

const feature = await loadFeature(featurePath("demo-story.feature"));

describeFeature(feature, ({ Rule, AfterEachScenario }) => {
  let report: DemoReport;
  AfterEachScenario(() => {
    vi.useRealTimers();
  });

  Rule("The story runs every part of the app and its report is consistent", ({ RuleScenario }) => {
    RuleScenario(
      "The story's commands, read models, events and statuses",
      ({ When, Then, And }) => {
        When("the demo story runs", async () => {
          vi.useFakeTimers();
          report = await runStory();
          // The text report renders every part without throwing.
          expect(formatReport(report)).toContain("Warehouse audit");
        });
        Then("its submissions were {string}", (_ctx, outcomes: string) => {
          const submissions = report.steps
            .filter((step) => step.command.startsWith("SubmitOrder"))
            .map(({ outcome }) =>
              outcome.status === "rejected"
                ? `rejected ${outcome.result.code}`
                : `${outcome.status}${outcome.duplicate ? " (duplicate)" : ""}`,
            );
          expect(submissions.join(", ")).toBe(outcomes);
        });
        And(
          "every follow-up command it caused was executed: {string}",
          (_ctx, followUps: string) => {
            const background = /^(orderFulfillment|reservationRelease):/;
            const caused = report.commands.filter(
              (c) => c.commandId.includes(":") && !background.test(c.commandId),
            );
            expect(caused.map((c) => c.commandId).join(", ")).toBe(followUps);
            expect(caused.every((c) => c.status === "executed")).toBe(true);
          },
        );
        And("the saga confirmed ord-1001 and the process manager released ord-1003's stock", () => {
          expect(report.sagas).toEqual([
            { orderId: "ord-1001", status: "completed", attempts: 1 },
            expect.objectContaining({
              orderId: "ord-1003",
              status: "compensated",
              failedStep: "reserve",
            }),
          ]);
          expect(report.releases).toEqual([
            { orderId: "ord-1003", status: "completed", releasedReservationId: "ord-1003" },
          ]);
          const background = report.commands.filter((c) =>
            /^(orderFulfillment|reservationRelease):/.test(c.commandId),
          );
          expect(background.map((c) => `${c.commandType} ${c.status} ${c.events}`)).toEqual([
            "ConfirmOrder executed 1",
            "ConfirmReservation executed 3",
            "ReleaseReservation executed 3",
          ]);
        });
        And("its event log holds {int} events, each once", (_ctx, count: number) => {
          expect(report.eventLog).toHaveLength(count);
          const positions = report.eventLog.map((event) => event.position);
          expect(new Set(positions).size).toBe(count);
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
          // Every event of an executed command is in the log.
          const recorded = report.commands.reduce((sum, c) => sum + c.events, 0);
          expect(recorded).toBe(count);
        });
        And(
          "its read models show ord-1001 confirmed and the stock {string}",
          (_ctx, stock: string) => {
            expect(report.readModels["orderDetails (view): order ord-1001"]).toMatchObject({
              status: "confirmed",
              reservation: { status: "confirmed" },
            });
            const rows = report.readModels["stockAvailability (view): the catalogue"] as {
              productId: string;
              available: number;
            }[];
            expect(rows.map((r) => `${r.productId} ${r.available}`).join(", ")).toBe(stock);
          },
        );
        And("its warehouse audit finds no difference", () => {
          expect(report.audit.mismatches).toBe(0);
          expect(report.audit.scopeVersion).toBe(report.audit.cmsVersion);
        });
      },
    );
  });
});
