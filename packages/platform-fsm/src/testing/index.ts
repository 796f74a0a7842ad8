export {
  assertCanTransition,
  assertCannotTransition,
  assertNotTerminal,
  assertRejectsDefinition,
  assertTerminal,
  assertTransitionTable,
  assertValidTransitions,
} from "./assertions.js";
export type { TransitionRow } from "./assertions.js";
