// The demo's report as text for a terminal.
import type { DemoReport, StoryStep } from "./story.js";

function outcomeOf(step: StoryStep): string {
  const { outcome } = step;
  switch (outcome.status) {
    case "executed": {
      const scope =
        outcome.result.scopeKey === undefined
          ? ""
          : `, scope ${outcome.result.scopeKey} v${outcome.result.version}`;
      const events = `${outcome.eventIds.length} event${outcome.eventIds.length === 1 ? "" : "s"}`;
      return outcome.duplicate
        ? `executed (duplicate: the stored result, nothing ran)`
        : `executed (${events}${scope})`;
    }
    case "rejected":
    case "failed":
      return `${outcome.status} ${outcome.result.code}`;
    default:
      return outcome.status;
  }
}

/** A step's error as "CODE: message" when it is a ConvexError's data, else as it is. */
function refusalOf(error: string): string {
  try {
    const data = JSON.parse(error) as { code?: unknown; message?: unknown };
    return typeof data.code === "string" ? `${data.code}: ${String(data.message)}` : error;
  } catch {
    return error;
  }
}

function compact(value: unknown): string {
  return JSON.stringify(value);
}

export function formatReport(report: DemoReport): string {
  const lines: string[] = [];
  const line = (text = "") => lines.push(text);
  line("convex-es order management: the reference app on the embedded runtime");
  line("(convex-test hosts the app; the event store, command bus, projections with their");
  line(" Workpool, the rate limiter, the workflow, the event bus's Workpool and the orders,");
  line(" inventory and customers contexts all run for real)");
  line();
  line("Commands");
  report.steps.forEach((step, index) => {
    const label = `${String(index + 1).padStart(3)}. ${step.actor.padEnd(4)} ${step.command}`;
    line(`${label.padEnd(62)} ${outcomeOf(step)}`);
    if (step.outcome.status === "rejected" || step.outcome.status === "failed") {
      line(`       ${step.outcome.result.message}`);
    }
  });
  line();
  line("Read models, once the projections caught up");
  for (const [name, value] of Object.entries(report.readModels)) {
    line(`  ${name}`);
    const rows =
      Array.isArray(value) && value.length > 0 && typeof value[0] === "object" ? value : [value];
    for (const row of rows) line(`    ${compact(row)}`);
  }
  line();
  line("Fulfilment, from the event log (the saga per order, the release process manager)");
  for (const saga of report.sagas) {
    const failure =
      saga.failedStep === undefined
        ? ""
        : `: step ${saga.failedStep} failed (${refusalOf(saga.error ?? "")})`;
    line(
      `  saga orderFulfillment ${saga.orderId.padEnd(9)} ${saga.status}, ${saga.attempts} attempt(s)${failure}`,
    );
  }
  for (const release of report.releases) {
    const released =
      release.releasedReservationId === null
        ? "nothing held"
        : `released reservation ${release.releasedReservationId}`;
    line(
      `  process manager reservationRelease ${release.orderId.padEnd(9)} ${release.status}, ${released}`,
    );
  }
  line();
  line(`Event log (${report.eventLog.length} events, in global position order)`);
  for (const event of report.eventLog) {
    const where = `${event.stream} v${event.version}`;
    const type =
      event.category === "domain" ? event.eventType : `${event.eventType} (${event.category})`;
    line(`  ${where.padEnd(28)} ${type.padEnd(21)} ${compact(event.payload)}`);
  }
  line();
  line(
    `Command statuses (${report.commands.length} commands; follow-ups named <command>:<step>, the saga's orderFulfillment:<order>:<step>, the process manager's reservationRelease:<order>:<event>:<n>)`,
  );
  const idWidth = Math.max(...report.commands.map((command) => command.commandId.length));
  for (const command of report.commands) {
    const cause =
      command.causationId !== undefined && command.causationId !== command.commandId
        ? ` caused by ${command.causationId}`
        : "";
    const code = command.code === undefined ? "" : ` ${command.code}`;
    line(
      `  ${command.commandId.padEnd(idWidth)} ${command.commandType.padEnd(19)} ${`${command.status}${code}`.padEnd(28)} ${command.events} event(s)${cause}`,
    );
  }
  line();
  const { audit } = report;
  line(
    `Warehouse audit: its virtual stream folds to the inventory CMS (scope v${audit.scopeVersion}, CMS v${audit.cmsVersion}, ${audit.mismatches} difference${audit.mismatches === 1 ? "" : "s"})`,
  );
  return lines.join("\n");
}
