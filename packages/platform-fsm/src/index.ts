export { defineFSM } from "./defineFsm.js";
export { reachableStates, unreachableStates } from "./reachability.js";
export {
  INVALID_TRANSITION,
  InvalidTransitionError,
  isInvalidTransitionError,
} from "./invalidTransitionError.js";
export type { InvalidTransitionReason } from "./invalidTransitionError.js";
export {
  FSMDefinitionError,
  INVALID_FSM_DEFINITION,
  isFSMDefinitionError,
} from "./fsmDefinitionError.js";
export { UNKNOWN_STATE, UnknownStateError, isUnknownStateError } from "./unknownStateError.js";
export type { FSM, FSMDefinition, StateOf } from "./types.js";
