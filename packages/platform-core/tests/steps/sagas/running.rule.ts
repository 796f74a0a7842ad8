import type { RuleCallback } from "./world.js";

/** Rule: A saga runs its steps in order, each as a workflow step (shared steps only). */
export const runningRule: RuleCallback = ({ RuleScenario }) => {
  RuleScenario("Every step succeeds and the saga completes", () => {});
  RuleScenario("A later step sees what the earlier steps returned", () => {});
};
