// `npm start`: prints the order lifecycle story. `--json` prints the same as JSON.
import { runLifecycleStory } from "../src/lifecycleStory.js";
import type { StoryStep } from "../src/lifecycleStory.js";

const story = runLifecycleStory();

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(story, null, 2));
} else {
  printStory();
}

function describeCommand(step: StoryStep): string {
  const { command } = step;
  switch (command.type) {
    case "CreateOrder":
      return `CreateOrder ${command.data.orderId} for ${command.data.customerId}`;
    case "AddOrderItem": {
      const { item } = command.data;
      return `AddOrderItem ${item.quantity} x ${item.productName} at ${item.unitPrice}`;
    }
    case "RemoveOrderItem":
      return `RemoveOrderItem ${command.data.productId}`;
    case "CancelOrder":
      return `CancelOrder (${command.data.reason})`;
    default:
      return command.type;
  }
}

function printStory(): void {
  const line = (text = "") => console.log(text);
  line("convex-es: an order's lifecycle, decided by a pure decider and an FSM");
  line("(the Convex-hosted order-management app grows from this domain)");
  line();
  line("Commands");
  story.steps.forEach((step, index) => {
    const label = `${String(index + 1).padStart(2)}. ${describeCommand(step)}`.padEnd(58, " ");
    const result =
      step.outcome === "rejected"
        ? `rejected ${step.rejection?.code}`
        : `${step.outcome} -> ${step.events.map((event) => event.type).join(", ")}`;
    line(`  ${label} ${result}`);
    if (step.rejection) line(`      ${step.rejection.message}`);
  });
  line();
  line(`Event log (${story.eventLog.length} events)`);
  story.eventLog.forEach((event, index) => {
    line(`  v${index + 1} ${event.type.padEnd(18)} ${JSON.stringify(event.data)}`);
  });
  line();
  line("Final state (events folded with evolve)");
  line(`  ${JSON.stringify(story.finalState)}`);
  line(`  rebuilt from the event log: ${story.rebuiltStateMatches ? "identical" : "DIFFERENT"}`);
  line();
  const { from, to, code, message } = story.invalidTransition;
  line(`Invalid transition ${from} -> ${to}`);
  line(`  ${code}: ${message}`);
}
