// The workflows' onComplete and the saga admin operations, all internal.
import { createSagaFunctions } from "../../../src/index.js";
import { workflow } from "./sagas.js";

export const { onComplete, list, inspect, retry, cancel } = createSagaFunctions(workflow);
