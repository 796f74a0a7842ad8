export { defineFSM } from "./define-fsm.js";
export { reachableStates, unreachableStates } from "./reachability.js";
export {
  INVALID_TRANSITION,
  InvalidTransitionError,
  isInvalidTransitionError,
} from "./invalid-transition-error.js";
export type { InvalidTransitionReason } from "./invalid-transition-error.js";
export {
  FSMDefinitionError,
  INVALID_FSM_DEFINITION,
  isFSMDefinitionError,
} from "./fsm-definition-error.js";
export { UNKNOWN_STATE, UnknownStateError, isUnknownStateError } from "./unknown-state-error.js";
export type { FSM, FSMDefinition, StateOf } from "./types.js";
